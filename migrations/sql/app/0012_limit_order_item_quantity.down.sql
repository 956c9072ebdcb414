ALTER TABLE order_items DROP CONSTRAINT order_items_quantity_max;
