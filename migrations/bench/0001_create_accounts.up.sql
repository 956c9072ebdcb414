-- Two tables shaped like pgbench's: branches and accounts (filler CHAR(84), as pgbench_accounts).
CREATE TABLE branches (
  id INT PRIMARY KEY,
  name VARCHAR(40) NOT NULL UNIQUE
);
CREATE TABLE accounts (
  id INT PRIMARY KEY,
  branch_id INT NOT NULL,
  balance INT NOT NULL,
  filler CHAR(84),
  FOREIGN KEY (branch_id) REFERENCES branches (id)
);
