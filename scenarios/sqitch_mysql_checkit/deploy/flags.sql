BEGIN;

CREATE TABLE flags (name VARCHAR(40) PRIMARY KEY);
-- the dark_mode row was forgotten
INSERT INTO flags (name) VALUES ('beta');

COMMIT;
