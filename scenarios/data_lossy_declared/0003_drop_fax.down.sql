ALTER TABLE contacts ADD COLUMN fax varchar(30);
