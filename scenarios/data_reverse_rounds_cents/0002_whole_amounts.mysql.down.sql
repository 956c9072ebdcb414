ALTER TABLE prices MODIFY amount decimal(10,2) NOT NULL;
