-- An expression index: the same text on PostgreSQL and SQLite.
CREATE INDEX counters_name_lower_idx ON counters (lower(name));
