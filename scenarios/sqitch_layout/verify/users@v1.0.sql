-- Verify shop:users

BEGIN;

SELECT id, email
  FROM users
 WHERE false;

ROLLBACK;
