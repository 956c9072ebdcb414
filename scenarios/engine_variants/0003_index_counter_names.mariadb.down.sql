DROP INDEX counters_name_lower_idx ON counters;
ALTER TABLE counters DROP COLUMN name_lower;
