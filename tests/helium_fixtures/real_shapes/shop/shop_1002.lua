-- Create orders: its summary is over 1 KB, so the library Brotli-compresses that block (the
-- transport shim carries it as base64 on the servers).
return function(engine, design_name, schema_name, cfg)
local queries = {}
cfg.TABLE = "orders"
cfg.MIGRATION = "1002"
cfg.ORDERS_NOTE = string.rep("Orders hold one row per purchase of an item. ", 30)

table.insert(queries, { sql = [[
    INSERT INTO ${SCHEMA}${QUERIES} (
        ${QUERIES_INSERT}
    )
    WITH next_query_id AS (
        SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id
        FROM ${SCHEMA}${QUERIES}
    )
    SELECT
        new_query_id                AS query_id,
        ${MIGRATION}                AS query_ref,
        ${STATUS_ACTIVE}            AS query_status_a27,
        ${TYPE_FORWARD_MIGRATION}   AS query_type_a28,
        ${DIALECT}                  AS query_dialect_a30,
        ${QTC_SLOW}                 AS query_queue_a58,
        ${TIMEOUT}                  AS query_timeout,
        [=[
            CREATE TABLE ${SCHEMA}${TABLE} (
                order_id    ${INTEGER}      NOT NULL,
                item_id     ${INTEGER}      NOT NULL,
                ${COMMON_CREATE}
                ${PRIMARY}(order_id)
            );
            ${SUBQUERY_DELIMITER}
            UPDATE ${SCHEMA}${QUERIES}
              SET query_type_a28 = ${TYPE_APPLIED_MIGRATION}
            WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_FORWARD_MIGRATION};
        ]=]                         AS code,
        'Create ${TABLE} Table'     AS name,
        [=[ # Forward Migration ${MIGRATION}: Create ${TABLE} Table
            ${ORDERS_NOTE}
        ]=]                         AS summary,
        NULL                        AS collection,
        ${COMMON_INSERT}
    FROM next_query_id;
]] })

table.insert(queries, { sql = [[
    INSERT INTO ${SCHEMA}${QUERIES} (
        ${QUERIES_INSERT}
    )
    WITH next_query_id AS (
        SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id
        FROM ${SCHEMA}${QUERIES}
    )
    SELECT
        new_query_id                AS query_id,
        ${MIGRATION}                AS query_ref,
        ${STATUS_ACTIVE}            AS query_status_a27,
        ${TYPE_REVERSE_MIGRATION}   AS query_type_a28,
        ${DIALECT}                  AS query_dialect_a30,
        ${QTC_SLOW}                 AS query_queue_a58,
        ${TIMEOUT}                  AS query_timeout,
        [=[
            DROP TABLE ${SCHEMA}${TABLE};
            ${SUBQUERY_DELIMITER}
            UPDATE ${SCHEMA}${QUERIES}
              SET query_type_a28 = ${TYPE_FORWARD_MIGRATION}
            WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_APPLIED_MIGRATION};
        ]=]                         AS code,
        'Drop ${TABLE} Table'       AS name,
        [=[ # Reverse Migration ${MIGRATION}: Drop ${TABLE} Table ]=] AS summary,
        NULL                        AS collection,
        ${COMMON_INSERT}
    FROM next_query_id;
]] })

table.insert(queries, { sql = [[
    INSERT INTO ${SCHEMA}${QUERIES} (
        ${QUERIES_INSERT}
    )
    WITH next_query_id AS (
        SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id
        FROM ${SCHEMA}${QUERIES}
    )
    SELECT
        new_query_id                AS query_id,
        ${MIGRATION}                AS query_ref,
        ${STATUS_ACTIVE}            AS query_status_a27,
        ${TYPE_DIAGRAM_MIGRATION}   AS query_type_a28,
        ${DIALECT}                  AS query_dialect_a30,
        ${QTC_SLOW}                 AS query_queue_a58,
        ${TIMEOUT}                  AS query_timeout,
        'JSON Table Definition in collection' AS code,
        'Diagram Tables: ${TABLE}'  AS name,
        [=[ # Diagram Migration ${MIGRATION} ]=] AS summary,
        ${JSON_INGEST_START}
        [=[
            {
                "diagram": [
                    {
                        "object_type": "table",
                        "object_id": "table.${TABLE}",
                        "object_ref": "${MIGRATION}",
                        "table": [
                            { "name": "order_id", "datatype": "${INTEGER}", "nullable": false,
                              "primary_key": true, "unique": true },
                            { "name": "item_id", "datatype": "${INTEGER}", "nullable": false,
                              "primary_key": false, "unique": false },
                            ${COMMON_DIAGRAM}
                        ]
                    }
                ]
            }
        ]=]
        ${JSON_INGEST_END}          AS collection,
        ${COMMON_INSERT}
    FROM next_query_id;
]] })

return queries end
