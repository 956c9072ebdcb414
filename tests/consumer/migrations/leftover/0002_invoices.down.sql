-- Forgets invoice_lines: the table survives the reverse.
DROP TABLE invoices;
