DROP TABLE books;
DROP TABLE people;
