-- Done right: the sequence belongs to the column, so dropping the table drops it too.
CREATE SEQUENCE invoice_number_seq START WITH 1000;
CREATE TABLE invoices (
    number INTEGER        NOT NULL DEFAULT nextval('invoice_number_seq') PRIMARY KEY,
    total  NUMERIC(12, 2) NOT NULL
);
ALTER SEQUENCE invoice_number_seq OWNED BY invoices.number;
