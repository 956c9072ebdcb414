-- Bootstrap in the public library's shapes: ${COMMON_CREATE} directly before ${PRIMARY}(…), the
-- helper functions, then rows inserted as WITH next_query_id … SELECT …, ${COMMON_INSERT}. The
-- forward row is registered as applied (1003); the diagram row is {"diagram": [template, table]}
-- with an SVG whose line breaks are raw inside the JSON string.
return function(engine, design_name, schema_name, cfg)
local queries = {}
cfg.TABLE = "queries"
cfg.MIGRATION = "1000"

table.insert(queries, { sql = [[
    CREATE TABLE ${SCHEMA}${QUERIES} (
        query_id            ${INTEGER}      NOT NULL,
        query_ref           ${INTEGER}      NOT NULL,
        query_status_a27    ${INTEGER}      NOT NULL,
        query_type_a28      ${INTEGER}      NOT NULL,
        query_dialect_a30   ${INTEGER}      NOT NULL,
        query_queue_a58     ${INTEGER}      NOT NULL,
        query_timeout       ${INTEGER}      NOT NULL,
        code                ${TEXT_BIG}     NOT NULL,
        name                ${TEXT}         NOT NULL,
        summary             ${TEXT_BIG}             ,
        collection          ${JSON}                 ,
        ${COMMON_CREATE}
        ${PRIMARY}(query_id),
        ${UNIQUE}(query_ref, query_type_a28)
    );
]] })

if engine ~= "sqlite" then table.insert(queries, { sql = [[
    ${JSON_INGEST_FUNCTION}
]] }) end

table.insert(queries, { sql = [[
    ${BROTLI_DECOMPRESS_FUNCTION}
]] })

local function row(type_macro, code, name, collection)
  return [[
    INSERT INTO ${SCHEMA}${QUERIES} (
        ${QUERIES_INSERT}
    )
    WITH next_query_id AS (
        SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id
        FROM ${SCHEMA}${QUERIES}
    )
    SELECT
        new_query_id            AS query_id,
        ${MIGRATION}            AS query_ref,
        ${STATUS_ACTIVE}        AS query_status_a27,
        ${]] .. type_macro .. [[}  AS query_type_a28,
        ${DIALECT}              AS query_dialect_a30,
        ${QTC_SLOW}             AS query_queue_a58,
        ${TIMEOUT}              AS query_timeout,
        ]] .. code .. [[        AS code,
        ']] .. name .. [['      AS name,
        [=[
            # Migration ${MIGRATION}: ]] .. name .. [[

        ]=]                     AS summary,
        ]] .. collection .. [[  AS collection,
        ${COMMON_INSERT}
    FROM next_query_id;
]]
end

table.insert(queries, { sql = row("TYPE_APPLIED_MIGRATION",
  "[=[ CREATE TABLE ${SCHEMA}${TABLE} (created directly by the bootstrap) ]=]",
  "Create ${TABLE} Table", "NULL") })
-- The helper function goes with the table, so the reverse leaves the database as it found it.
local drop_helpers = engine == "postgresql"
  and " ${SUBQUERY_DELIMITER}\n DROP FUNCTION ${SCHEMA}json_ingest(text);" or ""
table.insert(queries, { sql = row("TYPE_REVERSE_MIGRATION",
  "[=[ DROP TABLE ${SCHEMA}${TABLE};\n" .. drop_helpers .. " ]=]", "Drop ${TABLE} Table", "NULL") })
table.insert(queries, { sql = row("TYPE_DIAGRAM_MIGRATION",
  "'JSON Table Definition in collection'", "Diagram Tables: ${TABLE}", [[
        ${JSON_INGEST_START}
        [=[
            {
                "diagram": [
                    {
                        "object_type": "template",
                        "object_id": "base template",
                        "object_value": "<svg xmlns=\"http://www.w3.org/2000/svg\"
                                              width=\"2520\" height=\"1980\">
                                            <rect x=\"18\" y=\"18\" width=\"2484\" height=\"1944\"/>
                                         </svg>"
                    },
                    {
                        "object_type": "table",
                        "object_id": "table.${TABLE}",
                        "object_ref": "${MIGRATION}",
                        "table": [
                            { "name": "query_id", "datatype": "${INTEGER}", "nullable": false,
                              "primary_key": true, "unique": true },
                            { "name": "query_ref", "datatype": "${INTEGER}", "nullable": false,
                              "primary_key": false, "unique": true },
                            { "name": "query_status_a27", "datatype": "${INTEGER}", "nullable": false,
                              "primary_key": false, "unique": false, "lookup": true },
                            { "name": "query_type_a28", "datatype": "${INTEGER}", "nullable": false,
                              "primary_key": false, "unique": true, "lookup": true },
                            { "name": "query_dialect_a30", "datatype": "${INTEGER}", "nullable": false,
                              "primary_key": false, "unique": false, "lookup": true },
                            { "name": "query_queue_a58", "datatype": "${INTEGER}", "nullable": false,
                              "primary_key": false, "unique": false, "lookup": true },
                            { "name": "query_timeout", "datatype": "${INTEGER}", "nullable": false,
                              "primary_key": false, "unique": false },
                            { "name": "code", "datatype": "${TEXT_BIG}", "nullable": false,
                              "primary_key": false, "unique": false },
                            { "name": "name", "datatype": "${TEXT}", "nullable": false,
                              "primary_key": false, "unique": false },
                            { "name": "summary", "datatype": "${TEXT_BIG}", "nullable": true,
                              "primary_key": false, "unique": false },
                            { "name": "collection", "datatype": "${JSON}", "nullable": true,
                              "primary_key": false, "unique": false },
                            ${COMMON_DIAGRAM}
                        ]
                    }
                ]
            }
        ]=]
        ${JSON_INGEST_END}
]]) })

return queries end
