-- Version 10 sorts after 3: Flyway orders versions numerically, not as text.
ALTER TABLE users ADD COLUMN bio TEXT;
