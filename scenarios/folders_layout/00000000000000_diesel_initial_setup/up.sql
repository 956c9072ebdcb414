-- Diesel's own setup folder runs like any other migration.
CREATE TABLE app_settings (name VARCHAR(40) PRIMARY KEY, value VARCHAR(200) NOT NULL);
