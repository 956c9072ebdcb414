-- A bootstrap whose LOAD fails after its CREATE TABLE: MariaDB has committed the table
-- implicitly, but no row of 1000 exists yet.
return function(engine, design_name, schema_name, cfg)
  cfg.TABLE = "queries"
  cfg.MIGRATION = "1000"
  return {
    { sql = [[
CREATE TABLE ${SCHEMA}${QUERIES} (
  query_id ${INTEGER} NOT NULL,
  query_ref ${INTEGER} NOT NULL,
  query_type_a28 ${INTEGER} NOT NULL,
  code ${TEXT_BIG},
  ${COMMON_CREATE}
  ${PRIMARY}(query_id)
)]] },
    { sql = [[INSERT INTO ${SCHEMA}no_such_table (id) VALUES (1)]] },
  }
end
