-- A full-text index of notes: FTS5 keeps its index in shadow tables of its own.
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE VIRTUAL TABLE notes_search USING fts5(body, content = 'notes', content_rowid = 'id');
