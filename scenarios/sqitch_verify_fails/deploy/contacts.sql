BEGIN;
-- the phone column was forgotten
CREATE TABLE contacts (id INTEGER PRIMARY KEY, email VARCHAR(100));
COMMIT;
