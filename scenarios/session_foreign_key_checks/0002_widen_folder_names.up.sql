-- The rebuild-a-table pattern of projects whose runner sets FOREIGN_KEY_CHECKS=0 (vaultwarden):
-- the parent is dropped while a foreign key still references it, and its copy takes its name.
CREATE TABLE folders_new (id INT PRIMARY KEY, name VARCHAR(200) NOT NULL);
INSERT INTO folders_new (id, name) SELECT id, name FROM folders;
DROP TABLE folders;
ALTER TABLE folders_new RENAME TO folders;
