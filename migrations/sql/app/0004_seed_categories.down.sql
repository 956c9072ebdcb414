DELETE FROM categories WHERE code IN ('books', 'games', 'garden');
