#include "reports/terminal_report.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/diff_words.h"
#include "reports/matrix.h"
#include "reports/text.h"

namespace crucible {

namespace {

using reports::clean_text;
using reports::display_width;
using reports::one_line;
using reports::pad_right;
using reports::truncate;

constexpr std::size_t kMaxLabelWidth = 36;      // "0002 add_email_index" column
constexpr std::size_t kMaxCellWidth = 20;       // "FAIL roundtrip +1"
constexpr std::size_t kMaxStatementWidth = 200;
constexpr std::size_t kMaxDiffLines = 20;       // the JSON report keeps them all
constexpr std::string_view kGap = "  ";
constexpr std::string_view kDetailIndent = "      ";

namespace ansi {
constexpr const char* kBold = "1";
constexpr const char* kDim = "2";
constexpr const char* kRed = "31";
constexpr const char* kBoldRed = "1;31";
constexpr const char* kGreen = "32";
constexpr const char* kYellow = "33";
}  // namespace ansi

// Wraps text in an ANSI colour when colour is on; widths are always computed before painting.
class Paint {
 public:
  explicit Paint(bool on) : on_(on) {}
  std::string operator()(std::string_view text, const char* code) const {
    if (!on_ || code == nullptr || text.empty()) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }

 private:
  bool on_;
};

const char* status_color(Status status) {
  switch (status) {
    case Status::pass: return ansi::kGreen;
    case Status::fail: return ansi::kRed;
    case Status::error: return ansi::kBoldRed;
    case Status::skip: return ansi::kYellow;
  }
  return nullptr;
}

using reports::MigrationKey;

std::string row_label(const MigrationKey& key) {
  return truncate(reports::row_label(key), kMaxLabelWidth);
}

struct Verdict {
  std::string text;
  const char* color = nullptr;
};

// The cell for one engine × migration: the worst outcome, named by its check, and how many
// other checks failed ("FAIL reverse +1").
Verdict cell_verdict(const std::vector<const Result*>& results) {
  if (results.empty()) return {"-", ansi::kDim};
  const Result* first_error = nullptr;
  const Result* first_fail = nullptr;
  int bad = 0, skips = 0;
  for (const Result* result : results) {
    if (result->status == Status::error && !first_error) first_error = result;
    if (result->status == Status::fail && !first_fail) first_fail = result;
    bad += result->status == Status::error || result->status == Status::fail;
    skips += result->status == Status::skip;
  }
  if (bad > 0) {
    const Result* worst = first_error ? first_error : first_fail;
    std::string text = fmt::format("{} {}", first_error ? "ERROR" : "FAIL", one_line(worst->check));
    if (bad > 1) text += fmt::format(" +{}", bad - 1);
    return {text, status_color(worst->status)};
  }
  if (skips == static_cast<int>(results.size())) return {"skip", status_color(Status::skip)};
  if (skips > 0) return {fmt::format("ok, {} skip", skips), status_color(Status::pass)};
  return {"ok", status_color(Status::pass)};
}

// The terminal rendering of reports::Matrix: padded columns, one short verdict per cell.
class MatrixPrinter {
 public:
  MatrixPrinter(const Report& report, const reports::Matrix& matrix)
      : report_(report), matrix_(matrix) {}

  void print(std::ostream& out, const Paint& paint) const {
    const std::vector<MigrationKey>& rows = matrix_.rows();
    if (rows.empty()) {
      out << "no migrations ran\n";
      return;
    }
    std::vector<std::vector<Verdict>> verdicts;  // [row][engine]
    std::size_t label_width = display_width("migration");
    for (std::size_t r = 0; r < rows.size(); ++r) {
      label_width = std::max(label_width, display_width(row_label(rows[r])));
      verdicts.emplace_back();
      for (std::size_t e = 0; e < report_.engines.size(); ++e)
        verdicts.back().push_back(cell_verdict(matrix_.cell(r, e)));
    }
    std::vector<std::size_t> widths = column_widths(verdicts);

    std::string header = pad_right("migration", label_width);
    for (std::size_t e = 0; e < widths.size(); ++e)
      header += std::string(kGap) + pad_right(truncate(engine_header(e), widths[e]), widths[e]);
    out << paint(trim_right(header), ansi::kBold) << "\n";
    for (std::size_t r = 0; r < rows.size(); ++r)
      out << pad_right(row_label(rows[r]), label_width) << row_cells(verdicts[r], widths, paint)
          << "\n";
  }

 private:
  std::string engine_header(std::size_t e) const { return one_line(report_.engines[e].engine); }

  // Each engine's column is as wide as its name or its widest verdict, up to kMaxCellWidth.
  std::vector<std::size_t> column_widths(const std::vector<std::vector<Verdict>>& verdicts) const {
    std::vector<std::size_t> widths;
    for (std::size_t e = 0; e < report_.engines.size(); ++e) {
      std::size_t width = display_width(engine_header(e));
      for (const auto& row : verdicts) width = std::max(width, display_width(row[e].text));
      widths.push_back(std::min(width, kMaxCellWidth));
    }
    return widths;
  }

  // Padding goes outside the colour codes, so columns line up with colour on or off.
  static std::string row_cells(const std::vector<Verdict>& row,
                               const std::vector<std::size_t>& widths, const Paint& paint) {
    std::string line;
    for (std::size_t e = 0; e < widths.size(); ++e) {
      std::string text = truncate(row[e].text, widths[e]);
      line += std::string(kGap) + paint(text, row[e].color);
      if (e + 1 < widths.size()) line += std::string(widths[e] - display_width(text), ' ');
    }
    return line;
  }
  static std::string trim_right(std::string text) {
    text.erase(text.find_last_not_of(' ') + 1);
    return text;
  }

  const Report& report_;
  const reports::Matrix& matrix_;
};

void print_lines(std::ostream& out, std::string_view indent, const std::string& text) {
  std::string cleaned = clean_text(text);
  std::size_t start = 0;
  while (start <= cleaned.size()) {
    std::size_t end = cleaned.find('\n', start);
    if (end == std::string::npos) end = cleaned.size();
    std::string_view line = std::string_view(cleaned).substr(start, end - start);
    if (!line.empty()) out << indent << line << "\n";
    start = end + 1;
  }
}

void print_diff(std::ostream& out, const nlohmann::json& diff) {
  std::vector<std::string> lines = reports::describe_diff(diff);
  std::size_t shown = std::min(lines.size(), kMaxDiffLines);
  for (std::size_t i = 0; i < shown; ++i) out << kDetailIndent << "- " << lines[i] << "\n";
  if (lines.size() > shown)
    out << kDetailIndent
        << fmt::format("… and {} more changes (the JSON report has them all)\n",
                       lines.size() - shown);
}

void print_engine_error(std::ostream& out, const Result& result) {
  std::vector<std::string> where;
  if (!result.sqlstate.empty()) where.push_back("SQLSTATE " + one_line(result.sqlstate));
  if (result.location) where.push_back("at " + one_line(result.location->str()));
  if (!where.empty()) out << kDetailIndent << fmt::format("{}\n", fmt::join(where, ", "));
  if (!result.statement.empty())
    out << kDetailIndent << "statement: " << truncate(one_line(result.statement), kMaxStatementWidth)
        << "\n";
}

struct Problem {
  std::size_t row;
  const EngineRun* run;
  const Result* result;
};

void print_problem(std::ostream& out, const Paint& paint, const EngineRun& run,
                   const Result& result) {
  bool is_error = result.status == Status::error;
  std::string title = fmt::format(
      "{} / {} / {}", one_line(run.engine),
      one_line(result.name.empty() ? result.migration : result.migration + " " + result.name),
      one_line(result.check));
  out << paint(pad_right(is_error ? "ERROR" : "FAIL", kDetailIndent.size()),
               status_color(result.status))
      << paint(title, ansi::kBold) << fmt::format("  ({:.1f} ms)\n", result.duration_ms);
  print_lines(out, kDetailIndent, result.message);
  if (is_error) print_engine_error(out, result);
  print_diff(out, result.diff);
}

// Every fail and error, in matrix order: by migration, then by engine.
void print_problems(std::ostream& out, const Paint& paint, const Report& report,
                    const reports::Matrix& matrix) {
  std::vector<Problem> problems;
  for (const EngineRun& run : report.engines)
    for (const Result& result : run.results)
      if (result.status == Status::fail || result.status == Status::error)
        problems.push_back({matrix.row_of(result), &run, &result});
  if (problems.empty()) return;
  std::stable_sort(problems.begin(), problems.end(),
                   [](const Problem& a, const Problem& b) { return a.row < b.row; });
  out << "\n" << paint("Failures and errors", ansi::kBold) << "\n";
  for (const Problem& problem : problems) {
    out << "\n";
    print_problem(out, paint, *problem.run, *problem.result);
  }
}

std::string engine_state(const EngineRun& run) {
  if (run.status != "ok")
    return "could not run: " + (run.message.empty() ? one_line(run.status) : one_line(run.message));
  return run.server_version.empty() ? "version unknown" : one_line(run.server_version);
}

void print_engines(std::ostream& out, const Paint& paint, const Report& report) {
  if (report.engines.empty()) return;
  std::size_t name_width = 0;
  std::size_t version_width = 0;  // engines that could not run say why, unaligned
  for (const EngineRun& run : report.engines) {
    name_width = std::max(name_width, display_width(one_line(run.engine)));
    if (run.status == "ok") version_width = std::max(version_width, display_width(engine_state(run)));
  }
  std::string notes_indent(2 + name_width + kGap.size(), ' ');
  out << "\n" << paint("Engines", ansi::kBold) << "\n";
  for (const EngineRun& run : report.engines) {
    std::string state = engine_state(run);
    out << "  " << pad_right(one_line(run.engine), name_width) << kGap;
    if (run.status != "ok") {
      out << paint(state, ansi::kBoldRed);
    } else {
      out << pad_right(state, version_width);
    }
    out << kGap << one_line(run.dsn) << "\n";
    for (const std::string& note : run.notes)
      out << notes_indent << paint("note: " + one_line(note), ansi::kDim) << "\n";
    for (const std::string& statement : run.session)
      out << notes_indent << paint("session: " + one_line(statement), ansi::kDim) << "\n";
  }
}

void print_header(std::ostream& out, const Paint& paint, const Report& report) {
  std::string title = fmt::format("crucible {}", CRUCIBLE_VERSION);
  if (!report.source.empty()) title += ": " + one_line(report.source);
  if (!report.format.empty()) title += fmt::format(" ({})", one_line(report.format));
  out << paint(title, ansi::kBold) << "\n\n";
}

void print_summary(std::ostream& out, const Report& report) {
  std::vector<std::string> down;
  for (const EngineRun& run : report.engines)
    if (run.status != "ok") down.push_back(one_line(run.engine));
  out << "\n";
  if (!down.empty())
    out << fmt::format("{} {} could not run: {}\n", down.size(),
                       down.size() == 1 ? "engine" : "engines", fmt::join(down, ", "));
  out << summary_line(report.summary()) << "\n";
}

}  // namespace

std::string summary_line(const Summary& summary) {
  return fmt::format("{} passed, {} failed, {} errors, {} skipped", summary.pass, summary.fail,
                     summary.error, summary.skip);
}

void print_terminal_report(const Report& report, std::ostream& out, bool color, bool quiet) {
  if (quiet) {
    out << summary_line(report.summary()) << "\n";
    return;
  }
  Paint paint(color);
  reports::Matrix matrix(report);
  print_header(out, paint, report);
  MatrixPrinter(report, matrix).print(out, paint);
  print_problems(out, paint, report, matrix);
  print_engines(out, paint, report);
  print_summary(out, report);
}

}  // namespace crucible
