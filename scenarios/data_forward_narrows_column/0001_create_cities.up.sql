CREATE TABLE cities (
  id integer PRIMARY KEY,
  name varchar(60) NOT NULL
);
