#include "harness/engines/sqlite/sqlite_database.h"

#include <unistd.h>

#include <fmt/format.h>

#include "harness/engines/scratch.h"
#include "harness/engines/sqlite/sqlite_catalog.h"

namespace crucible::sqlite {

void remove_database_files(const std::string& path) {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
}

SqliteDatabase::SqliteDatabase(std::string path, bool owned, bool foreign_keys)
    : path_(std::move(path)),
      owned_(owned),
      db_(open(path_, owned ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY)) {
  if (owned_) ScratchRegistry::instance().add(path_, [path = path_] { remove_database_files(path); });
  if (foreign_keys) sqlite3_exec(db_.get(), "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
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
std::optional<StatementError> SqliteDatabase::run_statement(const Statement& statement) {
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
      StatementError error{sqlite3_errmsg(db_.get()),
                           result_code_name(sqlite3_extended_errcode(db_.get())), statement.where,
                           statement.sql};
      sqlite3_finalize(stmt);
      return error;
    }
    sqlite3_finalize(stmt);
    cursor = tail;
  }
  return std::nullopt;
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
  for (const Statement& statement : script.statements) {
    if (auto error = run_statement(statement)) {
      result.error = std::move(error);
      if (script.transactional) {
        run_control("ROLLBACK");
        result.rolled_back = true;
      }
      return result;
    }
    ++result.statements_run;
  }
  if (script.transactional) {
    // COMMIT itself can fail (a deferred foreign key violation): that fails the script.
    if (auto error = run_statement({"COMMIT", {script.file, 0}})) {
      run_control("ROLLBACK");
      result.error = std::move(error);
      result.rolled_back = true;
    }
  }
  return result;
}

catalog::Catalog SqliteDatabase::snapshot() { return read_catalog(db_.get()); }

}  // namespace crucible::sqlite
