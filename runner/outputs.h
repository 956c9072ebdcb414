// The report files a run writes, shared by `verify` and `report`:
//   --json FILE  --junit FILE  --html FILE  --markdown FILE  --sarif FILE  [--html-url URL]
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "harness/checks/result.h"
#include "reports/report_context.h"

namespace crucible {

struct OutputOptions {
  std::string json_file;
  std::string junit_file;
  std::string html_file;
  std::string markdown_file;
  std::string sarif_file;
  std::string html_url;  // where the HTML will be published; the Markdown links to it

  void add_to(CLI::App* command);

  // The Markdown's link to the HTML: --html-url, else the HTML file relative to the Markdown's
  // folder (both are usually uploaded side by side), else none.
  std::string html_link() const;

  // Writes every requested file. Throws crucible::Error naming the file that cannot be written.
  void write(const Report& report, reports::ReportContext context) const;
};

}  // namespace crucible
