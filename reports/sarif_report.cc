#include "reports/sarif_report.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "harness/checks/check_names.h"
#include "reports/diff_words.h"
#include "reports/text.h"

namespace crucible {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using reports::ReportContext;

constexpr const char* kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::size_t kMaxDiffLines = 20;

// What each check promises, for the rule's description in code-scanning UIs.
std::string check_description(const std::string& check) {
  if (check == check::kForward) return "The migration's forward (up) script applies without error.";
  if (check == check::kReverse) return "The migration's reverse (down) script exists and applies.";
  if (check == check::kRoundtrip)
    return "After the reverse, the schema equals the schema before the forward.";
  if (check == check::kReapply)
    return "Applying the forward again gives the same schema as the first forward.";
  if (check == check::kVerify)
    return "The migration's verify script (sqitch's verify/) succeeds after each forward.";
  return fmt::format("Crucible check \"{}\".", check);
}

// RFC 3986 path: unreserved characters and '/' stay, everything else is percent-encoded.
std::string uri_path(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

// The file's URI: relative to the repository when Report.source is relative, file:// otherwise.
std::string file_uri(const std::string& source, const std::string& file) {
  fs::path path = fs::path(file).is_absolute() || source.empty() ? fs::path(file)
                                                                 : fs::path(source) / file;
  std::string text = path.lexically_normal().generic_string();
  return path.is_absolute() ? "file://" + uri_path(text) : uri_path(text);
}

// A result the run recorded no location for (a missing down, an engine-level skip): the
// migration's first file in the source folder, so the annotation still lands on the migration.
std::string guess_file(const std::string& source, const std::string& version) {
  std::error_code ec;
  if (source.empty() || !fs::is_directory(source, ec)) return "";
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(source, ec)) {
    std::string name = entry.path().filename().string();
    for (const std::string& prefix : {version + "_", version + ".", "V" + version + "__"})
      if (name.rfind(prefix, 0) == 0) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  // Prefer the up script: a missing reverse is fixed next to it.
  for (const std::string& name : names)
    if (name.find(".up.") != std::string::npos || name.rfind("V", 0) == 0) return name;
  return names.empty() ? "" : names.front();
}

json physical_location(const Report& report, const Result& result) {
  std::string file = result.location ? result.location->file : guess_file(report.source, result.migration);
  int line = result.location && result.location->line > 0 ? result.location->line : 1;
  json artifact = {{"uri", file.empty() ? uri_path(report.source.empty() ? "." : report.source)
                                        : file_uri(report.source, file)}};
  return {{"physicalLocation",
           {{"artifactLocation", artifact}, {"region", {{"startLine", line}}}}}};
}

std::string message_text(const Result& result) {
  std::string text = fmt::format("{} on {}: migration {}{} {}", result.check, result.engine,
                                 result.migration, result.name.empty() ? "" : " " + result.name,
                                 result.status == Status::error ? "errored" : "failed");
  if (!result.message.empty()) text += ": " + reports::one_line(result.message);
  if (!result.sqlstate.empty()) text += fmt::format(" (SQLSTATE {})", result.sqlstate);
  std::vector<std::string> diff = reports::describe_diff(result.diff);
  for (std::size_t i = 0; i < std::min(diff.size(), kMaxDiffLines); ++i) text += "\n- " + diff[i];
  if (diff.size() > kMaxDiffLines)
    text += fmt::format("\n… and {} more changes", diff.size() - kMaxDiffLines);
  return reports::clean_text(text);
}

json sarif_result(const Report& report, const Result& result, int rule_index,
                  const ReportContext& context) {
  json out = {{"ruleId", "crucible/" + result.check},
              {"ruleIndex", rule_index},
              {"level", "error"},
              {"message", {{"text", message_text(result)}}},
              {"locations", json::array({physical_location(report, result)})},
              {"properties",
               {{"engine", result.engine},
                {"migration", result.migration},
                {"status", status_name(result.status)}}},
              // Stable across runs, so code scanning tracks one alert per engine × check.
              {"partialFingerprints",
               {{"crucibleResult/v1",
                 fmt::format("{}/{}/{}", result.engine, result.migration, result.check)}}}};
  if (const std::string* why = context.allowed_reason(result))
    out["suppressions"] = json::array({{{"kind", "external"}, {"justification", *why}}});
  return out;
}

}  // namespace

json sarif_report(const Report& report, const ReportContext& context) {
  std::vector<std::string> checks(std::begin(check::kLinear), std::end(check::kLinear));
  for (const EngineRun& run : report.engines)
    for (const Result& result : run.results)
      if (std::find(checks.begin(), checks.end(), result.check) == checks.end())
        checks.push_back(result.check);
  json rules = json::array();
  for (const std::string& check : checks)
    rules.push_back({{"id", "crucible/" + check},
                     {"name", check},
                     {"shortDescription", {{"text", check_description(check)}}},
                     {"defaultConfiguration", {{"level", "error"}}}});

  json results = json::array();
  for (const EngineRun& run : report.engines)
    for (const Result& result : run.results)
      if (reports::is_problem(result)) {
        int index = static_cast<int>(std::find(checks.begin(), checks.end(), result.check) -
                                     checks.begin());
        results.push_back(sarif_result(report, result, index, context));
      }

  json notifications = json::array();
  for (const EngineRun& run : report.engines)
    if (run.status != "ok")
      notifications.push_back({{"level", "error"},
                               {"message", {{"text", reports::clean_text(fmt::format(
                                   "{} could not run: {}", run.engine, run.message))}}}});
  json invocation = {{"executionSuccessful", notifications.empty()}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;

  return {{"version", "2.1.0"},
          {"$schema", kSchema},
          {"runs",
           json::array({{{"tool",
                          {{"driver",
                            {{"name", "crucible"},
                             {"version", CRUCIBLE_VERSION},
                             {"rules", rules}}}}},
                         {"invocations", json::array({invocation})},
                         {"results", results}}})}};
}

void write_sarif_report(const Report& report, const std::string& path,
                        const ReportContext& context) {
  reports::write_text_file(
      path, sarif_report(report, context).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
      "SARIF report");
}

}  // namespace crucible
