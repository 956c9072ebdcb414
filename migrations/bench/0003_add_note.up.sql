-- A nullable column without a default: a catalog-only change on every engine (constant time).
ALTER TABLE accounts ADD COLUMN note VARCHAR(100);
