#include "reports/markdown_report.h"

#include <fmt/format.h>

#include "reports/matrix.h"
#include "reports/terminal_report.h"
#include "reports/text.h"

namespace crucible {
namespace {

using reports::one_line;
using reports::ReportContext;

constexpr std::size_t kMaxProblems = 50;       // a PR comment stays readable
constexpr std::size_t kMaxReasonWidth = 160;

// Inline Markdown text: one line, no table breaks, no HTML, no emphasis or links.
std::string md(std::string_view text, std::size_t max_width = kMaxReasonWidth) {
  std::string line = reports::truncate(one_line(text), max_width);
  std::string out;
  for (char c : line) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '|': case '\\': case '`': case '*': case '_': case '[': case ']': case '#':
      case '~': case '!':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

Summary summary_of(const EngineRun& run) {
  Report one;
  one.engines.push_back(run);
  return one.summary();
}

void engine_table(std::string& out, const Report& report) {
  out += "| engine | server | pass | fail | error | skip |\n|---|---|--:|--:|--:|--:|\n";
  for (const EngineRun& run : report.engines) {
    Summary s = summary_of(run);
    std::string server = run.status == "ok" ? md(run.server_version)
                                            : "**could not run**: " + md(run.message);
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", md(run.engine), server, s.pass, s.fail,
                       s.error, s.skip);
  }
}

// The session statements each engine's migration connections ran first (--session, DSN
// parameters): a result depends on them, so a PR comment says them.
void session_lines(std::string& out, const Report& report) {
  for (const EngineRun& run : report.engines)
    for (const std::string& statement : run.session)
      out += fmt::format("\n{} session: {}\n", md(run.engine), md(statement));
}

// One line of reason: the message, and for errors where the statement was.
std::string reason(const Result& result) {
  std::string text = result.message;
  if (result.status == Status::error && result.location)
    text += " (at " + result.location->str() + ")";
  return md(text);
}

void problem_table(std::string& out, const Report& report, const ReportContext& context) {
  reports::Matrix matrix(report);
  std::vector<std::pair<std::size_t, const Result*>> problems;
  for (const EngineRun& run : report.engines)
    for (const Result& result : run.results)
      if (reports::is_problem(result)) problems.push_back({matrix.row_of(result), &result});
  if (problems.empty()) return;
  std::stable_sort(problems.begin(), problems.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  out += "\n| migration | engine | check | status | reason |\n|---|---|---|---|---|\n";
  std::size_t shown = std::min(problems.size(), kMaxProblems);
  for (std::size_t i = 0; i < shown; ++i) {
    const Result& r = *problems[i].second;
    std::string status = r.status == Status::error ? "**error**" : "**fail**";
    if (const std::string* why = context.allowed_reason(r))
      status = fmt::format("{} (allowed: {})", status_name(r.status), md(*why, 80));
    out += fmt::format("| {} | {} | {} | {} | {} |\n", md(reports::row_label(matrix.rows()[problems[i].first])),
                       md(r.engine), md(r.check), status, reason(r));
  }
  if (problems.size() > shown)
    out += fmt::format("\n…and {} more (see the full report).\n", problems.size() - shown);
}

// A link target written by us (a file name or URL): only characters that cannot break it.
std::string link_target(const std::string& target) {
  std::string out;
  for (unsigned char c : target) {
    if (c <= ' ' || c == '(' || c == ')' || c == '<' || c == '>' || c >= 0x7f)
      out += fmt::format("%{:02X}", c);
    else
      out += static_cast<char>(c);
  }
  return out;
}

}  // namespace

std::string markdown_report(const Report& report, const ReportContext& context) {
  Summary s = report.summary();
  bool bad = false;
  for (const EngineRun& run : report.engines) {
    bad = bad || run.status != "ok";
    for (const Result& result : run.results)
      bad = bad || (reports::is_problem(result) && !context.allowed_reason(result));
  }
  std::string out = fmt::format("### {} Crucible: {}\n\n", bad ? "❌" : "✅", summary_line(s));
  if (!report.source.empty()) out += fmt::format("Migrations: `{}`\n\n", one_line(report.source));
  engine_table(out, report);
  session_lines(out, report);
  problem_table(out, report, context);
  if (!context.warnings.empty()) {
    out += "\n**Warnings**\n\n";
    for (const std::string& warning : context.warnings) out += "- " + md(warning, 300) + "\n";
  }
  if (!context.html_link.empty())
    out += fmt::format("\n[Full compatibility report (HTML)]({})\n", link_target(context.html_link));
  return out;
}

void write_markdown_report(const Report& report, const std::string& path,
                           const ReportContext& context) {
  reports::write_text_file(path, markdown_report(report, context), "Markdown report");
}

}  // namespace crucible
