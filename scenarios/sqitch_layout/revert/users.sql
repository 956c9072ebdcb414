-- Revert shop:users to its v1.0 version

BEGIN;

ALTER TABLE users DROP COLUMN nickname;

COMMIT;
