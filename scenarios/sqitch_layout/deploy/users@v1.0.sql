-- Deploy shop:users to any engine

BEGIN;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email VARCHAR(100) NOT NULL
);

COMMIT;
