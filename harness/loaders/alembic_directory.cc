#include "harness/loaders/alembic_directory.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <regex>
#include <set>

#include "harness/common/error.h"
#include "harness/common/text_regex.h"
#include "harness/loaders/alembic_graph.h"
#include "harness/loaders/alembic_process.h"
#include "harness/loaders/directory.h"
#include "harness/loaders/markers.h"
#include "harness/loaders/script.h"

namespace crucible {
namespace {

using namespace loaders;
namespace fs = std::filesystem;

constexpr std::string_view kInstall =
    "install it with `apt install python3-alembic` (or `pip install alembic` in a virtual "
    "environment named by $CRUCIBLE_PYTHON=/path/to/venv/bin/python)";

// How much longer than a step's own limit the helper may stay silent before it is killed: Python's
// start and the project's imports come before the first answer.
constexpr std::chrono::seconds kQuietMargin{10};

// The SQLAlchemy URL an engine's SQL is rendered for, and the dialect name Alembic then reports.
struct Target {
  std::string url;
  std::string dialect;
};

std::optional<Target> target_of(EngineKind engine) {
  switch (engine) {
    case EngineKind::sqlite: return Target{"sqlite://", "sqlite"};
    case EngineKind::postgres: return Target{"postgresql://", "postgresql"};
    case EngineKind::mysql:
    case EngineKind::mariadb: return Target{"mysql://", "mysql"};
    default: return std::nullopt;
  }
}

std::string tail(const std::string& text, size_t keep = 1500) {
  std::string t = text.size() > keep ? "…" + text.substr(text.size() - keep) : text;
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
  return t;
}

// The interpreter to run, probed for Alembic. Throws, saying how to install it, when none has it.
std::string choose_python(const AlembicOptions& options, const AlembicProject& project) {
  // Probed once per process and interpreter list (a probe starts Python and imports Alembic).
  static std::mutex mutex;
  static std::map<std::vector<std::string>, std::string> chosen_before;
  std::vector<std::string> candidates;
  if (!options.python.empty()) candidates.push_back(options.python);
  else if (const char* chosen = std::getenv("CRUCIBLE_PYTHON"); chosen && *chosen)
    candidates.push_back(chosen);
  else candidates = {"python3", "/usr/bin/python3"};
  std::lock_guard lock(mutex);
  if (auto found = chosen_before.find(candidates); found != chosen_before.end())
    return found->second;
  std::vector<std::string> tried;
  for (const std::string& python : candidates) {
    HelperRun run = run_alembic_helper(python, {{"mode", "probe"}}, project.cwd, {},
                                       std::chrono::seconds(60));
    if (!run.answers.empty() && run.answers[0].contains("alembic"))
      return chosen_before[candidates] = python;
    if (!run.answers.empty() && run.answers[0].contains("missing"))
      tried.push_back(fmt::format("{} has no Alembic ({})", python,
                                  run.answers[0]["missing"].get<std::string>()));
    else
      tried.push_back(fmt::format("{}: {}", python, run.failure.empty() ? tail(run.stderr_tail, 300)
                                                                        : run.failure));
  }
  throw Error(fmt::format("{}: reading an Alembic project needs Python with Alembic; {}; {}",
                          project.root, fmt::join(tried, "; "), kInstall));
}

struct Step {
  std::string sql;
  std::optional<std::string> error;
};

// Renders every step for one dialect in one Python process.
std::vector<Step> render_steps(const std::string& python, const AlembicProject& project,
                               const Target& target,
                               const std::vector<std::pair<std::string, std::string>>& steps,
                               const AlembicOptions& options) {
  nlohmann::json job = {{"mode", "render"},
                        {"project", project.cwd},
                        {"cwd", project.cwd},
                        {"ini", project.ini ? nlohmann::json(*project.ini) : nlohmann::json()},
                        {"script_location", project.script_location},
                        {"url", target.url},
                        {"step_timeout", options.step_timeout.count()},
                        {"steps", steps}};
  std::map<std::string, std::string> environment = options.environment;
  environment.emplace("DATABASE_URL", target.url);
  // The helper's own per-step alarm fires first; this catches what it cannot interrupt.
  HelperRun run = run_alembic_helper(python, job, project.cwd, environment,
                                     options.step_timeout + kQuietMargin);
  std::vector<Step> rendered(steps.size());
  std::vector<bool> answered(steps.size());
  for (const nlohmann::json& answer : run.answers) {
    if (!answer.contains("step")) continue;
    size_t index = answer["step"].get<size_t>();
    if (index >= steps.size()) continue;
    answered[index] = true;
    if (answer.contains("error")) {
      rendered[index].error = answer["error"].get<std::string>();
    } else if (answer.value("dialect", "") != target.dialect) {
      rendered[index].error = fmt::format(
          "env.py rendered for SQLAlchemy dialect '{}', not '{}': it ignores the URL Crucible "
          "gives it (sqlalchemy.url = {} and $DATABASE_URL); make its offline branch call "
          "context.configure(url=config.get_main_option(\"sqlalchemy.url\"))",
          answer.value("dialect", "?"), target.dialect, target.url);
    } else {
      rendered[index].sql = answer.value("sql", "");
      rendered[index].error.reset();
      // The version table's name, for leaving Alembic's bookkeeping out (see strip_bookkeeping).
      rendered[index].sql.insert(0, fmt::format("-- crucible-version-table {}\n",
                                                answer.value("version_table", "alembic_version")));
    }
  }
  std::string why = run.timed_out
                        ? fmt::format("Alembic stopped answering for {} s (env.py or a revision "
                                      "hangs) and was stopped",
                                      (options.step_timeout + kQuietMargin).count())
                        : !run.failure.empty() ? run.failure
                                               : "the Alembic helper ended early";
  if (!run.stderr_tail.empty()) why += ": " + tail(run.stderr_tail);
  for (size_t i = 0; i < steps.size(); ++i)
    if (!answered[i]) rendered[i].error = fmt::format("not rendered: {}", why);
  return rendered;
}

std::string first_words(const std::string& sql) {
  // The statement without its leading comment lines, upper-cased, whitespace collapsed.
  std::string out;
  bool comment = false, space = false, started = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (comment) {
      comment = c != '\n';
      continue;
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      comment = true;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = started;
      continue;
    }
    if (space) out += ' ', space = false;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    started = true;
  }
  return out;
}

bool is_bookkeeping(const std::string& sql, const std::string& table) {
  std::string words = first_words(sql), name;
  for (char c : table) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const char* verb : {"CREATE TABLE ", "INSERT INTO ", "UPDATE ", "DELETE FROM ", "DROP TABLE "}) {
    if (!words.starts_with(verb)) continue;
    std::string rest = words.substr(std::strlen(verb));
    size_t end = rest.find_first_of(" (");
    std::string target = rest.substr(0, end);
    std::erase(target, '"'), std::erase(target, '`');
    if (target == name || target.ends_with("." + name)) return true;
  }
  return false;
}

bool is_transaction_control(const std::string& sql) {
  std::string words = first_words(sql);
  return words == "BEGIN" || words == "COMMIT" || words == "BEGIN TRANSACTION" ||
         words == "START TRANSACTION" || words == "ROLLBACK";
}

// The rendered SQL as a script, without Alembic's version-table statements.
Script rendered_script(const std::string& sql, EngineKind engine, const std::string& file,
                       bool transactional) {
  std::string table = "alembic_version";
  std::string_view text = sql;
  if (text.starts_with("-- crucible-version-table ")) {
    size_t end = text.find('\n');
    table = std::string(text.substr(26, end - 26));
  }
  auto build = [&](bool in_transaction) {
    Script script = make_script(sql, dialect_of(engine), file, 1, in_transaction);
    std::erase_if(script.statements,
                  [&](const Statement& s) { return is_bookkeeping(s.sql, table); });
    return script;
  };
  Script script = build(transactional);
  // BEGIN/COMMIT inside the step (autocommit_block): the step manages its own transactions.
  if (transactional && std::any_of(script.statements.begin(), script.statements.end(),
                                   [](const Statement& s) { return is_transaction_control(s.sql); }))
    script = build(false);
  return script;
}

Script broken_script(const std::string& file, const AlembicRevision& revision,
                     const std::string& message) {
  Script script;
  script.file = file;
  script.defect = ScriptDefect{message, SourceLocation{revision.file, revision.line}};
  return script;
}

Markers python_markers(const AlembicProject& project, const AlembicRevision& revision) {
  std::string path = (fs::path(project.root) / revision.file).string();
  std::string text = read_file(path), sql_comments;
  // `# crucible:…` read as the SQL comment markers.h knows, line numbers kept.
  static const std::regex marker = text_regex(R"(^(\s*)#(\s*crucible:))");
  for_each_line(text, 1, [&](std::string_view line, int) {
    std::string l(line);
    sql_comments += std::regex_search(l, marker) ? std::regex_replace(l, marker, "$1--$2") : "";
    sql_comments += "\n";
  });
  return read_markers(sql_comments, path);
}

class AlembicLoader {
 public:
  AlembicLoader(const std::string& root, const std::vector<EngineKind>& engines,
                const AlembicOptions& options)
      : project_(find_alembic_project(root)), graph_(read_alembic_graph(project_)),
        history_(plan_history(graph_)), engines_(engines), options_(options) {}

  MigrationSet load() {
    MigrationSet set{project_.root, "alembic", {}};
    if (graph_.revisions.empty())
      throw Error(fmt::format("{}: no Alembic revisions found in {}", project_.root,
                              fmt::join(project_.version_locations, ", ")));
    for (const AlembicRevision* r : history_.linear) set.migrations.push_back(linear_migration(*r));
    render(set);
    place_merged_branches(set);
    for (const AlembicHistory::Left& left : history_.left_out)
      set.migrations.push_back(left_out_migration(left));
    return set;
  }

 private:
  Migration linear_migration(const AlembicRevision& r) {
    Migration m{r.id, r.name};
    Markers markers = python_markers(project_, r);
    m.irreversible = markers.irreversible;
    m.lossy = markers.lossy;
    no_transaction_.push_back(markers.no_transaction);
    return m;
  }

  // The revisions a merge point's step runs are reported just before it, as skips that say so.
  void place_merged_branches(MigrationSet& set) {
    for (const auto& [merge, through] : history_.merged_through) {
      auto at = std::find_if(set.migrations.begin(), set.migrations.end(),
                             [&](const Migration& m) { return m.version == merge; });
      size_t index = static_cast<size_t>(at - set.migrations.begin());
      std::string from = index == 0 ? "base" : history_.linear[index - 1]->id;
      std::vector<Migration> skipped;
      for (const AlembicRevision* r : through) {
        Migration m{r->id, r->name};
        for (EngineKind engine : engines_)
          m.unavailable[engine] = fmt::format(
              "runs within merge point {}: the branches after {} are verified together as "
              "`alembic upgrade {}:{}`, in Alembic's order",
              merge, from, from, merge);
        skipped.push_back(std::move(m));
      }
      set.migrations.insert(at, std::make_move_iterator(skipped.begin()),
                            std::make_move_iterator(skipped.end()));
    }
  }

  Migration left_out_migration(const AlembicHistory::Left& left) {
    Migration m{left.revision->id, left.revision->name};
    for (EngineKind engine : engines_) {
      if (left.error)
        m.findings[engine] =
            ScriptDefect{left.reason, SourceLocation{left.revision->file, left.revision->line}};
      else
        m.unavailable[engine] = left.reason;
    }
    return m;
  }

  // Renders the linear history for each dialect and fills in each engine's scripts.
  void render(MigrationSet& set) {
    const std::vector<const AlembicRevision*>& linear = history_.linear;
    if (linear.empty()) return;
    std::vector<std::pair<std::string, std::string>> steps;
    for (size_t i = 0; i < linear.size(); ++i) {
      std::string previous = i == 0 ? "base" : linear[i - 1]->id;
      steps.emplace_back("upgrade", previous + ":" + linear[i]->id);
      steps.emplace_back("downgrade", linear[i]->id + ":" + previous);
    }
    std::map<std::string, std::vector<Step>> by_url;
    std::string python;
    for (EngineKind engine : engines_) {
      std::optional<Target> target = target_of(engine);
      if (!target) {
        for (Migration& m : set.migrations)
          m.unavailable[engine] = fmt::format("Crucible renders Alembic revisions for PostgreSQL, "
                                              "MySQL, MariaDB and SQLite, not {}",
                                              engine_name(engine));
        continue;
      }
      if (python.empty()) python = choose_python(options_, project_);
      if (!by_url.contains(target->url))
        by_url[target->url] = render_steps(python, project_, *target, steps, options_);
      fill(set, engine, *target, by_url[target->url]);
    }
  }

  void fill(MigrationSet& set, EngineKind engine, const Target& target,
            const std::vector<Step>& rendered) {
    for (size_t i = 0; i < history_.linear.size(); ++i) {
      const AlembicRevision& r = *history_.linear[i];
      Migration& m = set.migrations[i];
      std::string up_file = fmt::format("{} [upgrade --sql, {}]", r.file, target.dialect);
      std::string down_file = fmt::format("{} [downgrade --sql, {}]", r.file, target.dialect);
      const Step& up = rendered[2 * i];
      const Step& down = rendered[2 * i + 1];
      bool transactional = !no_transaction_[i];
      EngineScripts scripts;
      // A forward that did not render is an error like a failed forward: the runner blocks
      // the revisions after it.
      scripts.forward = up.error
                            ? broken_script(up_file, r, "alembic upgrade --sql: " + *up.error)
                            : rendered_script(up.sql, engine, up_file, transactional);
      scripts.reverse = down.error
                            ? broken_script(down_file, r, "alembic downgrade --sql: " + *down.error)
                            : rendered_script(down.sql, engine, down_file, transactional);
      // The script names the revision file, as --changed-since sees it; its statements say
      // which rendering they come from.
      scripts.forward.file = r.file;
      if (scripts.reverse) scripts.reverse->file = r.file;
      m.scripts[engine] = std::move(scripts);
    }
  }

  AlembicProject project_;
  AlembicGraph graph_;
  AlembicHistory history_;
  std::vector<EngineKind> engines_;
  AlembicOptions options_;
  std::vector<bool> no_transaction_;  // per linear revision
};

}  // namespace

MigrationSet load_alembic_directory(const std::string& root, const std::vector<EngineKind>& engines,
                                    const AlembicOptions& options) {
  return AlembicLoader(root, engines, options).load();
}

}  // namespace crucible
