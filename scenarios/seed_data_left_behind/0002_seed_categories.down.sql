-- Defect: deletes one of the three seeded rows.
DELETE FROM categories WHERE code = 'books';
