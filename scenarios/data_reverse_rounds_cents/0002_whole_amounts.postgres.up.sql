ALTER TABLE prices ALTER COLUMN amount TYPE integer USING trunc(amount);
