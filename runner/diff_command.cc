#include "runner/diff_command.h"

#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "harness/catalog/catalog_json.h"
#include "harness/catalog/diff.h"
#include "harness/common/error.h"

namespace crucible {
namespace {

catalog::Catalog read_catalog_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(fmt::format("cannot read {}", path));
  try {
    return catalog::catalog_from_json(nlohmann::json::parse(in));
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(fmt::format("{}: not JSON: {}", path, e.what()));
  } catch (const Error& e) {
    throw Error(fmt::format("{}: {}", path, e.what()));
  }
}

}  // namespace

CLI::App* DiffCommand::add_to(CLI::App& app) {
  auto* cmd = app.add_subcommand("diff", "Compare two catalog snapshots (from `crucible snapshot`)");
  cmd->add_option("before", before_file, "Snapshot A (JSON)")->required();
  cmd->add_option("after", after_file, "Snapshot B (JSON)")->required();
  cmd->add_flag("--json", json, "Print the changes as JSON");
  return cmd;
}

int DiffCommand::run() const {
  catalog::Catalog a = read_catalog_file(before_file), b = read_catalog_file(after_file);
  if (a.engine != b.engine)
    std::cerr << fmt::format("crucible: note: comparing a {} catalog with a {} catalog; types and "
                             "expressions are spelled per engine\n", a.engine, b.engine);
  auto changes = catalog::diff(a, b);
  if (json) {
    std::cout << catalog::to_json(changes).dump(2) << "\n";
  } else {
    for (const auto& change : changes)
      std::cout << change.describe("in " + before_file, "in " + after_file) << "\n";
    if (changes.empty()) std::cout << "no differences\n";
  }
  return changes.empty() ? 0 : 1;
}

}  // namespace crucible
