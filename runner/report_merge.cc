#include "runner/report_merge.h"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/loaders/version.h"

namespace crucible {
namespace {

using ResultKey = std::tuple<std::string, std::string, std::string>;  // engine, migration, check

// Two runs of one check agree when they reach the same status. Messages may differ in details
// that vary per run (engines name the scratch database: "Unknown table 'crucible_0ec1…_3.t'").
bool same_verdict(const Result& a, const Result& b) {
  return a.name == b.name && a.status == b.status;
}

class Merger {
 public:
  void add(const ReportFile& file) {
    merge_header(file);
    for (const EngineRun& run : file.report.engines) {
      EngineRun& into = engine(run, file.path);
      for (const Result& result : run.results) add_result(into, result, file.path);
    }
  }

  Report finish() {
    for (EngineRun& run : merged_.engines) sort_by_version(run.results);
    return std::move(merged_);
  }

 private:
  void merge_header(const ReportFile& file) {
    if (first_file_.empty()) {
      first_file_ = file.path;
      merged_.source = file.report.source;
      merged_.format = file.report.format;
      return;
    }
    if (file.report.source != merged_.source || file.report.format != merged_.format)
      throw Error(fmt::format("{} and {} are not shards of one run: migrations \"{}\" ({}) and "
                              "\"{}\" ({})", first_file_, file.path, merged_.source,
                              merged_.format, file.report.source, file.report.format));
  }

  EngineRun& engine(const EngineRun& run, const std::string& path) {
    auto it = std::find_if(merged_.engines.begin(), merged_.engines.end(),
                           [&](const EngineRun& e) { return e.engine == run.engine; });
    if (it == merged_.engines.end()) {
      EngineRun copy = run;
      copy.results.clear();
      engine_file_[run.engine] = path;
      merged_.engines.push_back(std::move(copy));
      return merged_.engines.back();
    }
    if (!run.server_version.empty() && !it->server_version.empty() &&
        run.server_version != it->server_version)
      throw Error(fmt::format("{} and {} are not shards of one run: {} server {} and {}",
                              engine_file_[run.engine], path, run.engine, it->server_version,
                              run.server_version));
    if (it->server_version.empty()) it->server_version = run.server_version;
    if (run.status != "ok" && it->status == "ok") {
      it->status = run.status;
      it->message = run.message;
    }
    for (const std::string& note : run.notes)
      if (std::find(it->notes.begin(), it->notes.end(), note) == it->notes.end())
        it->notes.push_back(note);
    return *it;
  }

  void add_result(EngineRun& into, const Result& result, const std::string& path) {
    ResultKey key{result.engine, result.migration, result.check};
    auto [seen, inserted] = seen_.emplace(key, std::pair{path, &result});
    if (!inserted) {
      if (!same_verdict(*seen->second.second, result))
        throw Error(fmt::format("{} and {} disagree on {} / {} / {}: {} \"{}\" vs {} \"{}\"",
                                seen->second.first, path, result.engine, result.migration,
                                result.check, status_name(seen->second.second->status),
                                seen->second.second->message, status_name(result.status),
                                result.message));
      return;  // the same verdict twice (overlapping shards): keep one
    }
    into.results.push_back(result);
  }

  // Migration order is version order; a migration's checks keep their order within its shard.
  static void sort_by_version(std::vector<Result>& results) {
    std::stable_sort(results.begin(), results.end(), [](const Result& a, const Result& b) {
      return loaders::compare_versions(a.migration, b.migration) < 0;
    });
  }

  Report merged_;
  std::string first_file_;
  std::map<std::string, std::string> engine_file_;
  std::map<ResultKey, std::pair<std::string, const Result*>> seen_;
};

}  // namespace

Report merge_reports(const std::vector<ReportFile>& files) {
  Merger merger;
  for (const ReportFile& file : files) merger.add(file);
  return merger.finish();
}

}  // namespace crucible
