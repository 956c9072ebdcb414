ALTER TABLE order_items ADD CONSTRAINT order_items_quantity_max CHECK (quantity <= 1000);
