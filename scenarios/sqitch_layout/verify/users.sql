BEGIN;
SELECT id, email, nickname FROM users WHERE false;
ROLLBACK;
