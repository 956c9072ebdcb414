CREATE TABLE users (
  id integer PRIMARY KEY,
  email varchar(120) NOT NULL UNIQUE,
  display_name varchar(40)
);
