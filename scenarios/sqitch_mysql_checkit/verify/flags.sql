BEGIN;
SELECT sqitch.checkit(COUNT(*), 'Flag dark_mode is missing') FROM flags WHERE name = 'dark_mode';
ROLLBACK;
