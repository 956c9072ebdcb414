-- Verify flipr:users on mysql

BEGIN;

SELECT sqitch.checkit(COUNT(*), 'Table "users" does not exist')
  FROM information_schema.tables
 WHERE table_schema = DATABASE() AND table_name = 'users';

ROLLBACK;
