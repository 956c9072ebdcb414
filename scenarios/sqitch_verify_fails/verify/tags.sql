BEGIN;
SELECT id, label FROM tags WHERE false;
ROLLBACK;
