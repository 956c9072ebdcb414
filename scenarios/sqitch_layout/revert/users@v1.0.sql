-- Revert shop:users

BEGIN;

DROP TABLE users;

COMMIT;
