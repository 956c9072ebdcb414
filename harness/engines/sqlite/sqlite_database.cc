#include "harness/engines/sqlite/sqlite_database.h"

#include <unistd.h>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/scratch.h"
#include "harness/engines/sqlite/sqlite_catalog.h"
#include "harness/sql/lexer.h"

namespace crucible::sqlite {

void remove_database_files(const std::string& path) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
}

SqliteDatabase::SqliteDatabase(std::string path, bool owned, bool foreign_keys, bool contained)
    : path_(std::move(path)), owned_(owned), contained_(contained) {
  // Registered before the file exists, so that a signal during the open still removes it.
  if (owned_) ScratchRegistry::instance().add(path_, [path = path_] { remove_database_files(path); });
  try {
    db_ = open(path_, owned ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY);
  } catch (...) {
    if (owned_) {
      remove_database_files(path_);
      ScratchRegistry::instance().remove(path_);
    }
    throw;
  }
  if (contained_) containment_.install(db_.get(), &writes_);
  if (foreign_keys) sqlite3_exec(db_.get(), "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
}

void SqliteDatabase::apply_session(const std::vector<std::string>& statements) {
  for (const std::string& statement : statements) {
    char* message = nullptr;
    if (sqlite3_exec(db_.get(), statement.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string why = message ? message : sqlite3_errmsg(db_.get());
      sqlite3_free(message);
      throw Error(fmt::format("sqlite ({}): session statement failed (--session): {}: {}", path_,
                              statement, why));
    }
    session_statements_.push_back(statement);
  }
}

SqliteDatabase::~SqliteDatabase() {
  db_.reset();
  if (owned_ && !session_) {
    remove_database_files(path_);
    ScratchRegistry::instance().remove(path_);
  }
}

void SqliteDatabase::run_control(const char* sql) {
  sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr);
}

// Runs every statement in the text (a statement the splitter left whole may still hold several;
// SQLite's own parser is the authority), stepping through any rows a statement returns.
// Runs every statement in the text (a statement the splitter left whole may still hold several;
// SQLite's own parser is the authority), stepping through any rows a statement returns. SQLite
// has no statement timeout of its own: the watchdog interrupts the connection instead.
std::optional<StatementError> SqliteDatabase::run_statement(const Statement& statement) {
  containment_.take_refusal();
  StatementTimer timer(time_limits(), [db = db_.get()] { sqlite3_interrupt(db); });
  const char* cursor = statement.sql.c_str();
  while (cursor && *cursor) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_.get(), cursor, -1, &stmt, &tail);
    if (rc == SQLITE_OK && stmt) {
      while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      }
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK) {
      StatementError error = statement_error(statement, timer);
      sqlite3_finalize(stmt);
      return error;
    }
    sqlite3_finalize(stmt);
    cursor = tail;
  }
  return std::nullopt;
}

StatementError SqliteDatabase::statement_error(const Statement& statement,
                                               const StatementTimer& timer) {
  std::string message = sqlite3_errmsg(db_.get());
  int code = sqlite3_extended_errcode(db_.get());
  if (std::string refused = containment_.take_refusal(); !refused.empty())
    message = fmt::format("{}: Crucible refuses {}: a migration reaches only its scratch "
                          "database (--privileged lifts this)", message, refused);
  else if (code == SQLITE_INTERRUPT && timer.expired())
    message = fmt::format("{}: {}", message, timer.message());
  return StatementError{std::move(message), result_code_name(code), statement.where, statement.sql};
}

namespace {

// VACUUM and a change of journal mode refuse to run in a transaction: like PostgreSQL's
// SQLSTATE 25001, such a script is run again outside one, and reported as non-atomic.
bool refuses_transactions(const StatementError& error) {
  return error.message.find("within a transaction") != std::string::npos;
}

}  // namespace

ExecResult SqliteDatabase::execute(const Script& script) {
  if (!owned_)
    throw Error(fmt::format("sqlite: refusing to modify {}: Crucible only changes databases it "
                            "created", path_));
  if (!sqlite3_get_autocommit(db_.get())) return run_in_savepoint(script);
  ExecResult result = run_script(script);
  if (!result.ok() && script.transactional && result.rolled_back &&
      refuses_transactions(*result.error)) {
    Script outside = script;
    outside.transactional = false;
    std::string reason = fmt::format("ran outside a transaction: {} ({})", result.error->message,
                                     result.error->where.str());
    result = run_script(outside);
    result.note = reason;
  }
  return result;
}

ExecResult SqliteDatabase::run_script(const Script& script) {
  ExecResult result;
  result.atomic = script.transactional;
  if (script.transactional) run_control("BEGIN");
  const auto& statements = script.statements;
  for (size_t i = 0; i < statements.size(); ++i) {
    if (auto error = run_statement(statements[i])) {
      result.error = std::move(error);
      if (script.transactional && !sqlite3_get_autocommit(db_.get())) {
        run_control("ROLLBACK");
        // Only what ran since the script's own last COMMIT was undone.
        result.rolled_back = result.atomic;
      }
      return result;
    }
    ++result.statements_run;
    // The script's own COMMIT ended our transaction: what follows runs in autocommit (and our
    // COMMIT, with no transaction left, would be an error).
    if (script.transactional && i + 1 < statements.size() && sqlite3_get_autocommit(db_.get()))
      result.atomic = false;
  }
  if (script.transactional && !sqlite3_get_autocommit(db_.get())) {
    // COMMIT itself can fail (a deferred foreign key violation): that fails the script.
    if (auto error = run_statement({"COMMIT", {script.file, 0}})) {
      run_control("ROLLBACK");
      result.error = std::move(error);
      result.rolled_back = result.atomic;
    }
  }
  return result;
}

// Inside the caller's transaction: a savepoint around the script. What cannot run there (a script
// marked to run outside a transaction, VACUUM, its own BEGIN) runs nothing and is an error with
// SQLSTATE 25001, PostgreSQL's code for it, so that the caller can run it elsewhere.
ExecResult SqliteDatabase::run_in_savepoint(const Script& script) {
  ExecResult result;
  auto refuse = [&](StatementError error) {
    error.message = fmt::format("cannot run inside the caller's transaction: {}", error.message);
    error.sqlstate = "25001";
    result.error = std::move(error);
    result.rolled_back = true;
    return result;
  };
  if (!script.transactional)
    return refuse({"the script asks to run outside a transaction", "", {script.file, 0}, ""});
  // Refused before it runs: once its COMMIT had ended the caller's transaction, what came before
  // could no longer be undone.
  for (const Statement& statement : script.statements)
    if (sql::ends_transaction(statement.sql, Dialect::sqlite))
      return refuse({"the script ends the transaction itself", "", statement.where, statement.sql});
  run_control("SAVEPOINT crucible_script");
  for (const Statement& statement : script.statements) {
    if (auto error = run_statement(statement)) {
      run_control("ROLLBACK TO crucible_script");
      run_control("RELEASE crucible_script");
      if (refuses_transactions(*error)) return refuse(std::move(*error));
      result.error = std::move(error);
      result.rolled_back = true;
      return result;
    }
    ++result.statements_run;
  }
  run_control("RELEASE crucible_script");
  if (sqlite3_get_autocommit(db_.get()))  // the script's own COMMIT ended the caller's transaction
    return refuse({"the script ends the transaction itself", "", {script.file, 0}, ""});
  return result;
}

catalog::Catalog SqliteDatabase::snapshot() { return read_catalog(db_.get()); }

bool SqliteDatabase::undoes_scripts() const { return !foreign_keys_enabled(db_.get()); }

std::optional<std::vector<uint64_t>> SqliteDatabase::table_writes(
    const std::vector<std::string>& tables) {
  if (!contained_) return std::nullopt;  // no authorizer: no statement was seen
  // A virtual table: a table without storage of its own (rootpage 0), written by its module.
  int virtual_tables = 0;
  int rc = sqlite3_exec(
      db_.get(),
      "SELECT count(*) FROM main.sqlite_schema WHERE type = 'table' AND rootpage = 0 UNION ALL "
      "SELECT count(*) FROM temp.sqlite_schema WHERE type = 'table' AND rootpage = 0",
      [](void* count, int, char** values, char**) {
        if (!values[0] || std::string_view(values[0]) != "0") ++*static_cast<int*>(count);
        return 0;
      },
      &virtual_tables, nullptr);
  if (rc != SQLITE_OK || virtual_tables > 0) return std::nullopt;
  std::vector<uint64_t> out;
  for (const std::string& table : tables) out.push_back(writes_.writes_to(table));
  return out;
}

}  // namespace crucible::sqlite
