#include "runner/outputs.h"

#include <filesystem>

#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/junit_report.h"
#include "reports/markdown_report.h"
#include "reports/sarif_report.h"

namespace crucible {

namespace fs = std::filesystem;

void OutputOptions::add_to(CLI::App* command) {
  command->add_option("--json", json_file, "Write the JSON report to FILE");
  command->add_option("--junit", junit_file, "Write JUnit XML to FILE");
  command->add_option("--html", html_file, "Write the self-contained HTML report to FILE");
  command->add_option("--markdown", markdown_file, "Write a Markdown summary (PR comment) to FILE");
  command->add_option("--sarif", sarif_file, "Write SARIF 2.1.0 (code scanning) to FILE");
  command->add_option("--html-url", html_url, "Link target for the HTML in the Markdown summary");
}

std::string OutputOptions::html_link() const {
  if (!html_url.empty()) return html_url;
  if (html_file.empty()) return "";
  fs::path markdown_dir = fs::absolute(markdown_file.empty() ? "." : markdown_file).parent_path();
  return fs::absolute(html_file).lexically_relative(markdown_dir).generic_string();
}

void OutputOptions::write(const Report& report, reports::ReportContext context) const {
  context.html_link = html_link();
  if (!json_file.empty()) write_json_report(report, json_file);
  if (!junit_file.empty()) write_junit_report(report, junit_file);
  if (!html_file.empty()) write_html_report(report, html_file, context);
  if (!markdown_file.empty()) write_markdown_report(report, markdown_file, context);
  if (!sarif_file.empty()) write_sarif_report(report, sarif_file, context);
}

}  // namespace crucible
