CREATE TABLE notes (
  id integer PRIMARY KEY,
  title varchar(80) NOT NULL,
  note text
);
