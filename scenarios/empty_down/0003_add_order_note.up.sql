-- After a reverse that did nothing the state is still known (after the first forward),
-- so the run goes on.
ALTER TABLE orders ADD COLUMN note VARCHAR(200);
