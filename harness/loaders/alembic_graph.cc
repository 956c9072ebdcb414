#include "harness/loaders/alembic_graph.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "harness/common/error.h"
#include "harness/common/text_regex.h"
#include "harness/loaders/directory.h"
#include "harness/loaders/markers.h"

namespace crucible::loaders {
namespace fs = std::filesystem;
namespace {

std::string trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

bool present(const fs::path& path) {
  std::error_code error;
  return fs::exists(path, error);
}

bool is_script_folder(const fs::path& folder) {
  std::error_code error;
  return present(folder / "env.py") && fs::is_directory(folder / "versions", error);
}

// The [alembic] section of alembic.ini, with %(here)s expanded (configparser's other
// interpolations are rare in this section and left as written).
std::map<std::string, std::string> alembic_section(const fs::path& ini) {
  std::map<std::string, std::string> values;
  std::string here = ini.parent_path().string(), section, last;
  for_each_line(read_file(ini.string()), 1, [&](std::string_view raw, int) {
    std::string line = trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') return;
    if (line.front() == '[' && line.back() == ']') {
      section = line.substr(1, line.size() - 2), last.clear();
      return;
    }
    if (section != "alembic") return;
    if ((raw[0] == ' ' || raw[0] == '\t') && !last.empty()) {  // a continuation line
      values[last] += "\n" + line;
      return;
    }
    size_t equals = line.find_first_of("=:");
    if (equals == std::string::npos) return;
    last = trim(line.substr(0, equals));
    std::string value = trim(line.substr(equals + 1));
    if (size_t comment = value.find(" #"); comment != std::string::npos) value = trim(value.substr(0, comment));
    for (size_t at; (at = value.find("%(here)s")) != std::string::npos;) value.replace(at, 8, here);
    values[last] = value;
  });
  return values;
}

std::vector<std::string> split_locations(const std::string& value, const std::string& separator) {
  std::string separators = separator == "os" || separator == ":" ? ":"
                           : separator == ";"                   ? ";"
                           : separator == "space"               ? " "
                           : separator == "newline"             ? "\n"
                                                                : " ,\n";  // legacy
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find_first_of(separators, start);
    if (end == std::string::npos) end = value.size();
    if (std::string part = trim(value.substr(start, end - start)); !part.empty()) out.push_back(part);
    start = end + 1;
  }
  return out;
}

fs::path absolute_from(const fs::path& base, const std::string& path) {
  fs::path p(path);
  return (p.is_absolute() ? p : base / p).lexically_normal();
}

AlembicProject project_from_ini(const std::string& root, const fs::path& ini) {
  std::map<std::string, std::string> section = alembic_section(ini);
  fs::path here = ini.parent_path();
  auto location = section.find("script_location");
  if (location == section.end() || location->second.empty())
    throw Error(fmt::format("{}: no script_location in its [alembic] section", ini.string()));
  if (location->second.find(':') != std::string::npos && !fs::path(location->second).is_absolute())
    throw Error(fmt::format(
        "{}: script_location {} names a Python package resource, which Crucible does not "
        "resolve; write the folder's path instead",
        ini.string(), location->second));
  AlembicProject project{root, fs::absolute(ini).lexically_normal().string(),
                         absolute_from(fs::absolute(here), location->second).string(), {}, false,
                         fs::absolute(here).lexically_normal().string()};
  if (auto versions = section.find("version_locations"); versions != section.end()) {
    std::string separator = section.contains("version_path_separator")
                                ? section["version_path_separator"] : "legacy";
    for (const std::string& folder : split_locations(versions->second, separator))
      project.version_locations.push_back(absolute_from(project.cwd, folder).string());
  }
  if (project.version_locations.empty())
    project.version_locations.push_back((fs::path(project.script_location) / "versions").string());
  project.recursive_versions = section["recursive_version_locations"] == "true";
  if (!present(fs::path(project.script_location) / "env.py"))
    throw Error(fmt::format("{}: script_location {} holds no env.py", ini.string(),
                            project.script_location));
  return project;
}

AlembicProject project_from_script_folder(const std::string& root, const fs::path& folder) {
  fs::path script = fs::absolute(folder).lexically_normal();
  // The ini next to (or above) the script folder, when its script_location is this folder:
  // env.py may read its options and its logging configuration.
  for (const fs::path& candidate : {script.parent_path() / "alembic.ini", script / "alembic.ini"}) {
    if (!present(candidate)) continue;
    try {
      AlembicProject project = project_from_ini(root, candidate);
      if (fs::path(project.script_location) == script) return project;
    } catch (const Error&) {
    }
  }
  return AlembicProject{root, std::nullopt, script.string(), {(script / "versions").string()},
                        false, script.parent_path().string()};
}

// One Python literal: None, a string, or a tuple/list of strings.
std::optional<std::vector<std::string>> parse_literal(const std::string& text) {
  std::string value = trim(text);
  if (size_t comment = value.rfind('#'); comment != std::string::npos &&
                                         value.find_first_of("'\"", comment) == std::string::npos)
    value = trim(value.substr(0, comment));
  if (value == "None" || value == "()" || value == "[]") return std::vector<std::string>{};
  static const std::regex one = text_regex(R"re(^(?:'([^'\\]*)'|"([^"\\]*)")$)re");
  static const std::regex item = text_regex(R"re(\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*(,|$))re");
  std::smatch m;
  if (std::regex_match(value, m, one)) return std::vector<std::string>{m[1].matched ? m[1] : m[2]};
  if (value.size() < 2 || !((value.front() == '(' && value.back() == ')') ||
                            (value.front() == '[' && value.back() == ']')))
    return std::nullopt;
  std::string inside = value.substr(1, value.size() - 2);
  std::vector<std::string> out;
  auto begin = inside.cbegin();
  while (begin != inside.cend() && trim(std::string(begin, inside.cend())) != "") {
    if (!std::regex_search(begin, inside.cend(), m, item, std::regex_constants::match_continuous))
      return std::nullopt;
    out.push_back(m[1].matched ? m[1] : m[2]);
    begin = m[0].second;
  }
  return out;
}

std::string slug(const std::string& stem, const std::string& id) {
  size_t at = stem.find(id + "_");
  if (at != std::string::npos) return stem.substr(at + id.size() + 1);
  return stem;
}

// Reads the module-level assignments Alembic reads from a revision file.
AlembicRevision read_revision(const fs::path& path, const std::string& shown) {
  static const std::regex assignment = text_regex(
      R"(^(revision|down_revision|branch_labels)\s*(?::[^=]*)?=\s*(.*)$)");
  std::string text = read_file(path.string());
  AlembicRevision revision;
  revision.file = shown;
  std::map<std::string, std::pair<std::string, int>> found;  // name -> value, line
  std::string open_name, open_value;
  int open_line = 0;
  for_each_line(text, 1, [&](std::string_view line, int number) {
    if (!open_name.empty()) {  // a tuple spread over lines
      open_value += " " + trim(line);
      if (open_value.find_first_of(")]") != std::string::npos) {
        found.emplace(open_name, std::make_pair(open_value, open_line));
        open_name.clear();
      }
      return;
    }
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_match(line.begin(), line.end(), m, assignment)) return;
    std::string value = trim(m[2].str());
    if ((value.starts_with("(") || value.starts_with("[")) &&
        value.find_first_of(")]") == std::string::npos) {
      open_name = m[1].str(), open_value = value, open_line = number;
      return;
    }
    found.emplace(m[1].str(), std::make_pair(value, number));
  });
  auto literal = [&](const std::string& name, bool required) -> std::vector<std::string> {
    auto it = found.find(name);
    if (it == found.end()) {
      if (required)
        throw Error(fmt::format("{}: no `{} = '…'` line (every Alembic revision file declares "
                                "its revision and down_revision)",
                                shown, name));
      return {};
    }
    std::optional<std::vector<std::string>> value = parse_literal(it->second.first);
    if (!value)
      throw Error(fmt::format("{}:{}: {} = {} is not None, a string or a tuple of strings "
                              "(Crucible reads revision ids without running Python)",
                              shown, it->second.second, name, it->second.first));
    return *value;
  };
  std::vector<std::string> id = literal("revision", true);
  if (id.size() != 1)
    throw Error(fmt::format("{}:{}: revision must be one string", shown, found["revision"].second));
  revision.id = id[0];
  revision.line = found["revision"].second;
  revision.down_revisions = literal("down_revision", true);
  revision.branch_labels = literal("branch_labels", false);
  revision.name = slug(path.stem().string(), revision.id);
  return revision;
}

void revision_files(const fs::path& folder, bool recursive, std::vector<fs::path>& out) {
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory(error)) {
      if (recursive && name != "__pycache__") revision_files(entry.path(), recursive, out);
    } else if (name.ends_with(".py") && name != "__init__.py" && !name.starts_with(".#")) {
      out.push_back(entry.path());
    }
  }
}

}  // namespace

const AlembicRevision* AlembicGraph::find(const std::string& id) const {
  for (const AlembicRevision& r : revisions)
    if (r.id == id) return &r;
  return nullptr;
}

bool is_alembic_folder(const std::string& root) {
  fs::path base(root);
  return present(base / "alembic.ini") || is_script_folder(base) ||
         (base.has_parent_path() && present(fs::absolute(base).parent_path() / "env.py") &&
          fs::absolute(base).lexically_normal().filename() == "versions");
}

AlembicProject find_alembic_project(const std::string& root) {
  std::error_code error;
  fs::path base(root);
  if (!fs::is_directory(base, error))
    throw Error(fmt::format("{}: {}", root, present(base) ? "not a folder" : "no such folder"));
  if (present(base / "alembic.ini")) return project_from_ini(root, base / "alembic.ini");
  if (is_script_folder(base)) return project_from_script_folder(root, base);
  fs::path parent = fs::absolute(base).lexically_normal().parent_path();
  if (is_script_folder(parent)) return project_from_script_folder(root, parent);
  throw Error(fmt::format("{}: not an Alembic project (expected alembic.ini, or env.py beside a "
                          "versions/ folder)",
                          root));
}

AlembicGraph read_alembic_graph(const AlembicProject& project) {
  std::vector<fs::path> files;
  for (const std::string& folder : project.version_locations) {
    std::error_code error;
    if (!fs::is_directory(folder, error))
      throw Error(fmt::format("{}: the Alembic versions folder {} does not exist", project.root,
                              folder));
    revision_files(folder, project.recursive_versions, files);
  }
  std::sort(files.begin(), files.end());
  AlembicGraph graph;
  fs::path shown_from = fs::absolute(project.root).lexically_normal();
  std::map<std::string, const AlembicRevision*> by_id;
  for (const fs::path& file : files)
    graph.revisions.push_back(
        read_revision(file, file.lexically_relative(shown_from).string()));
  std::set<std::string> revised;
  for (const AlembicRevision& r : graph.revisions) {
    auto [it, fresh] = by_id.emplace(r.id, &r);
    if (!fresh)
      throw Error(fmt::format("{}:{}: revision {} is also declared in {}:{}", r.file, r.line, r.id,
                              it->second->file, it->second->line));
    revised.insert(r.down_revisions.begin(), r.down_revisions.end());
  }
  for (const AlembicRevision& r : graph.revisions) {
    if (r.down_revisions.empty()) graph.bases.push_back(r.id);
    if (!revised.contains(r.id)) graph.heads.push_back(r.id);
  }
  return graph;
}

AlembicGraph read_alembic_graph(const std::string& root) {
  return read_alembic_graph(find_alembic_project(root));
}

namespace {

class HistoryPlanner {
 public:
  explicit HistoryPlanner(const AlembicGraph& graph) : graph_(graph) {
    for (const AlembicRevision& r : graph.revisions) {
      by_id_[r.id] = &r;
      for (const std::string& parent : r.down_revisions) children_[parent].push_back(r.id);
    }
  }

  AlembicHistory plan() {
    AlembicHistory history;
    walk_linear(history);
    std::set<std::string> placed;
    for (const AlembicRevision* r : history.linear) placed.insert(r->id);
    for (const auto& [merge, through] : history.merged_through)
      for (const AlembicRevision* r : through) placed.insert(r->id);
    for (const AlembicRevision* r : remaining_in_order(placed))
      history.left_out.push_back(left_out(*r, history));
    return history;
  }

 private:
  // From the single base, while each revision has exactly one child revising only it, or its
  // branches merge again.
  void walk_linear(AlembicHistory& history) {
    if (graph_.bases.empty()) return;
    const AlembicRevision* current = by_id_[graph_.bases[0]];
    if (graph_.bases.size() > 1) {
      // Several bases that all merge: one step from `base`, as `alembic upgrade base:<merge>`.
      if (by_id_.contains("base")) return;
      AlembicRevision root;
      root.id = "base";
      children_["base"] = graph_.bases;
      std::vector<const AlembicRevision*> through;
      current = merge_of_branches(root, through);
      children_.erase("base");
      if (!current) return;
      history.merged_through[current->id] = std::move(through);
    }
    while (current) {
      history.linear.push_back(current);
      const std::vector<std::string>& kids = children_[current->id];
      if (kids.empty()) break;
      const AlembicRevision* next = by_id_[kids[0]];
      if (kids.size() == 1 && next->down_revisions.size() == 1) {
        current = next;
        continue;
      }
      std::vector<const AlembicRevision*> through;
      current = merge_of_branches(*current, through);
      if (current) history.merged_through[current->id] = std::move(through);
    }
  }

  // The merge point that every branch from `point` leads to, with nothing else leaving or
  // entering the branches; null when there is none. `through`: the branches' revisions.
  const AlembicRevision* merge_of_branches(const AlembicRevision& point,
                                           std::vector<const AlembicRevision*>& through) {
    std::vector<const AlembicRevision*> below = descendants_in_order(point.id);
    for (const AlembicRevision* merge : below) {
      if (merge->down_revisions.size() < 2) continue;
      std::set<std::string> inside = ancestors_below(merge->id, point.id);
      auto closed = [&](const std::string& id) {
        return inside.contains(id) || id == merge->id || id == point.id;
      };
      bool fits = std::all_of(children_[point.id].begin(), children_[point.id].end(), closed) &&
                  std::all_of(merge->down_revisions.begin(), merge->down_revisions.end(), closed);
      for (const std::string& id : inside) {
        const AlembicRevision* r = by_id_[id];
        fits = fits && std::all_of(children_[id].begin(), children_[id].end(), closed) &&
               std::all_of(r->down_revisions.begin(), r->down_revisions.end(), closed);
      }
      if (!fits) continue;  // this merge joins only some of the branches
      through.clear();
      for (const AlembicRevision* r : below)
        if (inside.contains(r->id)) through.push_back(r);
      return merge;
    }
    return nullptr;
  }

  // The revisions below `id`, parents before children.
  std::vector<const AlembicRevision*> descendants_in_order(const std::string& id) {
    std::set<std::string> reached;
    std::vector<std::string> queue = {id};
    while (!queue.empty()) {
      std::string next = queue.back();
      queue.pop_back();
      for (const std::string& kid : children_[next])
        if (reached.insert(kid).second) queue.push_back(kid);
    }
    std::set<std::string> outside;
    for (const AlembicRevision& r : graph_.revisions)
      if (!reached.contains(r.id)) outside.insert(r.id);
    std::vector<const AlembicRevision*> order;
    for (const AlembicRevision* r : remaining_in_order(outside))
      if (reached.contains(r->id)) order.push_back(r);
    return order;
  }

  // The ancestors of `id` strictly between it and `stop`.
  std::set<std::string> ancestors_below(const std::string& id, const std::string& stop) {
    std::set<std::string> found;
    std::vector<std::string> queue = {id};
    while (!queue.empty()) {
      std::string next = queue.back();
      queue.pop_back();
      auto it = by_id_.find(next);
      if (it == by_id_.end()) continue;
      for (const std::string& parent : it->second->down_revisions)
        if (parent != stop && found.insert(parent).second) queue.push_back(parent);
    }
    return found;
  }

  // The other revisions, parents before children (file order among equals); a cycle's members last.
  std::vector<const AlembicRevision*> remaining_in_order(std::set<std::string> placed) {
    std::vector<const AlembicRevision*> order;
    for (bool progress = true; progress;) {
      progress = false;
      for (const AlembicRevision& r : graph_.revisions) {
        if (placed.contains(r.id)) continue;
        bool ready = std::all_of(r.down_revisions.begin(), r.down_revisions.end(),
                                 [&](const std::string& p) {
                                   return placed.contains(p) || !by_id_.contains(p);
                                 });
        if (!ready) continue;
        order.push_back(&r), placed.insert(r.id), progress = true;
      }
    }
    for (const AlembicRevision& r : graph_.revisions)
      if (!placed.contains(r.id)) order.push_back(&r);
    return order;
  }

  // `path`: the revisions being visited, so that a cycle ends the walk.
  bool reaches_base(const std::string& id, std::set<std::string>& path) {
    auto it = by_id_.find(id);
    if (it == by_id_.end() || !path.insert(id).second) return false;
    bool reached = std::all_of(it->second->down_revisions.begin(),
                               it->second->down_revisions.end(),
                               [&](const std::string& p) { return reaches_base(p, path); });
    path.erase(id);
    return reached;
  }

  bool labelled_lineage(const std::string& id, std::set<std::string>& seen) {
    if (!seen.insert(id).second) return false;
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return false;
    if (!it->second->branch_labels.empty()) return true;
    return std::any_of(it->second->down_revisions.begin(), it->second->down_revisions.end(),
                       [&](const std::string& p) { return labelled_lineage(p, seen); });
  }

  AlembicHistory::Left left_out(const AlembicRevision& r, const AlembicHistory& history) {
    for (const std::string& parent : r.down_revisions)
      if (!by_id_.contains(parent))
        return {&r, fmt::format("{}:{}: down_revision {} names no revision of this project",
                                r.file, r.line, parent), true};
    std::set<std::string> seen;
    if (!reaches_base(r.id, seen))
      return {&r, fmt::format("{}:{}: revision {} does not lead back to a base (a cycle of "
                              "down_revisions)", r.file, r.line, r.id), true};
    std::string shape = shape_of(r, history);
    bool head = std::find(graph_.heads.begin(), graph_.heads.end(), r.id) != graph_.heads.end();
    seen.clear();
    if (head && graph_.heads.size() > 1 && !labelled_lineage(r.id, seen))
      return {&r, fmt::format(
                      "{}; it is one of {} heads ({}): `alembic upgrade head` refuses a history "
                      "with several heads; join them with `alembic merge heads`",
                      shape, graph_.heads.size(), fmt::join(graph_.heads, ", ")), true};
    return {&r, shape, false};
  }

  std::string shape_of(const AlembicRevision& r, const AlembicHistory& history) {
    constexpr std::string_view kWhy =
        "Crucible runs one linear history and does not choose an order for branches";
    if (r.down_revisions.size() > 1)
      return fmt::format("a merge point of {} ({}): {}", fmt::join(r.down_revisions, ", "),
                         r.file, kWhy);
    if (graph_.bases.size() > 1 && history.linear.empty())
      return fmt::format("the history has {} bases ({}): {}", graph_.bases.size(),
                         fmt::join(graph_.bases, ", "), kWhy);
    if (const AlembicRevision* merge = merge_below(r, history))
      return fmt::format("after the merge point {}: {}", merge->id, kWhy);
    const AlembicRevision* branch_point = history.linear.empty() ? nullptr : history.linear.back();
    if (branch_point)
      return fmt::format("on a branch after {} (revised by {}): {}", branch_point->id,
                         fmt::join(children_[branch_point->id], ", "), kWhy);
    return fmt::format("not on the linear history: {}", kWhy);
  }

  // The nearest merge point among the ancestors of `r` that are off the linear history.
  const AlembicRevision* merge_below(const AlembicRevision& r, const AlembicHistory& history) {
    std::set<std::string> linear, seen;
    for (const AlembicRevision* l : history.linear) linear.insert(l->id);
    const AlembicRevision* current = &r;
    while (current && !current->down_revisions.empty() && seen.insert(current->id).second) {
      auto parent = by_id_.find(current->down_revisions[0]);
      if (parent == by_id_.end() || linear.contains(parent->first)) return nullptr;
      current = parent->second;
      if (current->down_revisions.size() > 1) return current;
    }
    return nullptr;
  }

  const AlembicGraph& graph_;
  std::map<std::string, const AlembicRevision*> by_id_;
  std::map<std::string, std::vector<std::string>> children_;
};

}  // namespace

AlembicHistory plan_history(const AlembicGraph& graph) { return HistoryPlanner(graph).plan(); }

}  // namespace crucible::loaders
