ALTER TABLE cities MODIFY name varchar(60) NOT NULL;
