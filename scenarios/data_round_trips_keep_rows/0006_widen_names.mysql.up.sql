ALTER TABLE customers MODIFY name varchar(200) NOT NULL;
