CREATE TABLE accounts_old (
  id INT PRIMARY KEY,
  branch_id INT NOT NULL,
  balance INT NOT NULL,
  filler CHAR(84),
  note VARCHAR(100),
  FOREIGN KEY (branch_id) REFERENCES branches (id)
);
INSERT INTO accounts_old (id, branch_id, balance, filler, note)
  SELECT id, branch_id, balance, filler, note FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_old RENAME TO accounts;
CREATE INDEX accounts_balance_idx ON accounts (balance);
