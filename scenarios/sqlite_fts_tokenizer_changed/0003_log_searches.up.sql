-- A correct round trip: the shadow tables change, what the virtual table holds does not.
INSERT INTO notes_search (notes_search) VALUES ('optimize');
CREATE TABLE search_log (id INTEGER PRIMARY KEY, query TEXT NOT NULL);
