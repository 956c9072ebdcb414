-- MariaDB has no functional indexes: index a virtual generated column instead.
ALTER TABLE counters ADD COLUMN name_lower VARCHAR(80) AS (lower(name)) VIRTUAL;
CREATE INDEX counters_name_lower_idx ON counters (name_lower);
