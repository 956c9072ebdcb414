CREATE TABLE contacts (
  id integer PRIMARY KEY,
  name varchar(60) NOT NULL,
  fax varchar(30),
  pager varchar(30)
);
