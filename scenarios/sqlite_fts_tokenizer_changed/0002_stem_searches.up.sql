-- Searches match word stems: the index is rebuilt with the porter tokenizer.
DROP TABLE notes_search;
CREATE VIRTUAL TABLE notes_search USING fts5(body, content = 'notes', content_rowid = 'id',
                                             tokenize = 'porter unicode61');
INSERT INTO notes_search (notes_search) VALUES ('rebuild');
