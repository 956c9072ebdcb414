-- Defect: the sequence is not owned by the column, so it outlives the table.
DROP TABLE credit_notes;
