CREATE TABLE events (
    id      INTEGER     NOT NULL PRIMARY KEY,
    kind    VARCHAR(20) NOT NULL,
    payload TEXT,
    CONSTRAINT events_kind_check CHECK (kind <> '')
);
CREATE INDEX events_kind_idx ON events (kind);
CREATE VIEW recent_events AS SELECT id, payload FROM events WHERE id > 100;
