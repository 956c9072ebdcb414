BEGIN;
SELECT 1/COUNT(*) FROM roles WHERE name = 'admin';
SELECT 1/COUNT(*) FROM roles WHERE name = 'owner';
ROLLBACK;
