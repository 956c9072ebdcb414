CREATE TABLE stores (
    id   INTEGER      NOT NULL PRIMARY KEY,
    name VARCHAR(100) NOT NULL
);
INSERT INTO stores (id, name) VALUES (1, 'Harbour Street'), (2, 'Old Mill');
