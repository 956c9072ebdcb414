BEGIN;
SELECT id, kind, customer_id FROM audit_log WHERE false;
SELECT code FROM audit_kinds WHERE false;
ROLLBACK;
