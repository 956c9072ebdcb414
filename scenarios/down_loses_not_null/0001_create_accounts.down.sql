DROP TABLE legacy_notes;
DROP TABLE accounts;
