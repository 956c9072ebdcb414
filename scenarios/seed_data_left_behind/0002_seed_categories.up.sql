INSERT INTO categories (code, title) VALUES
    ('books', 'Books'),
    ('games', 'Games'),
    ('toys',  'Toys');
