DROP VIEW recent_events;
DROP TABLE events;
