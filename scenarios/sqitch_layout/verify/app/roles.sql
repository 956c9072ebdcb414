BEGIN;
-- sqitch's idiom: division by zero when the seed row is missing
SELECT 1/COUNT(*) FROM roles WHERE name = 'admin';
ROLLBACK;
