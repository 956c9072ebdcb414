-- Revert audit:audit
-- forgets audit_kinds

BEGIN;

DROP TABLE audit_log;

COMMIT;
