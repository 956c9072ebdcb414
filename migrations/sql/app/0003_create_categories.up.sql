-- Categories are keyed by a short code, so this table is the same on every engine.
CREATE TABLE categories (
    code  VARCHAR(32)  NOT NULL,
    title VARCHAR(100) NOT NULL,
    CONSTRAINT categories_pkey PRIMARY KEY (code),
    CONSTRAINT categories_code_check CHECK (code <> '')
);
