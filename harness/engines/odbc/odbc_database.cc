#include "harness/engines/odbc/odbc_database.h"

#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/engines/odbc/odbc_native_catalog.h"
#include "harness/engines/registry.h"

namespace crucible::odbc {
namespace {

// "commit", "ROLLBACK ;", "Start Transaction": transaction control written as a statement, which
// the driver must hear about (its autocommit state) rather than the server alone.
std::string transaction_word(const std::string& sql) {
  std::string words;
  for (char c : sql) {
    if (c == ';') break;
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!words.empty() && words.back() != ' ') words += ' ';
      continue;
    }
    words += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  while (!words.empty() && words.back() == ' ') words.pop_back();
  if (words == "COMMIT" || words == "COMMIT WORK" || words == "END") return "COMMIT";
  if (words == "ROLLBACK" || words == "ROLLBACK WORK") return "ROLLBACK";
  if (words == "BEGIN" || words == "START TRANSACTION" || words == "BEGIN WORK") return "BEGIN";
  return "";
}

// "0003_backfill.sql:4: UPDATE touched no rows": a statement the driver answered with
// SQL_NO_DATA (SQLSTATE 02000), which DB2 reports for a searched UPDATE/DELETE/INSERT/MERGE
// that found no row and which DB2 applications often treat as an error (docs/HELIUM.md).
std::string touched_no_row(const Statement& statement) {
  std::string verb;
  for (char c : statement.sql) {
    if (std::isalpha(static_cast<unsigned char>(c))) verb += static_cast<char>(std::toupper(c));
    else if (!verb.empty()) break;
  }
  return fmt::format("{}: {} touched no rows (SQLSTATE 02000)", statement.where.str(), verb);
}

const Statement* first_implicit_commit(const Script& script, const EngineFacts& facts) {
  if (!facts.commits_implicitly) return nullptr;
  for (const Statement& statement : script.statements)
    if (facts.commits_implicitly(statement.sql)) return &statement;
  return nullptr;
}

}  // namespace

OdbcDatabase::OdbcDatabase(EngineKind kind, std::string name, std::string connection_string,
                           std::string label, const Dsn& dsn, std::function<void()> drop)
    : kind_(kind), name_(std::move(name)), connection_string_(std::move(connection_string)),
      label_(std::move(label)), dsn_(dsn), drop_(std::move(drop)) {
  connection_ = std::make_unique<Connection>(connection_string_, label_ + ", database " + name_);
  connection_->set_integers_as_text(engine_facts(kind_).dialect == Dialect::postgres);
  for (const std::string& sql : dsn_.session)
    connection_->must_run(sql, "session statement " + sql);
}

OdbcDatabase::~OdbcDatabase() {
  connection_.reset();
  if (drop_) {
    try {
      drop_();
    } catch (const std::exception&) {
      // The engine reports databases it could not drop (cleanup_failures); never throw here.
    }
  }
}

ExecResult OdbcDatabase::execute(const Script& script) {
  if (nests_transactions() && !connection_->autocommit()) return run_nested(script);
  ExecResult result = run_script(script);
  // SQLSTATE 25001 (CREATE INDEX CONCURRENTLY, VACUUM): rolled back, so nothing ran yet; run it
  // all again the only way the server accepts, as the native PostgreSQL engine does.
  if (!script.transactional || !result.error || result.error->sqlstate != "25001" ||
      !result.rolled_back)
    return result;
  std::string culprit = result.error->statement.substr(0, result.error->statement.find('\n'));
  Script outside = script;
  outside.transactional = false;
  result = run_script(outside);
  result.atomic = false;
  result.note = fmt::format("ran outside a transaction: {} cannot run inside a transaction block",
                            culprit);
  return result;
}

// Nothing ran: the script cannot run inside the caller's transaction (SQLSTATE 25001, as the
// native engines say it).
ExecResult refused_in_transaction(const Script& script, const Statement* statement,
                                  const std::string& why) {
  ExecResult result;
  SourceLocation where = statement ? statement->where : SourceLocation{script.file, 0};
  result.error = StatementError{"cannot run inside the caller's transaction: " + why, "25001",
                                where, statement ? statement->sql : ""};
  result.rolled_back = true;
  return result;
}

ExecResult OdbcDatabase::run_script(const Script& script) {
  const EngineFacts& facts = engine_facts(kind_);
  ExecResult result;
  if (script.defect) {
    result.error = StatementError{script.defect->message, "", script.defect->where, ""};
    return result;
  }
  if (nests_transactions() && !connection_->autocommit()) return run_nested(script);
  const Statement* implicit = first_implicit_commit(script, facts);
  if (!script.transactional) result.note = "ran outside a transaction, as the script asks";
  else if (implicit)
    result.note = fmt::format("not atomic: {} commits implicitly on {}", implicit->where.str(),
                              facts.name);
  result.atomic = result.note.empty();
  if (script.transactional) connection_->set_autocommit(false);
  bool committed = false;
  std::vector<std::string> no_rows;
  for (const Statement& statement : script.statements) {
    QueryResult r = connection_->run(statement, {}, time_limits());
    if (facts.commits_implicitly && facts.commits_implicitly(statement.sql)) committed = true;
    if (r.ok() && connection_->touched_no_row()) {
      if (strict_dml_)
        r.error = StatementError{"--strict-dml: " + touched_no_row(statement) +
                                     ", which DB2 reports as SQLCODE +100",
                                 "02000", statement.where, statement.sql};
      else no_rows.push_back(touched_no_row(statement));
    }
    if (!r.ok()) {
      result.error = r.error;
      if (script.transactional) {
        connection_->end_transaction(false);
        connection_->set_autocommit(true);
      }
      result.rolled_back = script.transactional && !committed;
      return result;
    }
    ++result.statements_run;
  }
  if (!no_rows.empty())
    result.note += fmt::format("{}{} ({} fails them, as DB2 applications do)",
                               result.note.empty() ? "" : "; ", fmt::join(no_rows, ", "),
                               "--strict-dml");
  if (script.transactional) {
    try {
      connection_->end_transaction(true);
    } catch (const Error& error) {
      // A deferred constraint fails at COMMIT: the script's error, not the connection's.
      const Statement& last = script.statements.empty() ? Statement{} : script.statements.back();
      result.error = StatementError{error.what(), "", last.where, "COMMIT"};
      result.rolled_back = !committed;
    }
    connection_->set_autocommit(true);
  }
  return result;
}

// Inside the caller's open transaction (the data check's fill, forward, reverse, rolled back
// together), as the native engines: in a savepoint, never committing or ending the caller's
// transaction.
ExecResult OdbcDatabase::run_nested(const Script& script) {
  if (!script.transactional)
    return refused_in_transaction(script, nullptr, "the script asks to run outside a transaction");
  for (const Statement& statement : script.statements)
    if (!transaction_word(statement.sql).empty())
      return refused_in_transaction(script, &statement, "the script ends the transaction itself");
  const EngineFacts& facts = engine_facts(kind_);
  connection_->must_run("SAVEPOINT crucible_script", "opening the script's savepoint");
  std::vector<Statement> statements = script.statements;
  // Deferred constraints are checked where the script's own COMMIT would check them, in a
  // savepoint rolled back once they pass: SET CONSTRAINTS lasts until the transaction ends, and
  // a later script in the caller's transaction must defer what it declares deferred.
  if (facts.dialect == Dialect::postgres)
    statements.push_back(Statement{"SET CONSTRAINTS ALL IMMEDIATE", {script.file, 0}});
  ExecResult result;
  bool committed = false;
  for (size_t i = 0; i < statements.size(); ++i) {
    const bool deferred_check = i == script.statements.size();
    if (deferred_check) connection_->must_run("SAVEPOINT crucible_check", "checking constraints");
    QueryResult r = connection_->run(statements[i], {}, time_limits());
    if (facts.commits_implicitly && facts.commits_implicitly(statements[i].sql)) committed = true;
    if (!r.ok()) {
      result.error = r.error;
      result.rolled_back = !committed;
      if (!committed) {
        connection_->must_run("ROLLBACK TO SAVEPOINT crucible_script", "rolling back the script");
        connection_->must_run("RELEASE SAVEPOINT crucible_script", "rolling back the script");
      }
      return result;
    }
    if (i < script.statements.size()) ++result.statements_run;
    if (deferred_check) {
      connection_->must_run("ROLLBACK TO SAVEPOINT crucible_check", "checking constraints");
      connection_->must_run("RELEASE SAVEPOINT crucible_check", "checking constraints");
    }
  }
  if (!committed)
    connection_->must_run("RELEASE SAVEPOINT crucible_script", "releasing the script's savepoint");
  return result;
}

catalog::Catalog OdbcDatabase::snapshot() { return read_catalog(*connection_, kind_, name_); }

QueryResult OdbcDatabase::query(const Statement& statement, const std::vector<SqlValue>& params) {
  std::string word = transaction_word(statement.sql);
  QueryResult result;
  try {
    // Written as a statement, COMMIT and ROLLBACK end the whole transaction, as on the server.
    if (word == "BEGIN") begin();
    else if (word == "COMMIT" || word == "ROLLBACK") {
      depth_ = 0;
      end(word == "COMMIT");
    }
    else return connection_->run(statement, params, time_limits());
  } catch (const Error& error) {
    result.error = StatementError{error.what(), "", statement.where, statement.sql};
  }
  return result;
}

bool OdbcDatabase::nests_transactions() const {
  return engine_facts(kind_).dialect == Dialect::postgres;
}

// Nested begin() / commit() are savepoints where DDL is transactional, as the native PostgreSQL
// engine: the data check's row generator commits its fill inside the check's own transaction.
void OdbcDatabase::begin() {
  if (nests_transactions() && depth_ > 0) {
    connection_->must_run(fmt::format("SAVEPOINT crucible_nested_{}", depth_), "BEGIN (nested)");
    ++depth_;
    return;
  }
  connection_->set_autocommit(false);
  depth_ = 1;
}
void OdbcDatabase::commit() { end(true); }
void OdbcDatabase::rollback() { end(false); }

void OdbcDatabase::end(bool commit) {
  if (connection_->autocommit()) return;  // nothing open: as the servers, a no-op
  if (depth_ > 1) {
    --depth_;
    std::string savepoint = fmt::format("crucible_nested_{}", depth_);
    if (!commit) connection_->must_run("ROLLBACK TO SAVEPOINT " + savepoint, "ROLLBACK (nested)");
    connection_->must_run("RELEASE SAVEPOINT " + savepoint, commit ? "COMMIT (nested)" : "ROLLBACK (nested)");
    return;
  }
  depth_ = 0;
  // Back to autocommit even when COMMIT fails (the driver has then rolled back).
  try {
    connection_->end_transaction(commit);
  } catch (const Error&) {
    connection_->set_autocommit(true);
    throw;
  }
  connection_->set_autocommit(true);
}

std::unique_ptr<Database> OdbcDatabase::open_session() {
  auto session =
      std::make_unique<OdbcDatabase>(kind_, name_, connection_string_, label_, dsn_, nullptr);
  session->set_strict_dml(strict_dml_);
  return session;
}

}  // namespace crucible::odbc
