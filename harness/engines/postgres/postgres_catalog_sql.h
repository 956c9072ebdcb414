// Internals of the catalog reader shared by its files: SQL fragments that every query uses the
// same way, field helpers, and one reader per kind of object.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "harness/catalog/catalog.h"
#include "harness/engines/postgres/postgres_catalog_packed.h"
#include "harness/engines/text_rows.h"

namespace crucible::postgres::sql {

// `schema.name`, or just `name` in public: the naming rule of every object in the snapshot.
std::string qualified(const std::string& schema_column, const std::string& name_column);
// True for the schemas users own: not pg_catalog, information_schema, pg_toast*, pg_temp*.
std::string in_user_schema(const std::string& schema_column);
// True for an object users made in a user schema: in_user_schema, and an OID of initdb's
// FirstNormalObjectId (16384) or more (built-in objects are below). The bound never excludes a
// user object; it lets the planner range-scan the catalogs' oid indexes instead of reading
// thousands of built-in rows (the routine query on an empty schema: 0.37 ms -> 0.07 ms, as it
// no longer reads all of pg_proc).
std::string user_object(const std::string& oid_column, const std::string& schema_column);
// True unless the object is a member of an extension (pg_depend deptype 'e').
std::string not_in_extension(const std::string& catalog_table, const std::string& oid_column);

// The prepared statements a session has for snapshots, in the order the readers ask for them.
// The session's first snapshot prepares them all; later snapshots send every EXECUTE in one round
// trip instead of one each (verify snapshots the same session hundreds of times, and on a small
// schema the round trips cost as much as the queries).
struct CatalogStatements {
  int backend_pid = 0;  // the session that prepared them: a new connection starts over
  std::vector<std::pair<std::string, std::string>> list;  // name, SQL
  // The MD5 of each statement's text in pg_prepared_statements as the session's first snapshot
  // left it: the server keeps the whole query string a PREPARE came in, and that snapshot sends
  // all of them in one string. Read back in that same string, so nothing else ran between.
  std::map<std::string, std::string> digests;
  // Whether a batch is sent as one query string with no BEGIN or COMMIT of its own, which the
  // server runs as one implicit read-only transaction: one round trip per snapshot instead of
  // three (BEGIN, the batch, COMMIT). Cleared for the session once a snapshot needed a one-off
  // query, which must run inside the snapshot's transaction: its batches then open and end an
  // explicit one.
  bool implicit_transaction = true;
};

// Thrown by a batch that ran as an implicit transaction when a reader asks for a one-off
// query: the transaction is over, so the snapshot starts again without the batch.
struct OneOffOutsideTransaction {};

// Thrown by a batch when a statement under one of our names is not ours (a migration on the
// same session deallocated it and prepared its own, which could hide what it changed): the
// batch's results are dropped and the snapshot starts again, preparing its own statements.
struct ForeignStatements {};

// The snapshot's transaction, as the readers see it: every fixed query by name, and one-off
// queries. Two transports: the native connection prepares and pipelines the fixed queries
// (postgres_catalog.cc); any other (ODBC) runs them as they are (PlainCatalogTx).
class CatalogTx {
 public:
  virtual ~CatalogTx() = default;
  // Runs fixed query `sql`, known as `name`.
  virtual Rows query(const std::string& name, const std::string& sql) = 0;
  // Runs `sql` once, unprepared.
  virtual Rows run(const std::string& sql) = 0;
  // `text` as a string literal (standard_conforming_strings, on since PostgreSQL 9.1).
  static std::string quote(const std::string& text);
};

// The native transaction. Its fixed queries run as prepared statements: on a small schema
// planning these catalog joins costs more than running them (≈ 4 ms of planning against ≈ 1 ms
// of execution for the column query). Every one was sent in advance, in one query string, and
// each result is read when a reader asks for it, so the client reads one while the server runs
// the next.
class PreparedCatalogTx : public CatalogTx {
 public:
  // `sent`: each fixed query's EXECUTE in `pipeline`, sent in this same transaction;
  // `preludes`: statements sent before them whose results say only whether they worked (the
  // first snapshot's PREPAREs), read in order with the rest. `implicit`: the batch is its own
  // implicit transaction, over once it is read.
  PreparedCatalogTx(pqxx::transaction_base& tx, std::unique_ptr<pqxx::pipeline> pipeline,
                    std::map<std::string, pqxx::pipeline::query_id> sent,
                    std::vector<pqxx::pipeline::query_id> preludes, bool implicit);

  Rows query(const std::string& name, const std::string& sql) override;
  // Throws OneOffOutsideTransaction (the pipeline read to its end) for an implicit batch.
  Rows run(const std::string& sql) override;
  // Reads what is left of the pipeline and closes it: the transaction takes other statements
  // (run, COMMIT) only then. Throws what a statement of the pipeline threw.
  void finish_pipeline();
  // Whether the snapshot's transaction has ended: an implicit batch was read to its end.
  bool ended() const { return ended_; }

 private:
  // Reads the preludes sent before query `id`: results are read in the order sent, so that a
  // failed statement reports its own SQLSTATE.
  void read_preludes_before(pqxx::pipeline::query_id id);

  pqxx::transaction_base& tx_;
  std::unique_ptr<pqxx::pipeline> pipeline_;
  std::map<std::string, pqxx::pipeline::query_id> sent_;
  std::vector<pqxx::pipeline::query_id> preludes_;  // in the order sent
  size_t preludes_read_ = 0;
  bool implicit_ = false;
  bool ended_ = false;
  std::map<std::string, pqxx::result> fetched_;
};

// The PREPARE statement Crucible sends for fixed query `sql` named `name`, as the server keeps
// it in pg_prepared_statements.statement.
std::string prepare_statement(const std::string& name, const std::string& sql);
// Whether every statement in `learnt` is in `prepared` (name, md5(statement) rows of
// pg_prepared_statements) as the session's first snapshot prepared it (`learnt.digests`).
bool all_ours(const CatalogStatements& learnt, const pqxx::result& prepared);
// Prepares fixed query `sql` as `name` unless `prepared` (name: statement text, as
// pg_prepared_statements has it) shows it is ours already; a statement a migration prepared under
// that name is deallocated first, never run. `run` sends one statement; `prepared` is updated.
void prepare_as_ours(std::map<std::string, std::string>& prepared, const std::string& name,
                     const std::string& sql, const std::function<void(const std::string&)>& run);

// Any other transport, in the transaction the caller opened: the fixed queries prepared as
// natively. A session's first snapshot runs each EXECUTE on its own and learns the queries into
// `memory`; once it is complete, the session's later snapshots fetch them all in one packed
// statement and one row (postgres_catalog_packed.h), since such transports pay per round trip
// and per row.
class PlainCatalogTx : public CatalogTx {
 public:
  // `memory` may be null: every query then runs on its own.
  PlainCatalogTx(TextQueries& source, PackedCatalogMemory* memory)
      : source_(source), memory_(memory) {}
  Rows query(const std::string& name, const std::string& sql) override;
  Rows run(const std::string& sql) override;
  // After the readers: what this snapshot learnt serves the session's next ones.
  void finish();

 private:
  void ensure_prepared(const std::string& name, const std::string& sql,
                       const std::string& purpose);
  std::optional<Rows> from_packed(const std::string& name);
  void read_packed();

  TextQueries& source_;
  PackedCatalogMemory* memory_;
  bool prepared_loaded_ = false;
  bool shadows_checked_ = false;  // before this transaction's first PREPARE
  std::map<std::string, std::string> prepared_;  // name: the PREPARE statement that made it
  bool packed_read_ = false;
  std::map<std::string, Rows> unpacked_;
};

// A text field, "" when NULL.
std::string text(const TextField& field);
// A field holding a JSON array of strings (array_to_json(ARRAY(...))).
std::vector<std::string> strings(const TextField& field);

// One reader per kind of object; each runs one query (tables: four) and appends to `out`.
void read_tables(CatalogTx& tx, catalog::Catalog& out);
void read_indexes(CatalogTx& tx, catalog::Catalog& out);
void read_views(CatalogTx& tx, catalog::Catalog& out);
void read_sequences(CatalogTx& tx, catalog::Catalog& out);
void read_triggers(CatalogTx& tx, catalog::Catalog& out);
void read_routines(CatalogTx& tx, catalog::Catalog& out);
void read_types(CatalogTx& tx, catalog::Catalog& out);
void read_extensions(CatalogTx& tx, catalog::Catalog& out);
void read_schemas(CatalogTx& tx, catalog::Catalog& out);

}  // namespace crucible::postgres::sql
