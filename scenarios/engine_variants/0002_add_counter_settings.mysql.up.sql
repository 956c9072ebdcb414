-- MariaDB stores JSON as LONGTEXT with an implicit CHECK (json_valid(settings)).
ALTER TABLE counters ADD COLUMN settings JSON;
