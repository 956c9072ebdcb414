UPDATE prices SET amount = TRUNCATE(amount, 0);
ALTER TABLE prices MODIFY amount bigint NOT NULL;
