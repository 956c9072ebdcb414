DROP TABLE accounts;
DROP TABLE branches;
