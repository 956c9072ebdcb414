-- crucible:irreversible the fax numbers are deleted for good
ALTER TABLE contacts DROP COLUMN fax;
