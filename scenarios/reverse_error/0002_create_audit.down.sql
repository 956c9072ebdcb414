DROP TABLE audit_archive;
-- Defect: a typo in the table name; the first statement has already run.
DROP TABLE audit_logs;
