ALTER TABLE customers MODIFY name varchar(50) NOT NULL;
