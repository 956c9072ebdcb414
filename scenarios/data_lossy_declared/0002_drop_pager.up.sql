ALTER TABLE contacts DROP COLUMN pager;
