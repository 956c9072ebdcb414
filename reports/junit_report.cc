#include "reports/junit_report.h"

#include <iterator>

#include <fmt/format.h>

#include "reports/diff_words.h"
#include "reports/text.h"

namespace crucible {

namespace {


std::string attr(std::string_view text) { return reports::escape_markup(text, reports::Markup::xml_attribute); }
std::string body(std::string_view text) { return reports::escape_markup(text, reports::Markup::xml_text); }

std::string seconds(double ms) { return fmt::format("{:.3f}", ms / 1000.0); }

struct Tally {
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  double ms = 0;

  void count(Status status, double duration_ms) {
    ++tests;
    failures += status == Status::fail;
    errors += status == Status::error;
    skipped += status == Status::skip;
    ms += duration_ms;
  }
  void add(const Tally& other) {
    tests += other.tests, failures += other.failures, errors += other.errors;
    skipped += other.skipped, ms += other.ms;
  }
  std::string attributes() const {
    return fmt::format(R"(tests="{}" failures="{}" errors="{}" skipped="{}" time="{}")", tests,
                       failures, errors, skipped, seconds(ms));
  }
};

bool could_not_run(const EngineRun& run) { return run.status != "ok"; }

Tally tally(const EngineRun& run) {
  Tally tally;
  if (could_not_run(run)) tally.count(Status::error, 0);  // the "connect" testcase
  for (const Result& result : run.results) tally.count(result.status, result.duration_ms);
  return tally;
}

std::string classname(const std::string& engine, const Result& result) {
  std::string name = engine + "." + result.migration;
  if (!result.name.empty()) name += "_" + result.name;
  return name;
}

std::string failure_text(const Result& result) {
  std::string text = result.message;
  if (result.diff.empty()) return text;
  text += "\n";
  for (const std::string& line : reports::describe_diff(result.diff)) text += "\n- " + line;
  text += "\n\ndiff (JSON):\n";
  text += result.diff.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  return text;
}

std::string error_text(const Result& result) {
  std::string text = result.message;
  if (!result.sqlstate.empty()) text += "\nSQLSTATE: " + result.sqlstate;
  if (result.location) text += "\nat: " + result.location->str();
  if (!result.statement.empty()) text += "\nstatement: " + result.statement;
  return text;
}

void append_testcase(std::string& out, const std::string& engine, const Result& result) {
  auto it = std::back_inserter(out);
  fmt::format_to(it, R"(    <testcase classname="{}" name="{}" time="{}")",
                 attr(classname(engine, result)), attr(result.check), seconds(result.duration_ms));
  switch (result.status) {
    case Status::pass:
      out += "/>\n";
      return;
    case Status::fail:
      fmt::format_to(it, ">\n      <failure message=\"{}\">{}</failure>\n",
                     attr(result.message), body(failure_text(result)));
      break;
    case Status::error:
      fmt::format_to(it, ">\n      <error message=\"{}\"{}>{}</error>\n", attr(result.message),
                     result.sqlstate.empty() ? "" : fmt::format(" type=\"{}\"", attr(result.sqlstate)),
                     body(error_text(result)));
      break;
    case Status::skip:
      fmt::format_to(it, ">\n      <skipped message=\"{}\"/>\n", attr(result.message));
      break;
  }
  out += "    </testcase>\n";
}

void append_connect_error(std::string& out, const EngineRun& run) {
  std::string message = run.message.empty() ? "the engine could not run" : run.message;
  fmt::format_to(std::back_inserter(out),
                 "    <testcase classname=\"{}\" name=\"connect\" time=\"0.000\">\n"
                 "      <error message=\"{}\">{}</error>\n"
                 "    </testcase>\n",
                 attr(run.engine), attr(message), body(message + "\ndsn: " + run.dsn));
}

void append_property(std::string& out, std::string_view name, const std::string& value) {
  fmt::format_to(std::back_inserter(out), "      <property name=\"{}\" value=\"{}\"/>\n", name,
                 attr(value));
}

void append_properties(std::string& out, const Report& report, const EngineRun& run) {
  out += "    <properties>\n";
  append_property(out, "server_version", run.server_version);
  append_property(out, "dsn", run.dsn);
  append_property(out, "status", run.status);
  if (!report.source.empty()) append_property(out, "source", report.source);
  if (!report.format.empty()) append_property(out, "source_format", report.format);
  for (const std::string& note : run.notes) append_property(out, "note", note);
  out += "    </properties>\n";
}

void append_testsuite(std::string& out, const Report& report, const EngineRun& run) {
  fmt::format_to(std::back_inserter(out), "  <testsuite name=\"crucible.{}\" {}>\n",
                 attr(run.engine), tally(run).attributes());
  append_properties(out, report, run);
  if (could_not_run(run)) append_connect_error(out, run);
  for (const Result& result : run.results) append_testcase(out, run.engine, result);
  out += "  </testsuite>\n";
}

}  // namespace

std::string junit_xml(const Report& report) {
  Tally total;
  for (const EngineRun& run : report.engines) total.add(tally(run));
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  fmt::format_to(std::back_inserter(out), "<testsuites name=\"crucible\" {}>\n", total.attributes());
  for (const EngineRun& run : report.engines) append_testsuite(out, report, run);
  out += "</testsuites>\n";
  return out;
}

void write_junit_report(const Report& report, const std::string& path) {
  reports::write_text_file(path, junit_xml(report), "JUnit report");
}

}  // namespace crucible
