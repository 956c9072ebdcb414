// The loaders' output and the runner's input: an ordered set of migrations, each with a forward
// and a reverse script per engine. Loaders resolve per-engine variants and split statements with
// the engine's dialect, so everything downstream is format-agnostic.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/common/engine_kind.h"
#include "harness/common/error.h"

namespace crucible {

struct Statement {
  std::string sql;       // the statement text, without its terminating delimiter
  SourceLocation where;  // file:line of its first token
};

// Why a script cannot run as written: its text ends inside a comment, a literal or a body
// (`/* never closed`), so the statements after that point would silently vanish or be glued.
struct ScriptDefect {
  std::string message;   // what is unterminated, e.g. "unterminated /* comment"
  SourceLocation where;  // file:line where the unterminated token starts
};

struct Script {
  std::string file;  // source file, relative to the migrations root
  std::vector<Statement> statements;
  // False when the file asks to run outside a transaction (`-- migrate:up transaction:false`,
  // `-- crucible:no-transaction`): for statements such as CREATE INDEX CONCURRENTLY.
  bool transactional = true;
  // Set when the text is broken: applying the script is then an error before anything runs.
  std::optional<ScriptDefect> defect;

  // Nothing to run. A broken script is not empty: running it is an error.
  bool empty() const { return statements.empty() && !defect; }
};

class Database;
struct ExecResult;

enum class ApplyDirection { forward, reverse };

// A migration whose forward and reverse are code rather than a fixed list of statements (the Lua
// DSL's up/down, a Helium migration run the way the server runs it). apply() runs one direction
// on `db` and reports like Database::execute(): statement errors are results, never thrown.
// An extra check a program makes on the database after one of its steps (Helium: `state`).
struct ProgramCheck {
  std::string check;    // the check's name in the report, e.g. "state"
  bool passed = true;
  std::string message;  // why it failed (or what was verified)
  bool skipped = false;  // nothing to check (message says why); `passed` is then ignored
};

class MigrationProgram {
 public:
  virtual ~MigrationProgram() = default;
  virtual ExecResult apply(Database& db, ApplyDirection direction) const = 0;
  // Called after each successful apply(); the default makes no extra checks.
  virtual std::vector<ProgramCheck> check_after(Database&, ApplyDirection) const { return {}; }
  // Notes for the engine run, collected after the run (duplicates across migrations dropped).
  virtual std::vector<std::string> run_notes() const { return {}; }
  // Tables the program keeps its own bookkeeping in (Helium's `queries`): the `data` check
  // neither fills nor compares them, since random rows there are not the application's data.
  virtual std::vector<std::string> bookkeeping_tables() const { return {}; }
};

struct EngineScripts {
  Script forward;
  std::optional<Script> reverse;  // nullopt: there is no reverse at all (no down file/section)
  // When set, the migration is code: forward/reverse only name its file (their statements may be
  // empty) and the runner applies it through the program. An empty reverse then still counts.
  std::shared_ptr<const MigrationProgram> program;
  // A script that checks the forward's work (sqitch's verify/): the `verify` check runs it,
  // in a transaction it rolls back, after each forward; nullopt for formats without one.
  std::optional<Script> verify;
};

struct Migration {
  std::string version;  // as written in the file name, e.g. "0003" or "20240101120000"
  std::string name;     // e.g. "add_email_index"
  // Scripts per engine. An engine missing here has no script for this migration; the reason
  // (for the report's `skip`) is in `unavailable`.
  std::map<EngineKind, EngineScripts> scripts;
  std::map<EngineKind, std::string> unavailable;
  // Declared irreversible (with the reason): reverse checks are skipped, not failed.
  std::optional<std::string> irreversible;
  // Declared lossy (with the reason): forward + reverse loses data by design, so the `data`
  // check is skipped (`-- crucible:lossy <reason>` or a `<file>.lossy` sidecar).
  std::optional<std::string> lossy;
  // Defects the loader found in this migration's files, per engine (a down without an up, two
  // ups for one version): the runner reports the forward as an error naming the files, runs
  // nothing of it and goes on with the next. Such an engine has no entry in `scripts`.
  std::map<EngineKind, ScriptDefect> findings;
  std::vector<std::string> notes;  // what the loader noticed, for each engine run's notes

  const EngineScripts* for_engine(EngineKind kind) const {
    auto it = scripts.find(kind);
    return it == scripts.end() ? nullptr : &it->second;
  }
};

struct MigrationSet {
  std::string root;    // the folder the user named
  std::string format;  // "sql", "helium", "lua"
  std::vector<Migration> migrations;  // in version order
};

}  // namespace crucible
