-- checks the table, not the column its change adds: still true once the column is gone
BEGIN;
SELECT id, title FROM posts WHERE false;
ROLLBACK;
