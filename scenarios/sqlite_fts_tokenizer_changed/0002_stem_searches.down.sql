-- Wrong: the index comes back, but still stemming.
DROP TABLE notes_search;
CREATE VIRTUAL TABLE notes_search USING fts5(body, content = 'notes', content_rowid = 'id',
                                             tokenize = 'porter unicode61');
