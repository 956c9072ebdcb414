ALTER TABLE cities MODIFY name varchar(12) NOT NULL;
