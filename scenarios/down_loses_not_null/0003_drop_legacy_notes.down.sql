-- Defect: body was NOT NULL.
CREATE TABLE legacy_notes (
    id         INTEGER NOT NULL PRIMARY KEY,
    account_id INTEGER NOT NULL,
    body       TEXT
);
