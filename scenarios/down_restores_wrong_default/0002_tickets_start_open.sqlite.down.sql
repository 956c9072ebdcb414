-- Defect: the default before this migration was 'new', not 'pending'.
CREATE TABLE tickets_new (
    id     INTEGER      NOT NULL PRIMARY KEY,
    title  VARCHAR(200) NOT NULL,
    status VARCHAR(16)  NOT NULL DEFAULT 'pending'
);
INSERT INTO tickets_new (id, title, status) SELECT id, title, status FROM tickets;
DROP TABLE tickets;
ALTER TABLE tickets_new RENAME TO tickets;
