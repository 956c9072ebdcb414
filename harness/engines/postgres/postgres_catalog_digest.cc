// The digest is one prepared statement over pg_catalog. Where the snapshot deparses per column
// or per index key (format_type, pg_get_indexdef(oid, k)), the digest hashes the raw fields
// those texts are made from, with every OID replaced by the name it stands for (an OID changes
// when an object is re-created, and a re-apply re-creates what its forward creates); a whole
// index, constraint, view, trigger or routine is deparsed once, since its text names the objects
// it borrows from. Column lists are hashed in attnum order without the numbers themselves: after
// DROP COLUMN and ADD COLUMN the numbers differ but the order, which is what the catalog
// compares, does not.
#include "harness/engines/postgres/postgres_catalog_digest.h"

#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "harness/engines/postgres/postgres_catalog_sql.h"

namespace crucible::postgres {
namespace {

constexpr const char* kStatement = "crucible_digest";
constexpr const char* kStatementMissing = "26000";  // invalid_sql_statement_name

// Every line starts with its kind and quotes each text with %L (quote_nullable), so the
// concatenation of the sorted lines reads back one way only.
std::string digest_sql() {
  const std::string user = sql::in_user_schema("n.nspname");
  return fmt::format(R"(
WITH rel AS (
  SELECT c.oid, c.relkind, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name,
         c.relpersistence, c.reloptions, c.relrowsecurity, c.relforcerowsecurity,
         c.relispartition, c.relpartbound
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.oid >= 16384 AND {user}
)
SELECT count(*) || ':' || md5(string_agg(line, E'\n' ORDER BY line COLLATE "C")) FROM (
  SELECT format('schema %L', n.nspname) FROM pg_namespace n WHERE {user}
UNION ALL
  SELECT format('relation %s %L %L %L %s %s %L %L', r.name, r.relkind, r.relpersistence,
                r.reloptions, r.relrowsecurity, r.relforcerowsecurity,
                CASE WHEN r.relkind = 'p' THEN pg_get_partkeydef(r.oid) END,
                CASE WHEN r.relispartition THEN pg_get_expr(r.relpartbound, r.oid) END)
  FROM rel r
UNION ALL
  SELECT format('inherits %s %L %s', r.name, coalesce(p.name, i.inhparent::text), i.inhseqno)
  FROM pg_inherits i JOIN rel r ON r.oid = i.inhrelid LEFT JOIN rel p ON p.oid = i.inhparent
UNION ALL
  SELECT format('columns %s %s', r.name, string_agg(
           format('%L %L %L %s %s %L %L %L %L', a.attname, tn.nspname, t.typname, a.atttypmod,
                  a.attnotnull, a.attidentity, a.attgenerated,
                  CASE WHEN a.attcollation < 16384 THEN a.attcollation::text
                       ELSE (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                             FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
                             WHERE co.oid = a.attcollation) END,
                  pg_get_expr(d.adbin, d.adrelid, true)),
           ', ' ORDER BY a.attnum))
  FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  GROUP BY r.name
UNION ALL
  SELECT format('comment %s %L %L', r.name, a.attname, d.description)
  FROM pg_description d JOIN rel r ON r.oid = d.objoid
  LEFT JOIN pg_attribute a ON a.attrelid = d.objoid AND a.attnum = d.objsubid AND d.objsubid > 0
  WHERE d.classoid = 'pg_class'::regclass
UNION ALL
  SELECT format('constraint %s %L %L %L %L', coalesce(r.name, format_type(con.contypid, NULL)),
                con.conname, con.contype, con.conparentid <> 0,
                pg_get_constraintdef(con.oid, true))
  FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
  LEFT JOIN rel r ON r.oid = con.conrelid
  WHERE con.oid >= 16384 AND {user}
UNION ALL
  SELECT format('index %s %L', r.name, pg_get_indexdef(r.oid)) FROM rel r WHERE r.relkind IN ('i', 'I')
UNION ALL
  SELECT format('view %s %L', r.name, pg_get_viewdef(r.oid, true)) FROM rel r WHERE r.relkind IN ('v', 'm')
UNION ALL
  SELECT format('sequence %s %s %s %s %s %s %s %s', r.name, s.seqtypid, s.seqstart, s.seqincrement,
                s.seqmax, s.seqmin, s.seqcache, s.seqcycle)
  FROM pg_sequence s JOIN rel r ON r.oid = s.seqrelid
UNION ALL
  SELECT format('depends %s %L %L %L', r.name, t.name, a.attname, d.deptype)
  FROM pg_depend d JOIN rel r ON d.classid = 'pg_class'::regclass AND r.oid = d.objid
  JOIN rel t ON d.refclassid = 'pg_class'::regclass AND t.oid = d.refobjid
  LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
  WHERE r.relkind = 'S' AND d.deptype IN ('a', 'i')
UNION ALL
  SELECT format('member %L %L', e.extname, pg_describe_object(d.classid, d.objid, d.objsubid))
  FROM pg_depend d JOIN pg_extension e ON d.refclassid = 'pg_extension'::regclass AND e.oid = d.refobjid
  WHERE d.deptype = 'e'
UNION ALL
  SELECT format('trigger %s %L %L %L', r.name, t.tgname, t.tgenabled, pg_get_triggerdef(t.oid, true))
  FROM pg_trigger t JOIN rel r ON r.oid = t.tgrelid WHERE NOT t.tgisinternal
UNION ALL
  SELECT format('routine %L %L %L %L %L', n.nspname, p.proname,
                pg_get_function_identity_arguments(p.oid), p.prokind,
                CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) END)
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE p.oid >= 16384 AND {user}
UNION ALL
  SELECT format('type %L %L %L %L %s %L %L %L', n.nspname, t.typname, t.typtype,
                format_type(t.typbasetype, t.typtypmod), t.typnotnull,
                pg_get_expr(t.typdefaultbin, 0, true),
                CASE WHEN t.typcollation < 16384 THEN t.typcollation::text
                     ELSE (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                           FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
                           WHERE co.oid = t.typcollation) END,
                format_type(rg.rngsubtype, NULL))
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_range rg ON rg.rngtypid = t.oid
  WHERE t.oid >= 16384 AND t.typtype IN ('e', 'd', 'r', 'm') AND {user}
UNION ALL
  SELECT format('label %L %L %L %s', n.nspname, t.typname, e.enumlabel, e.enumsortorder)
  FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace
UNION ALL
  SELECT format('collation %L %L %L %s %L %L', n.nspname, co.collname, co.collprovider,
                co.collisdeterministic, co.collcollate, co.collctype)
  FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace WHERE co.oid >= 16384
UNION ALL
  SELECT format('extension %L %L', x.extname, x.extversion) FROM pg_extension x
) lines(line))",
                     fmt::arg("user", user));
}

constexpr const char* kBegin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
// pg_temp last: see kSessionSettings in postgres_catalog.cc.
constexpr const char* kSearchPath = "SET LOCAL search_path TO public, pg_temp";

// BEGIN, SET, EXECUTE, COMMIT in one round trip. Returns nothing when the statement is not
// prepared on this session (the transaction is then rolled back).
std::optional<std::string> execute(pqxx::nontransaction& tx) {
  std::optional<std::string> digest;
  bool missing = false;
  {
    pqxx::pipeline pipe(tx);
    pipe.insert(kBegin);
    pipe.insert(kSearchPath);
    auto id = pipe.insert(fmt::format("EXECUTE {}", kStatement));
    pipe.insert("COMMIT");
    try {
      digest = pipe.retrieve(id)[0][0].c_str();
      pipe.complete();
    } catch (const pqxx::sql_error& e) {
      if (e.sqlstate() != kStatementMissing) throw;
      missing = true;
    }
  }
  if (missing) tx.exec("ROLLBACK");
  return digest;
}

}  // namespace

std::string catalog_digest(pqxx::connection& connection, DigestStatement& prepared) {
  pqxx::nontransaction tx(connection);
  try {
    if (prepared.backend_pid == connection.backendpid())
      if (auto digest = execute(tx)) return "pg1:" + *digest;
    // A new backend, or a migration deallocated the statement (DEALLOCATE ALL, DISCARD ALL).
    if (tx.exec(fmt::format("SELECT 1 FROM pg_prepared_statements WHERE name = '{}'",
                            kStatement)).empty())
      tx.exec(fmt::format("PREPARE {} AS {}", kStatement, digest_sql()));
    prepared.backend_pid = connection.backendpid();
    if (auto digest = execute(tx)) return "pg1:" + *digest;
  } catch (...) {
    try {
      tx.exec("ROLLBACK");
    } catch (...) {  // the connection is gone: the first error is the one to report
    }
    throw;
  }
  throw std::runtime_error("the catalog digest statement vanished as it was prepared");
}

}  // namespace crucible::postgres
