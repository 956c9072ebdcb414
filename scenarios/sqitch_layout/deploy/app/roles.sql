-- Deploy shop:app/roles
-- requires: users

BEGIN;

CREATE TABLE roles (
  name VARCHAR(30) PRIMARY KEY
);

INSERT INTO roles (name) VALUES ('admin');

COMMIT;
