DROP FUNCTION IF EXISTS crucible_manage_updated_at(_tbl regclass);
DROP FUNCTION IF EXISTS crucible_set_updated_at();
