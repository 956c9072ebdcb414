-- After a migration without a usable down the state is still known (the reverse never ran),
-- so the run goes on.
ALTER TABLE orders ADD COLUMN note VARCHAR(200);
