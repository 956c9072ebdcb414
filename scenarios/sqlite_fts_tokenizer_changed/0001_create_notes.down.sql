DROP TABLE notes_search;
DROP TABLE notes;
