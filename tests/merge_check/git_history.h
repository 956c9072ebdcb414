// Small real git repositories for merge-check tests: a temp folder, commits on named branches,
// and the crucible binary run against them. user.name/user.email are set in the repository.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/child_process.h"
#include "tests/loaders/temp_folder.h"

namespace crucible::testing {

class GitHistory {
 public:
  GitHistory() {
    std::filesystem::create_directories(repo());
    git({"init", "-q", "-b", "main"});
    git({"config", "user.name", "Merge Check Test"});
    git({"config", "user.email", "merge-check@example.com"});
  }

  std::string repo() const { return dir_ / "repo"; }
  std::string path(const std::string& relative) const { return repo() + "/" + relative; }
  std::string file(const std::string& name) const { return dir_ / name; }  // outside the repo

  void git(const std::vector<std::string>& args) {
    std::vector<std::string> argv{"/usr/bin/git", "-C", repo()};
    argv.insert(argv.end(), args.begin(), args.end());
    Completed done = run_to_completion(argv);
    ASSERT_EQ(done.exit_code, 0) << done.output;
  }

  std::string git_status() {
    Completed done = run_to_completion({"/usr/bin/git", "-C", repo(), "status", "--porcelain"});
    return done.output;
  }

  void write(const std::string& relative, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(path(relative)).parent_path());
    std::ofstream(path(relative), std::ios::binary) << text;
  }

  // Writes the files and commits them on the current branch.
  void commit(const std::map<std::string, std::string>& files, const std::string& message) {
    for (const auto& [name, text] : files) write(name, text);
    git({"add", "-A"});
    git({"commit", "-q", "-m", message});
  }

  // Runs `crucible merge-check ARGS… --json <file>` and returns {exit code, output}.
  Completed merge_check(std::vector<std::string> args) {
    args.insert(args.begin(), {CRUCIBLE_BINARY, "merge-check"});
    args.insert(args.end(), {"--json", file("report.json")});
    return run_to_completion(args);
  }

  nlohmann::json report() const { return nlohmann::json::parse(read_file(file("report.json"))); }

  // "engine migration check status" for every result of `check`.
  std::vector<std::string> verdicts(const std::string& check) const {
    std::vector<std::string> out;
    const nlohmann::json all = report();
    for (const nlohmann::json& r : all["results"])
      if (r["check"] == check)
        out.push_back(r["engine"].get<std::string>() + " " + r["migration"].get<std::string>() +
                      " " + r["status"].get<std::string>());
    return out;
  }

  nlohmann::json result(const std::string& engine, const std::string& check) const {
    const nlohmann::json all = report();
    for (const nlohmann::json& r : all["results"])
      if (r["engine"] == engine && r["check"] == check) return r;
    return nullptr;
  }

 private:
  TempFolder dir_;
};

}  // namespace crucible::testing
