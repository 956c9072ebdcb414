ALTER TABLE users ADD COLUMN nickname VARCHAR(40);
CREATE INDEX users_email_idx ON users (email);
