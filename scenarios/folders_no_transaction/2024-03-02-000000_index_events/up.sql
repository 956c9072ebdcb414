CREATE INDEX CONCURRENTLY events_kind ON events (kind);
-- VACUUM refuses to run in a transaction block, and Crucible does not guess that on its own.
VACUUM ANALYZE events;
