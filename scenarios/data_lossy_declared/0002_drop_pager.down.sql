-- crucible:lossy dropping the legacy pager column: its numbers are not kept
ALTER TABLE contacts ADD COLUMN pager varchar(30);
