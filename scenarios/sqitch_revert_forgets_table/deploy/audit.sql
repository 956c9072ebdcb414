-- Deploy audit:audit

BEGIN;

CREATE TABLE audit_kinds (code VARCHAR(20) PRIMARY KEY);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  kind VARCHAR(20) NOT NULL,
  customer_id INTEGER
);

COMMIT;
