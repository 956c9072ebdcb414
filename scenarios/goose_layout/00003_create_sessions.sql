-- +goose NO TRANSACTION
-- +goose Up
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id)
);

-- +goose Down
DROP TABLE sessions;
