DROP TABLE legacy_notes;
