-- A stored query (QueryRef #001), the shape of the real design's later files: the forward code
-- inserts a query row whose own code and summary are [==[ … ]==] blocks nested inside the
-- migration's [=[ … ]=] code, then marks the migration applied; the reverse deletes that row.
return function(engine, design_name, schema_name, cfg)
local queries = {}
cfg.MIGRATION = "1003"
cfg.QUERY_REF = "001"
cfg.QUERY_NAME = "Orders Of An Item"

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
            INSERT INTO ${SCHEMA}${QUERIES} (
                ${QUERIES_INSERT}
            )
            WITH next_query_id AS (
                SELECT COALESCE(MAX(query_id), 0) + 1 AS new_query_id
                FROM ${SCHEMA}${QUERIES}
            )
            SELECT
                new_query_id                AS query_id,
                ${QUERY_REF}                AS query_ref,
                ${STATUS_ACTIVE}            AS query_status_a27,
                1                           AS query_type_a28,
                ${DIALECT}                  AS query_dialect_a30,
                ${QTC_MEDIUM}               AS query_queue_a58,
                ${TIMEOUT}                  AS query_timeout,
                [==[
                    SELECT order_id FROM ${SCHEMA}orders WHERE item_id = :ITEMID
                ]==]                        AS code,
                '${QUERY_NAME}'             AS name,
                [==[ # QueryRef #${QUERY_REF} - ${QUERY_NAME} ]==] AS summary,
                '{}'                        AS collection,
                ${COMMON_INSERT}
            FROM next_query_id;
            ${SUBQUERY_DELIMITER}
            UPDATE ${SCHEMA}${QUERIES}
              SET query_type_a28 = ${TYPE_APPLIED_MIGRATION}
            WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_FORWARD_MIGRATION};
        ]=]                         AS code,
        'Populate QueryRef #${QUERY_REF}' AS name,
        [=[ # Forward Migration ${MIGRATION} ]=] AS summary,
        '{}'                        AS collection,
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
            DELETE FROM ${SCHEMA}${QUERIES} WHERE query_ref = ${QUERY_REF};
            ${SUBQUERY_DELIMITER}
            UPDATE ${SCHEMA}${QUERIES}
              SET query_type_a28 = ${TYPE_FORWARD_MIGRATION}
            WHERE query_ref = ${MIGRATION} AND query_type_a28 = ${TYPE_APPLIED_MIGRATION};
        ]=]                         AS code,
        'Remove QueryRef #${QUERY_REF}' AS name,
        [=[ # Reverse Migration ${MIGRATION} ]=] AS summary,
        '{}'                        AS collection,
        ${COMMON_INSERT}
    FROM next_query_id;
]] })

return queries
end
