-- Defect: the check was price >= 0; free products are now rejected.
ALTER TABLE products DROP CONSTRAINT products_price_check;
ALTER TABLE products ADD CONSTRAINT products_price_check CHECK (price > 0);
