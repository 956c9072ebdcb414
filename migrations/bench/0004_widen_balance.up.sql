-- SQLite cannot change a column's type: the table is rebuilt (a new table, the rows copied,
-- the old one dropped and the new one renamed), which is linear in the rows.
CREATE TABLE accounts_new (
  id INT PRIMARY KEY,
  branch_id INT NOT NULL,
  balance BIGINT NOT NULL,
  filler CHAR(84),
  note VARCHAR(100),
  FOREIGN KEY (branch_id) REFERENCES branches (id)
);
INSERT INTO accounts_new (id, branch_id, balance, filler, note)
  SELECT id, branch_id, balance, filler, note FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_new RENAME TO accounts;
CREATE INDEX accounts_balance_idx ON accounts (balance);
