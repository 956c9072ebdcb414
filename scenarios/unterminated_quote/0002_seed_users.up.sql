INSERT INTO users (id, email) VALUES (1, 'ada@example.com');
INSERT INTO users (id, email) VALUES (2, 'grace@example.com);
DELETE FROM users WHERE id = 1;
