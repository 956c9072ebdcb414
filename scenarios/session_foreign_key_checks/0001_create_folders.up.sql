CREATE TABLE folders (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL);
CREATE TABLE ciphers (
  id INT PRIMARY KEY,
  folder_id INT,
  CONSTRAINT ciphers_folder_fk FOREIGN KEY (folder_id) REFERENCES folders (id)
);
