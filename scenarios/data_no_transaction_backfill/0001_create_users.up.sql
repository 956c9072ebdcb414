CREATE TABLE users (
  id integer PRIMARY KEY,
  email varchar(120) NOT NULL,
  display_name varchar(40)
);
