#include "harness/engines/postgres/postgres_catalog.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "harness/common/error.h"

#include "harness/engines/postgres/postgres_catalog_sql.h"
#include "harness/engines/postgres/postgres_connection.h"

namespace crucible::postgres {
namespace sql {

std::string qualified(const std::string& schema_column, const std::string& name_column) {
  return fmt::format("CASE WHEN {0} = 'public' THEN {1}::text ELSE {0} || '.' || {1} END",
                     schema_column, name_column);
}

std::string in_user_schema(const std::string& schema_column) {
  return fmt::format(
      "{0} NOT IN ('pg_catalog', 'information_schema') AND {0} NOT LIKE 'pg\\_toast%' "
      "AND {0} NOT LIKE 'pg\\_temp\\_%'",
      schema_column);
}

std::string user_object(const std::string& oid_column, const std::string& schema_column) {
  return fmt::format("{} >= 16384 AND {}", oid_column, in_user_schema(schema_column));
}

std::string not_in_extension(const std::string& catalog_table, const std::string& oid_column) {
  // Membership rows always reference pg_extension, so pg_depend_reference_index finds the few
  // members once and the planner hashes them (a hashed SubPlan), instead of probing pg_depend
  // once per object (1,000 probes on a 1,000-table schema: a third of the table query's time).
  return fmt::format(
      "{} NOT IN (SELECT ext.objid FROM pg_depend ext "
      "WHERE ext.refclassid = 'pg_extension'::regclass AND ext.classid = '{}'::regclass "
      "AND ext.deptype = 'e')",
      oid_column, catalog_table);
}

namespace {

// The statements this session has prepared, with each one's text, which says whether it is ours:
// read, not remembered, since a migration on the same connection may have run DEALLOCATE, DISCARD
// ALL or a PREPARE of its own.
constexpr const char* kPreparedTextsQuery =
    "SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'crucible\\_%'";

// The same statements, for the native snapshots, known by when they were prepared: the server
// records a statement's preparation time as the start of the query string that prepared it,
// which a migration cannot choose, so a statement prepared again by anyone else under one of
// our names has another time. (Each text is the whole query string of the session's first
// snapshot, ≈ 11 kB: a digest of every text on every snapshot cost the server ≈ 130 kB of MD5.)
// The text itself need not be compared: the server re-parses a prepared statement under the
// search path it runs in, which the batch sets.
constexpr const char* kPreparedDigestsQuery =
    "SELECT name, extract(epoch FROM prepare_time)::text FROM pg_prepared_statements "
    "WHERE name LIKE 'crucible\\_%'";

// Functions and operators in public that a migration (not an extension) made, that take only
// built-in types and share a name, but not the argument types, with one of pg_catalog's (one
// with the same types too, say a gen_random_uuid() for older servers, never wins over it). The catalog queries are prepared
// with public on the search path (format_type and friends then name objects as the schema
// does), where such a function could match a call better than the server's — `text[]` where the
// server's takes `anyarray` — and stand in for it. Read with only pg_catalog on the path, so
// that this query cannot be subverted the same way; the snapshot's own path is set after it.
constexpr const char* kShadowsPath =
    "SELECT pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true)";
constexpr const char* kSnapshotPath =
    "SELECT pg_catalog.set_config('search_path', 'public, pg_temp', true)";  // kSessionSettings'
constexpr const char* kShadowsQuery =
    "SELECT p.oid::regprocedure::text FROM pg_proc p "
    "WHERE p.pronamespace = 'public'::regnamespace AND p.proname IN "
    "(SELECT proname FROM pg_proc WHERE pronamespace = 'pg_catalog'::regnamespace) "
    "AND NOT EXISTS (SELECT FROM unnest(p.proargtypes::oid[]) t WHERE t >= 16384) "
    "AND NOT EXISTS (SELECT FROM pg_proc c WHERE c.pronamespace = 'pg_catalog'::regnamespace "
    "AND c.proname = p.proname AND c.proargtypes = p.proargtypes) "
    "AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass "
    "AND d.objid = p.oid AND d.deptype = 'e') "
    "UNION ALL SELECT o.oid::regoperator::text FROM pg_operator o "
    "WHERE o.oprnamespace = 'public'::regnamespace AND o.oprname IN "
    "(SELECT oprname FROM pg_operator WHERE oprnamespace = 'pg_catalog'::regnamespace) "
    "AND o.oprleft < 16384 AND o.oprright < 16384 "
    "AND NOT EXISTS (SELECT FROM pg_operator c WHERE c.oprnamespace = 'pg_catalog'::regnamespace "
    "AND c.oprname = o.oprname AND c.oprleft = o.oprleft AND c.oprright = o.oprright) "
    "AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_operator'::regclass "
    "AND d.objid = o.oid AND d.deptype = 'e') ORDER BY 1";

// A pqxx result as TextRows: the values stay in the result; their addresses and NULL flags are
// taken once, since every pqxx::row and pqxx::field made to reach a value copies the result's
// shared pointers (reaching them through pqxx on each access cost the client half again as much
// CPU per snapshot).
class PqxxRows final : public TextRows {
 public:
  explicit PqxxRows(pqxx::result result) : result_(std::move(result)) {
    width_ = static_cast<size_t>(result_.columns());
    for (size_t c = 0; c < width_; ++c)
      names_.emplace_back(result_.column_name(static_cast<pqxx::row::size_type>(c)));
    values_.reserve(result_.size() * width_);
    nulls_.reserve(result_.size() * width_);
    for (const auto& row : result_)
      for (const auto& field : row) {
        values_.push_back(field.c_str());
        nulls_.push_back(field.is_null());
      }
  }
  size_t size() const override { return static_cast<size_t>(result_.size()); }
  size_t width() const override { return width_; }
  std::string_view column_name(size_t column) const override { return names_[column]; }
  bool is_null(size_t row, size_t column) const override { return nulls_[row * width_ + column]; }
  const char* text(size_t row, size_t column) const override {
    return values_[row * width_ + column];
  }

 private:
  pqxx::result result_;
  size_t width_ = 0;
  std::vector<std::string> names_;
  std::vector<const char*> values_;
  std::vector<bool> nulls_;
};

Rows rows_of(pqxx::result result) { return Rows(std::make_shared<PqxxRows>(std::move(result))); }

}  // namespace

std::string CatalogTx::quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'";
}

PreparedCatalogTx::PreparedCatalogTx(pqxx::transaction_base& tx,
                                     std::unique_ptr<pqxx::pipeline> pipeline,
                                     std::map<std::string, pqxx::pipeline::query_id> sent,
                                     std::vector<pqxx::pipeline::query_id> preludes,
                                     bool implicit)
    : tx_(tx),
      pipeline_(std::move(pipeline)),
      sent_(std::move(sent)),
      preludes_(std::move(preludes)),
      implicit_(implicit) {}

void PreparedCatalogTx::read_preludes_before(pqxx::pipeline::query_id id) {
  for (; preludes_read_ < preludes_.size() && preludes_[preludes_read_] < id; ++preludes_read_)
    pipeline_->retrieve(preludes_[preludes_read_]);
}

void PreparedCatalogTx::finish_pipeline() {
  if (!pipeline_) return;
  // In the order sent (query ids grow), so that a failed statement reports its own SQLSTATE.
  std::vector<std::pair<pqxx::pipeline::query_id, std::string>> unread;
  for (const auto& [name, id] : sent_)
    if (!fetched_.count(name)) unread.emplace_back(id, name);
  std::sort(unread.begin(), unread.end());
  for (const auto& [id, name] : unread) {
    read_preludes_before(id);
    fetched_.emplace(name, pipeline_->retrieve(id));
  }
  read_preludes_before(std::numeric_limits<pqxx::pipeline::query_id>::max());
  sent_.clear();
  pipeline_->complete();
  pipeline_.reset();
  ended_ = implicit_;
}

std::string prepare_statement(const std::string& name, const std::string& sql) {
  return fmt::format("PREPARE {} AS {}", name, sql);
}

void prepare_as_ours(std::map<std::string, std::string>& prepared, const std::string& name,
                     const std::string& sql, const std::function<void(const std::string&)>& run) {
  std::string prepare = prepare_statement(name, sql);
  auto found = prepared.find(name);
  if (found != prepared.end() && found->second == prepare) return;
  if (found != prepared.end()) run("DEALLOCATE " + name);  // not ours: never run it
  run(prepare);
  prepared[name] = prepare;
}

bool all_ours(const CatalogStatements& learnt, const pqxx::result& prepared) {
  std::map<std::string, std::string> digests;
  for (const auto& row : prepared) digests[row[0].c_str()] = row[1].c_str();
  for (const auto& [name, sql] : learnt.list) {
    auto found = digests.find(name);
    auto recorded = learnt.digests.find(name);
    if (found == digests.end() || recorded == learnt.digests.end() ||
        found->second != recorded->second)
      return false;
  }
  return true;
}

namespace {

void refuse_shadows(const std::vector<std::string>& shadows) {
  if (shadows.empty()) return;
  throw Error(fmt::format(
      "refusing to prepare the catalog queries: public holds {} named like the server's own, "
      "taking built-in types, which could stand in for them: {}",
      shadows.size() == 1 ? "a function or operator" : "functions or operators",
      fmt::join(shadows, ", ")));
}

}  // namespace

Rows PreparedCatalogTx::query(const std::string& name, const std::string& sql) {
  if (auto it = sent_.find(name); it != sent_.end() && pipeline_) {
    read_preludes_before(it->second);
    pqxx::result result = pipeline_->retrieve(it->second);
    sent_.erase(it);
    return rows_of(std::move(result));
  }
  if (auto it = fetched_.find(name); it != fetched_.end()) return rows_of(it->second);
  // Never: the batch sends every fixed query (fixed_queries() lists what the readers ask).
  throw std::logic_error("catalog query " + name + " was not sent: " + sql);
}

Rows PreparedCatalogTx::run(const std::string& sql) {
  finish_pipeline();
  if (ended_) throw OneOffOutsideTransaction{};
  return rows_of(tx_.exec(sql));
}

// As the native transaction, without the pipeline: PREPARE once per session (the transport
// keeps its session between snapshots), then EXECUTE, which saves the planning every time.
Rows PlainCatalogTx::query(const std::string& name, const std::string& sql) {
  if (std::optional<Rows> rows = from_packed(name)) return *rows;
  const std::string purpose = "reading the catalog (" + name + ")";
  ensure_prepared(name, sql, purpose);
  Rows rows = source_.query("EXECUTE " + name, purpose);
  if (memory_) memory_->learn(name, sql, rows);
  return rows;
}

// The session's statements are read at the snapshot's first need, then as natively.
void PlainCatalogTx::ensure_prepared(const std::string& name, const std::string& sql,
                                     const std::string& purpose) {
  if (!prepared_loaded_) {
    prepared_loaded_ = true;
    for (const TextRow& row : source_.query(kPreparedTextsQuery, purpose))
      prepared_[row.text(0)] = row.text(1);
  }
  prepare_as_ours(prepared_, name, sql, [&](const std::string& statement) {
    if (!shadows_checked_) {
      shadows_checked_ = true;
      source_.query(kShadowsPath, purpose);
      std::vector<std::string> found;
      Rows shadows = source_.query(kShadowsQuery, purpose);
      for (const TextRow& row : shadows) found.emplace_back(row.text(0));
      source_.query(kSnapshotPath, purpose);
      refuse_shadows(found);
    }
    source_.query(statement, purpose);
  });
}

// The packed statement runs when a snapshot asks for its first query and serves every query that
// unpacks cleanly; the others (and any the session has not learnt) run on their own.
std::optional<Rows> PlainCatalogTx::from_packed(const std::string& name) {
  if (!memory_ || !memory_->complete) return std::nullopt;
  if (!packed_read_) {
    packed_read_ = true;
    read_packed();
  }
  auto it = unpacked_.find(name);
  if (it == unpacked_.end()) return std::nullopt;
  Rows rows = std::move(it->second);
  unpacked_.erase(it);
  return rows;
}

void PlainCatalogTx::read_packed() {
  const std::string purpose = "reading the catalog (packed)";
  const std::string statement = memory_->statement();
  ensure_prepared(statement, packed_sql(memory_->queries), purpose);
  Rows packed = source_.query("EXECUTE " + statement, purpose);
  for (size_t i = 0; i < memory_->queries.size(); ++i)
    if (std::optional<Rows> rows = unpack(packed, i, memory_->queries))
      unpacked_.emplace(memory_->queries[i].name, std::move(*rows));
}

void PlainCatalogTx::finish() {
  if (memory_ && !memory_->queries.empty()) memory_->complete = true;
}

Rows PlainCatalogTx::run(const std::string& sql) {
  return source_.query(sql, "reading the catalog");
}

std::string text(const TextField& field) { return field.c_str(); }

std::vector<std::string> strings(const TextField& field) {
  if (field.is_null()) return {};
  return nlohmann::json::parse(field.c_str()).get<std::vector<std::string>>();
}

}  // namespace sql

namespace {

// One consistent view of the catalog across all queries, and nothing written. format_type,
// pg_get_expr and friends qualify names that are not visible on the search path: with only
// public on it, they follow the same naming rule as the objects themselves, and a migration's
// own SET search_path cannot change the snapshot. pg_temp is named, last: a search_path that
// does not name it searches the session's temporary schema first, where a migration on the same
// session could put a view called pg_index that stands in for the catalog.
constexpr const char* kBegin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
// search_path as above. JIT off: the catalog queries' cost estimates grow with the schema, and past jit_above_cost
// (100,000 by default; a 1,000-table schema gets there as soon as a query has a sub-select per
// key column) compiling them costs 30-40 ms, several times their execution. Both settings are
// LOCAL: the migration's session keeps its own.
constexpr const char* kSessionSettings =
    "SELECT set_config('search_path', 'public, pg_temp', true), set_config('jit', 'off', true)";
constexpr const char* kStatementMissing = "26000";  // invalid_sql_statement_name

// The fixed queries' plans are made once, by the session's first snapshot, and kept. On a
// database with no relation of its own yet (verify's first snapshot), the catalogs' statistics
// say pg_attrdef, pg_constraint and pg_index are empty, so the planner scans them whole once per
// row that looks one up: a plan that grows with the square of the schema, which verify then
// runs after every step. Planned without sequential scans, every lookup goes through the
// catalogs' indexes: on the 200-migration corpus's final 50 tables the snapshot's server time
// fell by a sixth, and on 1,000 tables it is no slower. A database that has relations already
// is planned by its statistics as before (on 1,000 analyzed tables, index-only plans measured
// 6 % slower).
constexpr const char* kPlanEmptyDatabaseForGrowth =
    "SELECT set_config('enable_seqscan', 'off', true) "
    "WHERE NOT EXISTS (SELECT FROM pg_class WHERE oid >= 16384)";

// A batch's settings when it is its own implicit transaction: kSessionSettings, and read-only
// (BEGIN ... READ ONLY's part that can still be set after the batch's first query; the
// isolation level cannot, so each query sees the catalog as it is when it runs — on a scratch
// database only the session taking the snapshot changes it).
constexpr const char* kImplicitBatchSettings =
    "SELECT set_config('search_path', 'public, pg_temp', true), set_config('jit', 'off', true), "
    "set_config('transaction_read_only', 'on', true)";

// Where a snapshot's reads run: a read-only transaction of their own, or, inside a transaction
// the connection holds open, a savepoint rolled back afterwards — which also undoes the LOCAL
// settings (read-only among them), so the caller's transaction goes on as it was. Nested, the
// caller's deferred control statements go first, and its end may be deferred in turn.
class SnapshotFrame {
 public:
  SnapshotFrame(bool nested, std::vector<std::string> prologue,
                std::vector<std::string>* deferred_end)
      : nested_(nested), prologue_(std::move(prologue)), deferred_end_(deferred_end) {}
  bool nested() const { return nested_; }
  // What goes ahead of begin(), once: empty after the first call.
  std::vector<std::string> take_prologue() { return std::exchange(prologue_, {}); }
  const char* begin() const { return nested_ ? "SAVEPOINT crucible_snapshot" : kBegin; }
  // The settings query after begin(): a savepoint must also make itself read-only.
  const char* settings() const { return nested_ ? kImplicitBatchSettings : kSessionSettings; }
  void end(pqxx::nontransaction& tx) const {
    if (!nested_) {
      tx.exec("COMMIT");
      return;
    }
    if (deferred_end_) {
      deferred_end_->insert(deferred_end_->end(), std::begin(kEnd), std::end(kEnd));
      return;
    }
    abandon(tx);
  }
  void abandon(pqxx::nontransaction& tx) const {
    if (nested_) tx.exec(with_prologue({std::begin(kEnd), std::end(kEnd)}, ""));
    else tx.exec("ROLLBACK");
  }

 private:
  static constexpr const char* kEnd[] = {"ROLLBACK TO SAVEPOINT crucible_snapshot",
                                         "RELEASE SAVEPOINT crucible_snapshot"};
  bool nested_;
  std::vector<std::string> prologue_;
  std::vector<std::string>* deferred_end_;
};

void read_all(sql::CatalogTx& tx, catalog::Catalog& out) {
  sql::read_tables(tx, out);
  sql::read_indexes(tx, out);
  sql::read_views(tx, out);
  sql::read_sequences(tx, out);
  sql::read_triggers(tx, out);
  sql::read_routines(tx, out);
  sql::read_types(tx, out);
  sql::read_extensions(tx, out);
  sql::read_schemas(tx, out);
}

// The readers' fixed queries, in the order they ask for them, listed by running the readers on
// no rows (they ask for every fixed query whatever the rows, and a one-off query only for a row):
// each query's SQL stays beside the code that reads its columns.
class QueryLister final : public sql::CatalogTx {
 public:
  Rows query(const std::string& name, const std::string& sql) override {
    listed.emplace_back(name, sql);
    return Rows(std::make_shared<StoredTextRows>(std::vector<std::string>{}));
  }
  Rows run(const std::string& sql) override {
    throw std::logic_error("a catalog reader ran a one-off query on no rows: " + sql);
  }
  std::vector<std::pair<std::string, std::string>> listed;
};

const std::vector<std::pair<std::string, std::string>>& fixed_queries() {
  static const std::vector<std::pair<std::string, std::string>> listed = [] {
    QueryLister lister;
    catalog::Catalog ignored;
    read_all(lister, ignored);
    return std::move(lister.listed);
  }();
  return listed;
}

// The digests of the session's prepared statements as the first snapshot's query string left
// them, read last in that string (see CatalogStatements::digests).
constexpr const char* kOwnDigests = "crucible prepared digests";

// A session's first snapshot, in the explicit transaction `tx` has begun: once the session's
// prepared statements are known (a migration may have prepared its own under our names), every
// fixed query is prepared and run in one query string, so that the server runs each query
// while the client builds the one before instead of waiting for it (1,000 tables, a fresh
// session: ≈ 150 ms of one round trip after another). The statements are then the session's,
// for begin_batch.
std::unique_ptr<sql::PreparedCatalogTx> begin_first(pqxx::nontransaction& tx,
                                                    sql::CatalogStatements& statements,
                                                    const SnapshotFrame& frame) {
  auto pipe = std::make_unique<pqxx::pipeline>(tx);
  pipe->retain(5);
  pqxx::pipeline::query_id shadows_path = pipe->insert(sql::kShadowsPath);
  pqxx::pipeline::query_id shadows = pipe->insert(sql::kShadowsQuery);
  pqxx::pipeline::query_id settings = pipe->insert(frame.settings());
  pqxx::pipeline::query_id plan = pipe->insert(kPlanEmptyDatabaseForGrowth);
  pqxx::pipeline::query_id digests = pipe->insert(sql::kPreparedDigestsQuery);
  pipe->resume();
  pipe->retrieve(shadows_path);
  std::vector<std::string> found;
  for (const auto& row : pipe->retrieve(shadows)) found.emplace_back(row[0].c_str());
  pipe->retrieve(settings);
  pipe->retrieve(plan);
  const auto& queries = fixed_queries();
  const int pid = tx.conn().backendpid();
  if (statements.backend_pid != pid) statements.digests.clear();
  std::map<std::string, std::string> prepared;
  for (const auto& row : pipe->retrieve(digests)) prepared[row[0].c_str()] = row[1].c_str();
  sql::refuse_shadows(found);
  // A statement whose text has the digest this session's first snapshot recorded for it is
  // ours: prepare_as_ours keeps it. Any other text under our name is deallocated, never run.
  for (const auto& [name, sql] : queries) {
    auto found = prepared.find(name);
    auto recorded = statements.digests.find(name);
    if (found != prepared.end() && recorded != statements.digests.end() &&
        found->second == recorded->second)
      found->second = sql::prepare_statement(name, sql);
  }

  pipe->retain(static_cast<int>(3 * queries.size() + 1));  // held back until whole: one write
  std::vector<pqxx::pipeline::query_id> preludes;
  std::map<std::string, pqxx::pipeline::query_id> sent;
  for (const auto& [name, sql] : queries) {
    sql::prepare_as_ours(prepared, name, sql, [&](const std::string& statement) {
      preludes.push_back(pipe->insert(statement));
    });
    sent.emplace(name, pipe->insert("EXECUTE " + name));
  }
  sent.emplace(kOwnDigests, pipe->insert(sql::kPreparedDigestsQuery));
  pipe->resume();
  statements.backend_pid = pid;
  statements.list = queries;
  return std::make_unique<sql::PreparedCatalogTx>(tx, std::move(pipe), std::move(sent),
                                                  std::move(preludes), false);
}

// Sends every statement the session learnt, for the returned transaction to read as the
// readers ask; `implicit` says whether the batch is its own transaction, `open` whether a
// transaction (or savepoint) it began is open, for a failure to end. Returns nothing when there
// is nothing learnt for this session.
std::unique_ptr<sql::PreparedCatalogTx> begin_batch(pqxx::nontransaction& tx,
                                                    sql::CatalogStatements& statements,
                                                    SnapshotFrame& frame, bool& implicit,
                                                    bool& open) {
  int pid = tx.conn().backendpid();
  if (statements.backend_pid != pid || statements.list.empty()) {
    if (statements.backend_pid != pid) statements.digests.clear();
    statements.backend_pid = pid;
    statements.list.clear();
    return nullptr;
  }
  implicit = statements.implicit_transaction && !frame.nested();
  auto pipe = std::make_unique<pqxx::pipeline>(tx);
  // libpqxx sends what is inserted while nothing is in flight at once, and starts a string of
  // several queries with a query of its own (SELECT 1), after which BEGIN could no longer set
  // the isolation level: an explicit BEGIN goes alone, then the rest in one write once BEGIN is
  // answered. An implicit batch is held back until it is whole and sent in one write, and so is
  // one that begins with a savepoint, which has no isolation level to set.
  std::optional<pqxx::pipeline::query_id> begin;
  std::vector<pqxx::pipeline::query_id> prologue;
  const std::vector<std::string> prologue_text = frame.take_prologue();
  if (implicit || frame.nested())
    pipe->retain(static_cast<int>(statements.list.size() + prologue_text.size()) +
                 (implicit ? 1 : 2));
  for (const std::string& statement : prologue_text) prologue.push_back(pipe->insert(statement));
  if (!implicit) begin = pipe->insert(frame.begin());
  pqxx::pipeline::query_id settings =
      pipe->insert(implicit ? kImplicitBatchSettings : frame.settings());
  pqxx::pipeline::query_id texts = pipe->insert(sql::kPreparedDigestsQuery);
  std::map<std::string, pqxx::pipeline::query_id> sent;
  for (const auto& [name, sql] : statements.list) sent.emplace(name, pipe->insert("EXECUTE " + name));
  pipe->resume();
  open = !implicit;  // from here on, a failure must end the transaction (or savepoint) begun
  // Results are read in the order sent: out of order, libpqxx reports a failed statement as
  // a generic "error in earlier query" and its SQLSTATE is lost.
  for (pqxx::pipeline::query_id id : prologue) pipe->retrieve(id);
  if (begin) pipe->retrieve(*begin);
  pipe->retrieve(settings);
  const bool ours = sql::all_ours(statements, pipe->retrieve(texts));
  auto batch = std::make_unique<sql::PreparedCatalogTx>(tx, std::move(pipe), std::move(sent),
                                                        std::vector<pqxx::pipeline::query_id>{},
                                                        implicit);
  if (!ours) {
    batch->finish_pipeline();  // read and dropped: they ran someone else's statements
    if (!implicit) frame.abandon(tx);
    open = false;
    throw sql::ForeignStatements{};
  }
  return batch;
}

}  // namespace

catalog::Catalog read_catalog(TextQueries& source, bool fresh_transaction,
                              sql::PackedCatalogMemory* memory) {
  catalog::Catalog out;
  out.engine = "postgres";
  // kBegin's isolation and access mode, for a transaction the transport has begun.
  if (fresh_transaction)
    source.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", "starting a snapshot");
  source.query(kSessionSettings, "starting a snapshot");
  sql::PlainCatalogTx catalog_tx(source, memory);
  read_all(catalog_tx, out);
  catalog_tx.finish();
  out.canonicalize();
  return out;
}

catalog::Catalog read_catalog(pqxx::connection& connection, sql::CatalogStatements& statements,
                              bool inside_transaction, const std::vector<std::string>& prologue,
                              std::vector<std::string>* deferred_end) {
  SnapshotFrame frame(inside_transaction, prologue, deferred_end);
  catalog::Catalog out;
  out.engine = "postgres";
  // A nontransaction with explicit BEGIN / COMMIT: libpqxx's pipeline cannot carry a BEGIN of
  // its own transaction classes.
  pqxx::nontransaction tx(connection);
  // Whether the server holds a transaction of ours open: an implicit batch's ends with it,
  // failed or not, and a ROLLBACK outside one would only print a warning.
  bool open = false;
  try {
    bool done = false;
    bool implicit = false;
    try {
      if (auto batch = begin_batch(tx, statements, frame, implicit, open)) {
        read_all(*batch, out);
        batch->finish_pipeline();
        done = true;
        open = !batch->ended();
      }
    } catch (const sql::ForeignStatements&) {
      // The learning path below prepares our statements again over the foreign ones.
      open = false;
      statements.list.clear();
      out = catalog::Catalog{};
      out.engine = "postgres";
    } catch (const sql::OneOffOutsideTransaction&) {
      // A reader needed a query of its own (a foreign key to an extension's table) after the
      // implicit batch had ended: read again in one transaction, and open one explicitly in
      // this session's batches from now on.
      statements.list.clear();
      statements.implicit_transaction = false;
      open = false;
      out = catalog::Catalog{};
      out.engine = "postgres";
    } catch (const pqxx::sql_error& e) {
      // A migration deallocated a statement: the batch's transaction is aborted; start over
      // and learn the statements again.
      if (e.sqlstate() != kStatementMissing) throw;
      if (open) frame.abandon(tx);
      open = false;
      statements.list.clear();
      out = catalog::Catalog{};
      out.engine = "postgres";
    }
    if (!done) {
      tx.exec(with_prologue(frame.take_prologue(), frame.begin()));  // alone: see begin_batch
      open = true;
      auto first = begin_first(tx, statements, frame);
      read_all(*first, out);
      first->finish_pipeline();
      statements.digests.clear();
      for (const TextRow& row : first->query(kOwnDigests, sql::kPreparedDigestsQuery))
        statements.digests[row.text(0)] = row.text(1);
    }
    if (open) frame.end(tx);
  } catch (...) {
    statements.list.clear();  // possibly learnt halfway: the next snapshot learns it again
    try {
      if (open) frame.abandon(tx);
    } catch (...) {  // the connection is gone: the first error is the one to report
    }
    throw;
  }
  out.canonicalize();
  return out;
}

}  // namespace crucible::postgres
