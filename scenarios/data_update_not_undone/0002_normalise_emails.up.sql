ALTER TABLE users ADD COLUMN email_checked integer;
UPDATE users SET email = lower(email), email_checked = 1;
