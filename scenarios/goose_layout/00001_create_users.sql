-- Users of the service.
-- +goose Up
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email VARCHAR(120) NOT NULL
);

-- +goose Down
DROP TABLE users;
