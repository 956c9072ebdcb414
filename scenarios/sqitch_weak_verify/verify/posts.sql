BEGIN;
SELECT id, title FROM posts WHERE false;
ROLLBACK;
