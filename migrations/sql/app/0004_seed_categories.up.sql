-- Reference data the shop cannot run without. The down deletes exactly these rows, so that
-- applying this migration again does not collide with the primary key.
INSERT INTO categories (code, title) VALUES
    ('books',  'Books'),
    ('games',  'Games & Puzzles'),
    ('garden', 'Garden');
