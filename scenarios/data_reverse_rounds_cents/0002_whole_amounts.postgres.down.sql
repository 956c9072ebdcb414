-- Back to numeric(10,2): the schema round-trips, the cents do not come back.
ALTER TABLE prices ALTER COLUMN amount TYPE numeric(10,2);
