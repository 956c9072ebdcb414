#include "harness/checks/verify.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/catalog/catalog_json.h"
#include "harness/catalog/diff.h"
#include "harness/checks/check_names.h"
#include "harness/checks/verify_script.h"
#include "harness/engines/cleanup_failures.h"
#include "harness/replay/apply.h"

namespace crucible {
namespace {

using catalog::Catalog;

class Stopwatch {
 public:
  double elapsed_ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

const char* kDeclareIrreversible =
    "declare `-- crucible:irreversible <reason>` if that is intended";

// "column users.email: ... (and 2 more changes)"
std::string summarize(const std::vector<catalog::Change>& changes, const std::string& a_label,
                      const std::string& b_label) {
  std::string text = changes.front().describe(a_label, b_label);
  if (changes.size() > 1) text += fmt::format(" (and {} more changes)", changes.size() - 1);
  return text;
}

// A statement the server refused for want of a right: SQLSTATE 42501 (PostgreSQL, DB2), MySQL's
// and MariaDB's "Access denied" / "command denied" (42000). Under containment the run's own
// login has fewer rights than a project's deployment login may have: disabling a table's
// foreign-key triggers (`ALTER TABLE … DISABLE TRIGGER ALL`, as Lemmy does) needs a superuser.
bool refused_for_rights(const StatementError& error) {
  return error.sqlstate == "42501" || error.message.find("Access denied") != std::string::npos ||
         error.message.find("command denied") != std::string::npos;
}

const char* kContainedHint =
    " (refused to the run's own login, which has no superuser or global rights: containment; "
    "--privileged runs migrations as the DSN's login, for code you trust)";

// Equality as the oracles see it: by diff, so that engine-generated names that were renumbered
// (MariaDB's CONSTRAINT_n) do not count.
bool same_schema(const Catalog& a, const Catalog& b) { return catalog::diff(a, b).empty(); }

// A failed script that changed nothing: rolled back, or stopped at its first statement, which a
// server undoes whole (a partial DROP of several tables shows in the catalog, compared next).
bool left_no_trace(const ExecResult& failed) {
  return failed.rolled_back || failed.statements_run == 0;
}

// Sets the --migration-timeout deadline on a database for the life of one migration's checks.
class MigrationDeadline {
 public:
  MigrationDeadline(Database& db, std::chrono::milliseconds timeout) : limits_(db.time_limits()) {
    if (timeout.count() <= 0) return;
    limits_.migration_deadline = Clock::now() + timeout;
    limits_.migration = timeout;
  }
  ~MigrationDeadline() { limits_.migration_deadline.reset(); }
  MigrationDeadline(const MigrationDeadline&) = delete;
  MigrationDeadline& operator=(const MigrationDeadline&) = delete;

 private:
  TimeLimits& limits_;
};

class EngineVerifier {
 public:
  EngineVerifier(Engine& engine, const MigrationSet& set, const VerifyOptions& options)
      : engine_(engine), set_(set), options_(options), kind_name_(engine_name(engine.kind())) {}

  EngineRun run() {
    run_.engine = kind_name_;
    run_.dsn = engine_.dsn().redacted();
    size_t next = 0;
    try {
      info_ = engine_.server_info();
      run_.server_version = info_.version;
      run_.containment = info_.containment;
      if (info_.containment.starts_with("containment off"))
        run_.notes.insert(run_.notes.begin(), info_.containment);
      if (!info_.transactional_ddl)
        run_.notes.push_back(fmt::format(
            "DDL commits implicitly on {}: scripts with DDL are not atomic; after a partial "
            "failure the run continues from a database rebuilt by replay", kind_name_));
      db_ = engine_.create_scratch();
      after_.push_back(current());  // S0: the empty scratch database
      for (; next < set_.migrations.size(); ++next) {
        verify_migration(next);
        if (options_.after_migration)
          options_.after_migration(next + 1, run_,
                                   LinearStart{current_ ? &*current_ : nullptr, stepped_});
      }
      program_notes();
    } catch (const Error& e) {
      run_.status = "error";
      run_.message = e.what();
      for (; next < set_.migrations.size(); ++next)
        skip_checks(set_.migrations[next], 0, fmt::format("engine failed: {}", e.what()));
    }
    db_.reset();
    report_cleanup_failures();
    return std::move(run_);
  }

 private:
  bool reported(const Migration& m) const {
    if (options_.only_versions.empty()) return true;
    for (const auto& v : options_.only_versions)
      if (v == m.version) return true;
    return false;
  }

  Result& add(const Migration& m, const std::string& check, Status status, std::string message,
              double ms = 0) {
    Result& r = pending_.emplace_back(result_for(kind_name_, m, check, status, std::move(message)));
    r.duration_ms = ms;
    return r;
  }

  // Skips check::kLinear[from..] of `m` with one reason.
  void skip_checks(const Migration& m, size_t from, const std::string& reason) {
    for (size_t i = from; i < std::size(check::kLinear); ++i)
      add(m, check::kLinear[i], Status::skip, reason);
    flush(m);
  }

  // A program's own checks after a step (Helium: `state`): one result per check name and
  // migration, failed by the first step that fails it.
  void program_checks(const Migration& m, const EngineScripts& scripts, ApplyDirection direction,
                      const char* step) {
    if (!scripts.program) return;
    for (ProgramCheck& c : scripts.program->check_after(*db_, direction)) {
      auto it = std::find_if(pending_.begin(), pending_.end(),
                             [&](const Result& r) { return r.check == c.check; });
      if (it == pending_.end()) {
        Status status = c.skipped ? Status::skip : c.passed ? Status::pass : Status::fail;
        Result& r = add(m, c.check, status,
                        c.skipped ? c.message : fmt::format("{}: {}", step, c.message));
        r.location = SourceLocation{scripts.forward.file, 0};
      } else if (it->status == Status::pass && !c.passed && !c.skipped) {
        it->status = Status::fail;
        it->message = fmt::format("{}: {}", step, c.message);
      }
    }
  }

  // The migration's own verify script (sqitch's verify/), as the `verify` check.
  void verify_script(const Migration& m, const EngineScripts& scripts, VerifyMoment moment) {
    if (auto note = check_verify_script(*db_, engine_.kind(), m, scripts, moment, pending_))
      run_.notes.push_back(std::move(*note));
  }

  // A scratch database (or login) the run could not drop is a leak, not a pass: the engine run is
  // an error, which makes the exit code non-zero.
  void report_cleanup_failures() {
    for (const std::string& failure : take_cleanup_failures(run_.dsn)) {
      run_.status = "error";
      std::string text = fmt::format("left behind on the server ({} can drop it): {}",
                                     "`crucible cleanup --drop`", failure);
      run_.message = run_.message.empty() ? text : run_.message + "; " + text;
    }
  }

  // What the migration programs have to say about the whole run (Helium: the transport shim).
  void program_notes() {
    for (const Migration& m : set_.migrations)
      if (const EngineScripts* scripts = m.for_engine(engine_.kind()); scripts && scripts->program)
        for (std::string& note : scripts->program->run_notes())
          if (std::find(run_.notes.begin(), run_.notes.end(), note) == run_.notes.end())
            run_.notes.push_back(std::move(note));
  }

  void flush(const Migration& m) {
    if (reported(m))
      for (Result& r : pending_) run_.results.push_back(with_left_out(std::move(r)));
    pending_.clear();
  }

  // --keep-going: every result after a left-out migration says that it ran without it.
  Result with_left_out(Result r) const {
    if (left_out_.empty()) return r;
    // The most recent few, so that a long run's messages do not grow with every failed file;
    // the engine notes list them all.
    constexpr size_t kNamed = 3;
    std::vector<std::string> parts;
    size_t first_named = left_out_.size() > kNamed ? left_out_.size() - kNamed : 0;
    if (first_named > 0) parts.push_back(fmt::format("{} earlier ones left out", first_named));
    for (size_t k = first_named; k < left_out_.size(); ++k)
      parts.push_back(fmt::format("{} left out: its forward failed",
                                  set_.migrations[left_out_[k]].version));
    std::string note = fmt::format("{}", fmt::join(parts, "; "));
    r.message = r.message.empty() ? note : fmt::format("{} ({})", r.message, note);
    return r;
  }

  bool is_left_out(size_t index) const {
    return std::find(left_out_.begin(), left_out_.end(), index) != left_out_.end();
  }

  void error_result(const Migration& m, const char* check, const StatementError& error, double ms,
                    const std::string& prefix = "") {
    const bool contained = !info_.containment.empty() &&
                           !info_.containment.starts_with("containment off");
    Result& r = add(m, check, Status::error,
                    prefix + error.message +
                        (contained && refused_for_rights(error) ? kContainedHint : ""),
                    ms);
    r.location = error.where;
    r.sqlstate = error.sqlstate;
    r.statement = error.statement;
  }

  // Notes are for the exceptional: on an engine without transactional DDL, non-atomic scripts
  // are the rule and the engine-level note says so once.
  void note_execution(const Migration& m, const char* step, const ExecResult& result) {
    if (!result.note.empty() && info_.transactional_ddl)
      run_.notes.push_back(fmt::format("{} {}: {}", m.version, step, result.note));
  }

  void verify_migration(size_t index) {
    const Migration& m = set_.migrations[index];
    stepped_ = false;
    run_.notes.insert(run_.notes.end(), m.notes.begin(), m.notes.end());
    // A defect in the files is a fact about them, whatever the database's state: nothing runs.
    if (auto found = m.findings.find(engine_.kind()); found != m.findings.end()) {
      if (!blocked_by_) after_.push_back(after_.back());
      add(m, check::kForward, Status::error, found->second.message).location = found->second.where;
      return skip_checks(m, 1, "the migration's files are defective (see forward)");
    }
    if (blocked_by_) return skip_checks(m, 0, *blocked_by_);
    const EngineScripts* scripts = m.for_engine(engine_.kind());
    if (!scripts) {
      after_.push_back(after_.back());  // nothing runs: the schema stays as it was
      auto reason = m.unavailable.find(engine_.kind());
      return skip_checks(m, 0, reason != m.unavailable.end()
                                   ? reason->second
                                   : fmt::format("no script for {}", kind_name_));
    }
    if (run_checks(index, *scripts)) restore_if_needed(index);
  }

  // Forward, reverse and re-apply of one migration, within its --migration-timeout. Returns
  // whether the database may have to be rebuilt (false: the forward failed and blocks later
  // migrations, or nothing else ran). The rebuild replaces db_, so it waits for the deadline's end.
  bool run_checks(size_t index, const EngineScripts& scripts) {
    const Migration& m = set_.migrations[index];
    const Catalog before = after_.back();
    MigrationDeadline deadline(*db_, options_.migration_timeout);
    if (!forward(index, scripts)) return is_left_out(index);
    Catalog first = current();
    after_.push_back(first);
    // A migration this run does not report (another shard's, or before --changed-since) only
    // has to bring the schema to where the next one starts.
    if (!reported(m)) {
      flush(m);
      return false;
    }
    if (undoable(m, scripts))
      stepped_ = round_trip_undoably(m, scripts, before, first);
    else if (reverse_and_compare(m, scripts, before, first))
      stepped_ = reapply(m, scripts, first);
    stepped_ = stepped_ && !scripts.program && !scripts.verify;
    flush(m);
    return true;
  }

  // Whether the reverse and the re-apply can run inside one transaction that is rolled back when
  // a check fails (Database::undoes_scripts). Not a program (a Helium LOAD commits in steps) nor
  // a sqitch verify script (it ends its own transaction), nor a script run outside transactions
  // (a forward that did, CREATE INDEX CONCURRENTLY, would be refused inside).
  bool undoable(const Migration& m, const EngineScripts& scripts) const {
    return db_->undoes_scripts() && forward_was_atomic_ && !m.irreversible && scripts.reverse &&
           !scripts.program && !scripts.verify && scripts.reverse->transactional;
  }

  // The reverse and the re-apply in one transaction: committed when every check passed, as if
  // they had run one after the other; rolled back otherwise, which leaves the database where
  // the first forward left it, rows and all, so that no rebuild is needed (ory/kratos on
  // PostgreSQL: 58 rebuilds replayed 7,556 statements, two thirds of its run; on SQLite 198
  // replayed 45,872). A script the engine refuses to run inside a transaction (CREATE INDEX
  // CONCURRENTLY, VACUUM, a procedure that commits, a script's own COMMIT) makes the round trip
  // run again as usual, its results from inside dropped. Returns whether the reverse and the
  // re-apply are now done, each whole.
  bool round_trip_undoably(const Migration& m, const EngineScripts& scripts, const Catalog& before,
                           const Catalog& first) {
    const size_t results = pending_.size(), notes = run_.notes.size();
    db_->begin();
    inside_round_trip_ = true;
    refused_inside_ = false;
    if (reverse_and_compare(m, scripts, before, first)) reapply(m, scripts, first);
    inside_round_trip_ = false;
    const bool passed = std::all_of(pending_.begin() + static_cast<std::ptrdiff_t>(results),
                                    pending_.end(),
                                    [](const Result& r) { return r.status == Status::pass; });
    if (passed && !refused_inside_) {
      db_->commit();
      return true;
    }
    db_->rollback();
    current_ = first;  // rolled back: the first forward's state
    reapply_failed_ = false;
    reapply_left_no_trace_ = false;
    if (!refused_inside_) return false;
    pending_.resize(results);
    run_.notes.resize(notes);
    return reverse_and_compare(m, scripts, before, first) && reapply(m, scripts, first);
  }

  // Every step on the scratch database goes through here, so that `current_` never outlives the
  // state it describes.
  ExecResult step(const EngineScripts& scripts, ApplyDirection direction) {
    current_.reset();
    ExecResult result = apply_step(*db_, scripts, direction);
    if (inside_round_trip_ && refused_in_transaction(result))
      refused_inside_ = true;
    return result;
  }

  // The catalog as it is now. The last check's snapshot is reused: after a reapply the state is
  // unchanged until the next step, and a snapshot is most of what verify costs on a server.
  // Database::catalog_digest is not used here: checking "after reverse" and "after re-apply" by
  // digest costs one snapshot and three digests per migration instead of three snapshots, and
  // the servers' digests cost 0.7-1.8 snapshots each (benchmarks/README.md, "digest-first").
  const Catalog& current() {
    if (!current_) current_ = db_->snapshot();
    return *current_;
  }

  void progress(const Migration& m, const char* step, const Script& script) const {
    if (options_.progress) options_.progress(ProgressEvent{kind_name_, m, step, &script});
  }

  // Returns false when the forward script failed: later migrations are then blocked, or with
  // --keep-going run without this one.
  bool forward(size_t index, const EngineScripts& scripts) {
    const Migration& m = set_.migrations[index];
    progress(m, check::kForward, scripts.forward);
    Stopwatch clock;
    ExecResult result = step(scripts, ApplyDirection::forward);
    note_execution(m, check::kForward, result);
    forward_was_atomic_ = result.atomic;
    if (!result.ok()) {
      error_result(m, check::kForward, *result.error, clock.elapsed_ms());
      skip_checks(m, 1, "forward failed");
      if (options_.keep_going)
        leave_out(index, scripts, result);
      else
        blocked_by_ = fmt::format("blocked by {}: its forward failed", m.version);
      return false;
    }
    add(m, check::kForward, Status::pass,
        fmt::format("applied {} statements{}", result.statements_run,
                    result.atomic ? "" : " (non-atomic)"),
        clock.elapsed_ms());
    program_checks(m, scripts, ApplyDirection::forward, "after forward");
    if (reported(m)) verify_script(m, scripts, VerifyMoment::after_forward);
    return true;
  }

  // Runs the reverse and the round-trip check. Returns false when there is nothing to re-apply
  // onto (no reverse, or it failed); the database is then expected to be at `first`.
  bool reverse_and_compare(const Migration& m, const EngineScripts& scripts, const Catalog& before,
                           const Catalog& first) {
    if (m.irreversible) {
      std::string reason = "declared irreversible: " + *m.irreversible;
      for (const char* name : {check::kReverse, check::kRoundtrip, check::kReapply})
        add(m, name, Status::skip, reason);
      return false;
    }
    if (!scripts.reverse) {
      std::string why = "no reverse script (no down migration)";
      add(m, check::kReverse, Status::fail, why + "; " + kDeclareIrreversible);
      add(m, check::kRoundtrip, Status::fail, "cannot round-trip: " + why);
      add(m, check::kReapply, Status::skip, "no reverse ran");
      return false;
    }
    // An empty reverse is a reverse that does nothing: it runs, and the round-trip judges it.
    const bool empty = reverse_is_empty(scripts);
    progress(m, check::kReverse, *scripts.reverse);
    Stopwatch clock;
    ExecResult result = step(scripts, ApplyDirection::reverse);
    note_execution(m, check::kReverse, result);
    if (!result.ok()) {
      error_result(m, check::kReverse, *result.error, clock.elapsed_ms());
      std::string reason = result.rolled_back
          ? "blocked by the reverse error (rolled back)"
          : "blocked by the reverse error (partially applied: the engine commits DDL implicitly)";
      add(m, check::kRoundtrip, Status::skip, reason);
      add(m, check::kReapply, Status::skip, reason);
      return false;
    }
    std::string empty_note = fmt::format("reverse script {} is empty", scripts.reverse->file);
    add(m, check::kReverse, Status::pass,
        empty ? empty_note + ": ran as a no-op"
              : fmt::format("applied {} statements", result.statements_run),
        clock.elapsed_ms());
    program_checks(m, scripts, ApplyDirection::reverse, "after reverse");
    verify_script(m, scripts, VerifyMoment::after_reverse);
    Result& roundtrip =
        compare(m, check::kRoundtrip, before, "before forward", "after reverse",
                scripts.reverse->file);
    if (empty)
      roundtrip.message = roundtrip.status == Status::pass
          ? empty_note
          : fmt::format("{}; {}: {}", roundtrip.message, empty_note, kDeclareIrreversible);
    return true;
  }

  // Returns whether the second forward ran whole.
  bool reapply(const Migration& m, const EngineScripts& scripts, const Catalog& first) {
    const Script& forward_script = scripts.forward;
    progress(m, check::kReapply, forward_script);
    Stopwatch clock;
    ExecResult result = step(scripts, ApplyDirection::forward);
    note_execution(m, check::kReapply, result);
    if (!result.ok()) {
      error_result(m, check::kReapply, *result.error, clock.elapsed_ms(),
                   "second forward failed: ");
      reapply_failed_ = true;
      reapply_left_no_trace_ = reverse_is_empty(scripts) && left_no_trace(result);
      return false;
    }
    program_checks(m, scripts, ApplyDirection::forward, "after second forward");
    verify_script(m, scripts, VerifyMoment::after_second_forward);
    compare(m, check::kReapply, first, "after first forward", "after second forward",
            forward_script.file, clock);
    return true;
  }

  // Snapshots the database and compares it with `expected`: pass, or fail with the diff.
  Result& compare(const Migration& m, const char* check, const Catalog& expected,
                  const std::string& expected_label, const std::string& actual_label,
                  const std::string& file, Stopwatch clock = {}) {
    const Catalog& actual = current();
    auto changes = catalog::diff(expected, actual);
    if (changes.empty()) return add(m, check, Status::pass, "", clock.elapsed_ms());
    Result& r = add(m, check, Status::fail, summarize(changes, expected_label, actual_label),
                    clock.elapsed_ms());
    r.diff = catalog::to_json(changes);
    r.location = SourceLocation{file, 0};
    return r;
  }

  // After migration `index`, later migrations must start from the state its first forward
  // produced. When the database is not provably there, rebuild it by replaying.
  void restore_if_needed(size_t index) {
    if (is_left_out(index)) return rebuild_without(index);
    // After a failed re-apply the database is where the reverse left it, which the catalog alone
    // may not show: data, or a Helium design's applied number (the server would apply it again).
    // Unless the reverse ran no statement and the re-apply failed without a trace: then it is
    // where the first forward left it, data and all. That is the common case of an empty reverse
    // (ory/hydra on MariaDB: 57 of its 61 rebuilds, each a replay of every migration before it).
    const bool reapply_failed = std::exchange(reapply_failed_, false);
    const bool left_no_trace = std::exchange(reapply_left_no_trace_, false);
    if ((!reapply_failed || left_no_trace) && same_schema(current(), after_.back())) return;
    const std::string& version = set_.migrations[index].version;
    try {
      std::string differs = rebuild(index);
      run_.notes.push_back(fmt::format(
          "after {}: the database was rebuilt by replaying migrations up to {}{}{}", version,
          version, left_out_list(" (leaving out ", ")"), differs));
    } catch (const Error& e) {
      blocked_by_ = fmt::format("blocked by {}: the database is in an unknown state ({})",
                                version, e.what());
    }
  }

  // --keep-going: the run goes on as if migration `index` were absent. A script that failed
  // without a trace left nothing behind; anything else is undone by rebuilding from the
  // migrations that succeeded: DDL committed implicitly, and any failed program, which may
  // commit in steps (a Helium LOAD commits its rows before the APPLY that fails).
  void leave_out(size_t index, const EngineScripts& scripts, const ExecResult& failed) {
    left_out_.push_back(index);
    after_.push_back(after_.back());  // as if absent: the schema stays as it was
    rebuild_pending_ =
        !(left_no_trace(failed) && !scripts.program && same_schema(current(), after_.back()));
  }

  // Completes leave_out() once the left-out migration's deadline is over.
  void rebuild_without(size_t index) {
    const std::string& version = set_.migrations[index].version;
    if (!rebuild_pending_) {
      run_.notes.push_back(fmt::format(
          "--keep-going: {} left out (its forward failed without a trace); later migrations "
          "ran without it", version));
      return;
    }
    rebuild_pending_ = false;
    try {
      std::string differs = rebuild(index);
      run_.notes.push_back(fmt::format(
          "--keep-going: {} left out (its forward failed); the database was rebuilt by replaying "
          "the migrations before it{}, and later migrations ran without it{}", version,
          left_out_list(", leaving out ", "", index), differs));
    } catch (const Error& e) {
      blocked_by_ = fmt::format("blocked by {}: its forward failed and the database could not be "
                                "rebuilt without it ({})", version, e.what());
    }
  }

  // Replaces the scratch database with a fresh one holding the forwards of migrations
  // [0, through], minus the left-out ones. Throws crucible::Error when a replayed forward fails.
  // A replay whose schema differs from the catalog recorded after `through` is what a
  // migration that does not give the same schema twice (a timestamp frozen into a view, as
  // Lemmy's add_post_newest_activity_time does) leaves on every database, production's too —
  // its re-apply failed on it already. Later migrations start from the replay's schema, as a
  // deployment would, instead of stopping there: returns how it differs, for the note, or "".
  std::string rebuild(size_t through) {
    auto fresh = engine_.create_scratch();
    for (size_t i = 0; i <= through; ++i) {
      const EngineScripts* scripts = set_.migrations[i].for_engine(engine_.kind());
      if (!scripts || is_left_out(i)) continue;
      progress(set_.migrations[i], "replay", scripts->forward);
      if (!apply_step(*fresh, *scripts, ApplyDirection::forward).ok())
        throw Error(fmt::format("replaying {} failed", set_.migrations[i].version));
    }
    Catalog replayed = fresh->snapshot();
    std::vector<catalog::Change> changes = catalog::diff(after_.back(), replayed);
    db_ = std::move(fresh);
    stepped_ = false;
    current_ = replayed;
    if (changes.empty()) return "";
    after_.back() = std::move(replayed);
    return fmt::format("; the replay's schema differs from the first run's ({}), and later "
                       "migrations start from the replay's",
                       summarize(changes, "in the first run", "in the replay"));
  }

  // "0003, 0005" (the left-out migrations but `except`) between `prefix` and `suffix`, or "".
  std::string left_out_list(const char* prefix, const char* suffix,
                            size_t except = std::string::npos) const {
    std::vector<std::string> versions;
    for (size_t i : left_out_)
      if (i != except) versions.push_back(set_.migrations[i].version);
    if (versions.empty()) return "";
    return fmt::format("{}{}{}", prefix, fmt::join(versions, ", "), suffix);
  }

  Engine& engine_;
  const MigrationSet& set_;
  const VerifyOptions& options_;
  std::string kind_name_;
  ServerInfo info_;
  EngineRun run_;
  std::unique_ptr<Database> db_;
  std::vector<Catalog> after_;  // catalog after each migration's first forward; [0] is empty
  std::vector<Result> pending_;  // results of the migration in progress
  std::optional<Catalog> current_;  // snapshot of db_ since its last step, if one was taken
  std::optional<std::string> blocked_by_;
  std::vector<size_t> left_out_;  // --keep-going: migrations whose forward failed, in order
  bool reapply_failed_ = false;  // the current migration's second forward failed
  bool reapply_left_no_trace_ = false;  // ... without a trace, after a reverse that ran nothing
  bool rebuild_pending_ = false;  // the last left-out forward left something behind
  bool forward_was_atomic_ = false;  // the current migration's first forward ran in one transaction
  bool inside_round_trip_ = false;  // round_trip_undoably's transaction is open
  bool refused_inside_ = false;  // ... and a script refused to run inside it
  // The current migration's forward, reverse and re-apply ran whole, and nothing else did
  // (LinearStart::by_forward_reverse_forward).
  bool stepped_ = false;
};

}  // namespace

EngineRun verify_engine(Engine& engine, const MigrationSet& set, const VerifyOptions& options) {
  return EngineVerifier(engine, set, options).run();
}

}  // namespace crucible
