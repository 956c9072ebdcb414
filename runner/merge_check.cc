#include "runner/merge_check.h"

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/checks/commute.h"
#include "harness/engines/scratch.h"
#include "harness/loaders/loader.h"
#include "reports/terminal_report.h"
#include "runner/engine_selection.h"
#include "runner/engine_verify.h"
#include "runner/git_revisions.h"
#include "runner/merge_check_order.h"
#include "runner/redact_report.h"

namespace crucible {
namespace {

namespace fs = std::filesystem;

// The three trees are written under one temporary folder, removed when the command ends, and
// by the signal path on Ctrl-C (which ends the process without running destructors).
class ScratchFolder {
 public:
  ScratchFolder() {
    std::string pattern = (fs::temp_directory_path() / "crucible-merge-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      throw Error(fmt::format("cannot create a temporary folder {}", pattern));
    path_ = pattern;
    ScratchRegistry::instance().add(path_, [path = path_] { remove(path); });
  }
  ~ScratchFolder() {
    ScratchRegistry::instance().remove(path_);
    remove(path_);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  static void remove(const std::string& path) {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }

  std::string path_;
};

// Messages name the user's folder at a revision ("db@main/0005_x.up.sql"), never our copy.
struct PathRewrite {
  std::string from, to;
};

std::string rewritten(std::string text, const std::vector<PathRewrite>& rewrites) {
  for (const PathRewrite& r : rewrites)
    for (std::size_t at = text.find(r.from); at != std::string::npos; at = text.find(r.from, at))
      text.replace(at, r.from.size(), r.to), at += r.to.size();
  return text;
}

struct LoadRequest {
  const GitFolder& folder;
  const std::vector<EngineKind>& kinds;
  const std::string& format;
  const std::map<std::string, std::string>& defines;
};

TreeAtCommit load_at(const LoadRequest& request, const std::string& label,
                     const std::string& commit, const std::string& dest,
                     std::vector<PathRewrite>& rewrites) {
  rewrites.push_back({dest, fmt::format("{}@{}", request.folder.path, label)});
  TreeAtCommit tree{label, commit, {}, {}};
  try {
    fs::create_directories(dest);
    tree.blobs = write_folder_at(request.folder, commit, dest);
    tree.set = load_migrations(dest, request.kinds, request.format, request.defines);
  } catch (const Error& e) {
    throw Error(fmt::format("{} at {}: {}", request.folder.path, label, rewritten(e.what(), rewrites)));
  }
  tree.set.root = request.folder.path;
  return tree;
}

std::vector<std::string> versions_of(const std::vector<Migration>& migrations) {
  std::vector<std::string> versions;
  for (const Migration& m : migrations) versions.push_back(m.version);
  return versions;
}

// The branch's added migrations without those main added identically (one commit cherry-picked
// onto both sides): after the merge they are one migration, already on main.
std::vector<Migration> branch_only(const std::vector<Migration>& branch_added,
                                   const TreeAtCommit& head, const std::vector<Migration>& main_added,
                                   const TreeAtCommit& main) {
  std::vector<Migration> only;
  for (const Migration& m : branch_added) {
    bool shared = false;
    for (const Migration& other : main_added) shared = shared || same_migration(m, head, other, main);
    if (!shared) only.push_back(m);
  }
  return only;
}

// Main's migrations, then the branch's: the order in which a database that follows main meets
// them once the branch is merged.
MigrationSet merged_set(const TreeAtCommit& main, const std::vector<Migration>& branch) {
  MigrationSet set = main.set;
  if (branch.empty()) {
    set.migrations.clear();  // nothing of the branch to verify
    return set;
  }
  set.migrations.insert(set.migrations.end(), branch.begin(), branch.end());
  return set;
}

struct EngineJob {
  const Dsn& dsn;
  const EngineOptions& engine_options;
  const MigrationSet& merged;
  const VerifyOptions& options;
  const CommuteSides& sides;
};

EngineRun run_engine(const EngineJob& job) {
  EngineRun run = verify_on_engine(job.dsn, job.engine_options, job.merged, job.options, {});
  if (run.status != "ok" || job.sides.branch.empty()) return run;  // nothing of the branch's
  try {
    auto engine = connect_engine(job.dsn, job.engine_options);
    run.results.push_back(check_commute(*engine, job.sides));
  } catch (const Error& e) {
    run.status = "error";
    run.message = fmt::format("commute: {}", e.what());
  }
  return run;
}

// Versions the merge base already has whose files the branch changed: rewritten history, which
// databases that ran the old text never see. merge-check judges added migrations only.
std::vector<std::string> edited_by(const TreeAtCommit& base, const TreeAtCommit& head) {
  std::vector<std::string> edited;
  for (const Migration& old : base.set.migrations)
    for (const Migration& now : head.set.migrations)
      if (old.version == now.version && !same_migration(old, base, now, head))
        edited.push_back(old.version);
  return edited;
}

EngineRun git_run(const TreeAtCommit& base, const TreeAtCommit& main, const TreeAtCommit& head,
                  const std::vector<Migration>& main_added,
                  const std::vector<Migration>& branch_added,
                  const std::optional<std::vector<std::string>>& heads) {
  EngineRun run;
  run.engine = kGitEngine;
  run.server_version = git_version();
  run.notes.push_back(fmt::format("merge base {} of {} ({}) and {} ({})", short_commit(base.commit),
                                  main.label, short_commit(main.commit), head.label,
                                  short_commit(head.commit)));
  for (const auto& [label, added] : {std::pair{&main.label, &main_added}, {&head.label, &branch_added}})
    run.notes.push_back(fmt::format("{} added {} migration{} since the merge base{}{}", *label,
                                    added->size(), added->size() == 1 ? "" : "s",
                                    added->empty() ? "" : ": ", fmt::join(versions_of(*added), " ")));
  if (std::vector<std::string> edited = edited_by(base, head); !edited.empty())
    run.notes.push_back(fmt::format(
        "{} changed {}, which the merge base already has: databases that ran the old text keep "
        "it; merge-check judges added migrations only (verify --changed-since runs changed ones)",
        head.label, fmt::join(edited, " ")));
  run.results = check_merge_order(base, main, main_added, branch_added, heads);
  return run;
}

}  // namespace

CLI::App* MergeCheckCommand::add_to(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "merge-check",
      "Check a pull request's migrations against its target branch: version conflicts, "
      "out-of-order versions, whether both branches' migrations commute, and forward / reverse / "
      "forward of the branch's on top of the target's (read from git)");
  source.add_to(*cmd, "Engine to check on", kDefaultStatementTimeout);
  cmd->add_option("--base", base, "The branch the pull request merges into (a git revision)")
      ->required();
  cmd->add_option("--head", head, "The pull request's branch (a git revision; default HEAD)");
  cmd->add_option("--migration-timeout", migration_timeout,
                  "Cancel a migration whose forward, reverse and re-apply together run longer "
                  "(500ms, 30s, 5m, 1h)");
  cmd->add_option("--define", defines, "NAME=VALUE for Lua code (os.getenv) and Helium ${NAME} "
                                       "macros; overrides the environment (repeatable)");
  outputs.add_to(cmd);
  gate.add_to(cmd);
  cmd->add_flag("-q,--quiet", quiet, "Print only the summary line");
  return cmd;
}

int MergeCheckCommand::run() const {
  std::vector<Dsn> dsns = resolve_engines(source.engines, source.session);
  EngineOptions engine_options = source.engine_options();
  VerifyOptions options;
  if (!migration_timeout.empty())
    options.migration_timeout = parse_duration(migration_timeout, "--migration-timeout");
  std::vector<EngineKind> kinds;
  for (const Dsn& dsn : dsns) kinds.push_back(dsn.kind);
  std::map<std::string, std::string> definitions = parse_defines(defines);

  GitFolder folder = find_git_folder(source.path);
  std::string main_commit = resolve_commit(folder, base, "--base");
  std::string head_commit = resolve_commit(folder, head, "--head");
  std::string base_commit = merge_base(folder, main_commit, head_commit);

  ScratchFolder scratch;
  std::vector<PathRewrite> rewrites;
  LoadRequest request{folder, kinds, source.format, definitions};
  TreeAtCommit at_base = load_at(request, fmt::format("merge-base:{}", short_commit(base_commit)),
                                 base_commit, scratch.path() + "/merge-base", rewrites);
  TreeAtCommit at_main = load_at(request, base, main_commit, scratch.path() + "/base", rewrites);
  TreeAtCommit at_head = load_at(request, head, head_commit, scratch.path() + "/head", rewrites);

  std::vector<Migration> main_added = added_since(at_base, at_main);
  std::vector<Migration> branch_added =
      branch_only(added_since(at_base, at_head), at_head, main_added, at_main);
  if (!quiet)
    std::cerr << fmt::format("crucible: merge base {}: {} added {}, {} added {}\n",
                             short_commit(base_commit), base,
                             main_added.empty() ? "nothing" : fmt::format("{}", fmt::join(versions_of(main_added), " ")),
                             head,
                             branch_added.empty() ? "nothing" : fmt::format("{}", fmt::join(versions_of(branch_added), " ")));

  CommuteSides sides{at_base.set, main_added, branch_added};
  MigrationSet merged = merged_set(at_main, branch_added);
  options.only_versions = versions_of(branch_added);
  install_scratch_cleanup_on_signals();
  std::vector<std::future<EngineRun>> runs;
  for (const Dsn& dsn : dsns)
    runs.push_back(std::async(std::launch::async, run_engine,
                              EngineJob{dsn, engine_options, merged, options, sides}));

  Report report;
  report.source = source.path;
  report.format = at_head.set.format;
  report.engines.push_back(
      git_run(at_base, at_main, at_head, main_added, branch_added,
              merged_heads(at_head.set.format, scratch.path() + "/base", scratch.path() + "/head")));
  for (auto& run : runs) report.engines.push_back(run.get());
  wait_if_interrupted();
  for (EngineRun& run : report.engines) {
    run.message = rewritten(run.message, rewrites);
    for (Result& result : run.results) result.message = rewritten(result.message, rewrites);
  }
  redact_secrets_in(report);

  GateVerdict verdict = evaluate_gate(report, gate);
  outputs.write(report, verdict.context);
  print_terminal_report(report, std::cout, ::isatty(STDOUT_FILENO) == 1, quiet);
  if (quiet)
    for (const EngineRun& run : report.engines)
      if (run.status != "ok") std::cerr << "crucible: " << run.engine << ": " << run.message << "\n";
  print_gate_notes(verdict, gate, std::cerr);
  return verdict.exit_code;
}

}  // namespace crucible
