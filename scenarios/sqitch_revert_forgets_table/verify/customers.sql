SELECT id, name FROM customers WHERE false;
