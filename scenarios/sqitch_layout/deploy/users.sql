-- Deploy shop:users (reworked: adds the nickname)

BEGIN;

ALTER TABLE users ADD COLUMN nickname VARCHAR(50);

COMMIT;
