CREATE TABLE contacts (
    id    INTEGER      NOT NULL PRIMARY KEY,
    name  VARCHAR(100) NOT NULL,
    phone VARCHAR(30),
    fax   VARCHAR(30)
);
