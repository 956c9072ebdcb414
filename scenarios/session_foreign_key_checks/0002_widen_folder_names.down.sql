CREATE TABLE folders_old (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL);
INSERT INTO folders_old (id, name) SELECT id, name FROM folders;
DROP TABLE folders;
ALTER TABLE folders_old RENAME TO folders;
