CREATE SEQUENCE credit_note_number_seq START WITH 5000;
CREATE TABLE credit_notes (
    number         INTEGER        NOT NULL DEFAULT nextval('credit_note_number_seq') PRIMARY KEY,
    invoice_number INTEGER        NOT NULL REFERENCES invoices (number),
    amount         NUMERIC(12, 2) NOT NULL
);
