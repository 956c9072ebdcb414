#include "reports/json_report.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "reports/text.h"

namespace crucible {

namespace {

using nlohmann::json;

// Engine messages may hold bytes that are not UTF-8 (a latin1 server error): dump() replaces
// them with U+FFFD instead of throwing, and keeps everything else exactly.
std::string dump(const json& value, int indent) {
  return value.dump(indent, ' ', false, json::error_handler_t::replace);
}

json location_to_json(const std::optional<SourceLocation>& location) {
  return location ? json(location->str()) : json(nullptr);
}

json result_to_json(const std::string& engine, const Result& result) {
  return {{"engine", engine},
          {"migration", result.migration},
          {"name", result.name},
          {"check", result.check},
          {"status", status_name(result.status)},
          {"message", result.message},
          {"diff", result.diff},
          {"duration_ms", result.duration_ms},
          {"location", location_to_json(result.location)},
          {"sqlstate", result.sqlstate},
          {"statement", result.statement}};
}

json engine_to_json(const EngineRun& run) {
  return {{"engine", run.engine},
          {"server_version", run.server_version},
          {"status", run.status},
          {"dsn", run.dsn},
          {"message", run.message},
          {"notes", run.notes},
          {"containment", run.containment},
          {"session", run.session}};
}

// Reads one JSON object's members; every error names where in the report it is, e.g.
// "JSON report: results[3]: missing member \"check\"".
class Members {
 public:
  Members(const json& object, std::string context, std::string where)
      : object_(object), context_(std::move(context)), where_(std::move(where)) {
    if (!object_.is_object()) fail(where_, fmt::format("expected an object, got {}", type_of(object_)));
  }

  const json* optional(const char* key) const {
    auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }
  const json& required(const char* key) const {
    auto it = object_.find(key);
    if (it == object_.end()) fail(where_, fmt::format("missing member \"{}\"", key));
    return *it;
  }
  std::string string(const char* key) const { return as_string(key, required(key)); }
  std::string optional_string(const char* key) const {
    const json* value = optional(key);
    return value ? as_string(key, *value) : "";
  }
  double number(const char* key) const {
    const json& value = required(key);
    if (!value.is_number()) expected(key, "a number", value);
    return value.get<double>();
  }
  int integer(const char* key) const {
    const json& value = required(key);
    if (!value.is_number_integer()) expected(key, "an integer", value);
    return value.get<int>();
  }
  const json& array(const char* key) const {
    const json& value = required(key);
    if (!value.is_array()) expected(key, "an array", value);
    return value;
  }

  std::string path(const char* key) const { return where_.empty() ? key : where_ + "." + key; }
  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw Error(where.empty() ? fmt::format("{}: {}", context_, what)
                              : fmt::format("{}: {}: {}", context_, where, what));
  }
  [[noreturn]] void invalid(const char* key, const std::string& what) const { fail(path(key), what); }

 private:
  static std::string type_of(const json& value) { return value.type_name(); }
  [[noreturn]] void expected(const char* key, const char* type, const json& value) const {
    invalid(key, fmt::format("expected {}, got {}", type, type_of(value)));
  }
  std::string as_string(const char* key, const json& value) const {
    if (!value.is_string()) expected(key, "a string", value);
    return value.get<std::string>();
  }

  const json& object_;
  std::string context_;
  std::string where_;
};

// "0003_orders.up.sql:12" -> {file, 12}; a text without a trailing ":<digits>" is a file alone
// (SourceLocation::str() writes line 0 that way).
SourceLocation parse_location(const std::string& text) {
  auto colon = text.rfind(':');
  std::string digits = colon == std::string::npos ? "" : text.substr(colon + 1);
  bool is_line = !digits.empty() && digits.size() <= 9 &&
                 digits.find_first_not_of("0123456789") == std::string::npos;
  if (!is_line) return {text, 0};
  return {text.substr(0, colon), std::stoi(digits)};
}

// An optional array of strings ("notes", "session"): absent in older reports.
std::vector<std::string> read_strings(const Members& engine, const char* key) {
  std::vector<std::string> strings;
  const json* value = engine.optional(key);
  if (!value) return strings;
  if (!value->is_array()) engine.invalid(key, "expected an array of strings");
  for (const json& text : *value) {
    if (!text.is_string()) engine.invalid(key, "expected an array of strings");
    strings.push_back(text.get<std::string>());
  }
  return strings;
}

EngineRun read_engine(const Members& in) {
  EngineRun run;
  run.engine = in.string("engine");
  run.server_version = in.string("server_version");
  run.status = in.string("status");
  run.dsn = in.string("dsn");
  run.message = in.optional_string("message");
  run.notes = read_strings(in, "notes");
  run.containment = in.optional_string("containment");
  run.session = read_strings(in, "session");
  return run;
}

Result read_result(const Members& in) {
  Result result;
  result.engine = in.string("engine");
  result.migration = in.string("migration");
  result.name = in.string("name");
  result.check = in.string("check");
  std::string status = in.string("status");
  std::optional<Status> parsed = parse_status(status);
  if (!parsed)
    in.invalid("status", fmt::format("\"{}\" is not one of pass, fail, error, skip", status));
  result.status = *parsed;
  result.message = in.string("message");
  result.diff = in.array("diff");
  result.duration_ms = in.number("duration_ms");
  if (const json* location = in.optional("location")) {
    if (!location->is_string()) in.invalid("location", "expected \"file:line\" or null");
    result.location = parse_location(location->get<std::string>());
  }
  result.sqlstate = in.optional_string("sqlstate");
  result.statement = in.optional_string("statement");
  return result;
}

void check_header(const Members& in) {
  std::string tool = in.string("tool");
  if (tool != "crucible") in.invalid("tool", fmt::format("\"{}\" is not \"crucible\"", tool));
  in.string("version");
  int format = in.integer("format");
  if (format != kJsonReportFormat)
    in.invalid("format", fmt::format("format {} is not supported (this crucible reads format {})",
                                     format, kJsonReportFormat));
}

// A summary that disagrees with its results means a truncated or hand-edited file: refuse it
// rather than merge wrong numbers.
void check_summary(const Members& in, const std::string& context, const Report& report) {
  Members summary(in.required("summary"), context, "summary");
  Summary counted = report.summary();
  Summary written{summary.integer("pass"), summary.integer("fail"), summary.integer("error"),
                  summary.integer("skip")};
  if (written.pass != counted.pass || written.fail != counted.fail ||
      written.error != counted.error || written.skip != counted.skip)
    in.invalid("summary", fmt::format("says {} pass, {} fail, {} error, {} skip but the results "
                                      "count {} pass, {} fail, {} error, {} skip",
                                      written.pass, written.fail, written.error, written.skip,
                                      counted.pass, counted.fail, counted.error, counted.skip));
}

Report parse_report(const json& document, const std::string& context) {
  Members in(document, context, "");
  check_header(in);
  Report report;
  report.source = in.optional_string("source");
  report.format = in.optional_string("source_format");

  std::map<std::string, std::size_t> engine_index;
  const json& engines = in.array("engines");
  for (std::size_t i = 0; i < engines.size(); ++i) {
    Members engine(engines[i], context, fmt::format("engines[{}]", i));
    EngineRun run = read_engine(engine);
    if (!engine_index.emplace(run.engine, report.engines.size()).second)
      engine.invalid("engine", fmt::format("\"{}\" is listed twice", run.engine));
    report.engines.push_back(std::move(run));
  }

  const json& results = in.array("results");
  for (std::size_t i = 0; i < results.size(); ++i) {
    Members member(results[i], context, fmt::format("results[{}]", i));
    Result result = read_result(member);
    auto it = engine_index.find(result.engine);
    if (it == engine_index.end())
      member.invalid("engine", fmt::format("\"{}\" is not listed in engines", result.engine));
    report.engines[it->second].results.push_back(std::move(result));
  }

  check_summary(in, context, report);
  return report;
}

}  // namespace

json report_to_json(const Report& report) {
  json engines = json::array();
  json results = json::array();
  for (const EngineRun& run : report.engines) {
    engines.push_back(engine_to_json(run));
    for (const Result& result : run.results) results.push_back(result_to_json(run.engine, result));
  }
  Summary summary = report.summary();
  return {{"tool", "crucible"},
          {"version", CRUCIBLE_VERSION},
          {"format", kJsonReportFormat},
          {"source", report.source},
          {"source_format", report.format},
          {"engines", std::move(engines)},
          {"results", std::move(results)},
          {"summary",
           {{"pass", summary.pass},
            {"fail", summary.fail},
            {"error", summary.error},
            {"skip", summary.skip}}}};
}

Report report_from_json(const json& document) { return parse_report(document, "JSON report"); }

void write_json_report(const Report& report, const std::string& path) {
  reports::write_text_file(path, dump(report_to_json(report), 2) + "\n", "JSON report");
}

Report read_json_report(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw Error(fmt::format("cannot read JSON report {}: {}", path, std::strerror(errno)));
  json document;
  try {
    document = json::parse(file);
  } catch (const json::parse_error& e) {
    throw Error(fmt::format("{}: not valid JSON: {}", path, e.what()));
  }
  return parse_report(document, path);
}

}  // namespace crucible
