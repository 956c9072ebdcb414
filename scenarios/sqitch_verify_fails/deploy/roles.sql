BEGIN;
CREATE TABLE roles (name VARCHAR(30) PRIMARY KEY);
-- the owner row was forgotten
INSERT INTO roles (name) VALUES ('admin');
COMMIT;
