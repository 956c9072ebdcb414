#include "reports/html_report.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/common/engine_kind.h"
#include "reports/diff_words.h"
#include "reports/html_assets.h"
#include "reports/matrix.h"
#include "reports/terminal_report.h"
#include "reports/text.h"

namespace crucible {
namespace {

using nlohmann::json;
using reports::Matrix;
using reports::ReportContext;

// Text and attribute values alike: the five characters HTML gives a meaning.
std::string esc(std::string_view raw) { return reports::escape_markup(raw, reports::Markup::html); }

// A stable, HTML-safe id for a result's detail box.
std::string anchor(std::size_t engine, const Result& result) {
  std::string id = fmt::format("r-{}-", engine);
  for (unsigned char c : result.migration + "-" + result.check)
    id += std::isalnum(c) ? static_cast<char>(c) : '-';
  return id;
}

std::string cell_text(const std::vector<const Result*>& results, Status worst) {
  if (worst == Status::pass || worst == Status::skip) return std::string(status_name(worst));
  int bad = 0;
  const Result* first = nullptr;
  for (const Result* r : results)
    if (r->status == worst || reports::is_problem(*r)) {
      bad += reports::is_problem(*r);
      if (!first && r->status == worst) first = r;
    }
  std::string text = fmt::format("{} {}", worst == Status::error ? "ERROR" : "FAIL", first->check);
  if (bad > 1) text += fmt::format(" +{}", bad - 1);
  return text;
}

std::string tooltip(const std::vector<const Result*>& results) {
  std::string text;
  for (const Result* r : results) {
    if (!text.empty()) text += "\n";
    text += fmt::format("{}: {}", r->check, status_name(r->status));
    if (!r->message.empty()) text += " — " + reports::truncate(reports::one_line(r->message), 140);
  }
  return text;
}

class HtmlWriter {
 public:
  HtmlWriter(const Report& report, const ReportContext& context)
      : report_(report), context_(context), matrix_(report) {}

  std::string write() {
    out_ += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n";
    out_ += fmt::format("<title>Crucible report{}</title>\n",
                        report_.source.empty() ? "" : ": " + esc(report_.source));
    out_ += fmt::format("<style>{}</style>\n</head><body>\n", reports::kHtmlStyle);
    header();
    out_ += "<main>\n";
    filters();
    matrix();
    failures();
    timings();
    metadata();
    out_ += "</main>\n";
    out_ += fmt::format("<script>{}</script>\n</body></html>\n", reports::kHtmlScript);
    return std::move(out_);
  }

 private:
  void header() {
    Summary s = report_.summary();
    out_ += "<header><h1>Crucible compatibility report</h1>\n<div class=\"muted\">";
    if (!report_.source.empty()) out_ += fmt::format("<code>{}</code> ", esc(report_.source));
    if (!report_.format.empty()) out_ += fmt::format("({}) ", esc(report_.format));
    out_ += fmt::format("· crucible {}</div>\n", CRUCIBLE_VERSION);
    out_ += fmt::format(
        "<div class=\"summary\" id=\"summary\"><span class=\"count-pass\">{} passed</span>"
        "<span class=\"count-fail\">{} failed</span><span class=\"count-error\">{} errors</span>"
        "<span class=\"count-skip\">{} skipped</span></div></header>\n",
        s.pass, s.fail, s.error, s.skip);
  }

  void filters() {
    out_ += "<div class=\"filters\"><fieldset><legend>Engines</legend>";
    for (const EngineRun& run : report_.engines)
      out_ += fmt::format("<label><input type=\"checkbox\" data-filter=\"engine\" value=\"{0}\" "
                          "checked> {0}</label>", esc(run.engine));
    out_ += "</fieldset><fieldset><legend>Status</legend>";
    for (Status s : {Status::pass, Status::fail, Status::error, Status::skip})
      out_ += fmt::format("<label><input type=\"checkbox\" data-filter=\"status\" value=\"{0}\" "
                          "checked> {0}</label>", status_name(s));
    out_ += "</fieldset><span id=\"shown-rows\" class=\"muted\"></span></div>\n";
  }

  void matrix() {
    out_ += "<h2>Matrix</h2>\n";
    if (matrix_.rows().empty()) {
      out_ += "<p>No migrations ran.</p>\n";
      return;
    }
    out_ += "<table class=\"matrix\" id=\"matrix\"><thead><tr><th>migration</th>";
    for (const EngineRun& run : report_.engines)
      out_ += fmt::format("<th data-engine-col=\"{0}\">{0}</th>", esc(run.engine));
    out_ += "</tr></thead><tbody>\n";
    for (std::size_t r = 0; r < matrix_.rows().size(); ++r) {
      out_ += fmt::format("<tr><td class=\"mono\">{}</td>", esc(reports::row_label(matrix_.rows()[r])));
      for (std::size_t e = 0; e < report_.engines.size(); ++e) cell(r, e);
      out_ += "</tr>\n";
    }
    out_ += "</tbody></table>\n";
  }

  void cell(std::size_t row, std::size_t engine) {
    const auto& results = matrix_.cell(row, engine);
    const std::string name = esc(report_.engines[engine].engine);
    std::optional<Status> worst = reports::worst_status(results);
    if (!worst) {
      out_ += fmt::format("<td class=\"cell none\" data-engine-col=\"{}\" data-status=\"none\" "
                          "title=\"not run\">–</td>", name);
      return;
    }
    std::string text = esc(cell_text(results, *worst));
    std::string allowed;
    for (const Result* r : results)
      if (reports::is_problem(*r) && context_.allowed_reason(*r))
        allowed = "<span class=\"allowed\">allowed</span>";
    const Result* first = *std::find_if(results.begin(), results.end(),
                                        [&](const Result* r) { return r->status == *worst; });
    if (reports::is_problem(*first))
      text = fmt::format("<a href=\"#{}\">{}</a>", anchor(engine, *first), text);
    out_ += fmt::format("<td class=\"cell {0}\" data-engine-col=\"{1}\" data-status=\"{0}\" "
                        "title=\"{2}\">{3}{4}</td>",
                        status_name(*worst), name, esc(tooltip(results)), text, allowed);
  }

  void failures() {
    std::vector<std::tuple<std::size_t, std::size_t, const Result*>> problems;  // row, engine
    for (std::size_t e = 0; e < report_.engines.size(); ++e)
      for (const Result& r : report_.engines[e].results)
        if (reports::is_problem(r)) problems.emplace_back(matrix_.row_of(r), e, &r);
    std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) {
      return std::get<0>(a) < std::get<0>(b);
    });
    out_ += fmt::format("<h2>Failures and errors ({})</h2>\n", problems.size());
    if (problems.empty()) out_ += "<p>None: every check passed or was skipped.</p>\n";
    for (const auto& [row, engine, result] : problems) failure(engine, *result);
  }

  void failure(std::size_t engine, const Result& r) {
    std::string status(status_name(r.status));
    out_ += fmt::format("<div class=\"failure\" id=\"{}\" data-engine=\"{}\" data-status=\"{}\">"
                        "<h3><span class=\"badge {}\">{}</span> {} / {} {} / {} "
                        "<span class=\"muted\">({:.1f} ms)</span></h3><div class=\"body\">\n",
                        anchor(engine, r), esc(r.engine), status, status, status, esc(r.engine),
                        esc(r.migration), esc(r.name), esc(r.check), r.duration_ms);
    if (const std::string* why = context_.allowed_reason(r))
      out_ += fmt::format("<p><b>Allowed</b> by the allow-list: {}</p>\n", esc(*why));
    out_ += fmt::format("<p class=\"message\">{}</p>\n", esc(r.message));
    std::vector<std::string> where;
    if (!r.sqlstate.empty()) where.push_back("SQLSTATE <code>" + esc(r.sqlstate) + "</code>");
    if (r.location) where.push_back("at <code>" + esc(r.location->str()) + "</code>");
    if (!where.empty()) out_ += fmt::format("<p>{}</p>\n", fmt::join(where, ", "));
    if (!r.statement.empty())
      out_ += fmt::format("<pre class=\"statement\">{}</pre>\n", esc(r.statement));
    if (r.diff.is_array() && !r.diff.empty()) diff_table(r.diff);
    out_ += "</div></div>\n";
  }

  static std::string value_text(const json& value) {
    return value.is_string() ? value.get<std::string>()
                             : value.dump(-1, ' ', false, json::error_handler_t::replace);
  }

  // One side of a change: its fields, one per line, those that differ from the other side marked.
  static std::string side(const json& mine, const json& other) {
    if (mine.is_null()) return "<span class=\"muted\">(absent)</span>";
    if (!mine.is_object())
      return esc(mine.dump(2, ' ', false, json::error_handler_t::replace));
    std::string out;
    for (const auto& [key, value] : mine.items()) {
      bool changed = other.is_object() && (!other.contains(key) || other.at(key) != value);
      std::string line = esc(key) + ": " + esc(value_text(value));
      out += changed ? "<span class=\"changed\">" + line + "</span>\n" : line + "\n";
    }
    return out;
  }

  void diff_table(const json& diff) {
    out_ += "<table class=\"diff\"><colgroup><col class=\"object\"><col class=\"change\"><col>"
            "<col></colgroup><thead><tr><th>object</th><th>change</th><th>before</th>"
            "<th>after</th></tr></thead><tbody>\n";
    for (const json& change : diff) {
      if (!change.is_object()) {
        out_ += fmt::format("<tr class=\"diff-row\"><td colspan=\"4\">{}</td></tr>\n",
                            esc(reports::describe_change(change)));
        continue;
      }
      json before = change.value("before", json()), after = change.value("after", json());
      out_ += fmt::format(
          "<tr class=\"diff-row\" title=\"{}\"><td>{}</td><td>{}</td><td class=\"before\">{}</td>"
          "<td class=\"after\">{}</td></tr>\n",
          esc(reports::describe_change(change)), esc(value_text(change.value("object", json("")))),
          esc(value_text(change.value("change", json("")))), side(before, after),
          side(after, before));
    }
    out_ += "</tbody></table>\n";
  }

  // Horizontal bars: per migration, one bar per engine, the cell's total duration.
  void timings() {
    out_ += "<h2>Timings per migration</h2>\n";
    const std::size_t engines = report_.engines.size(), rows = matrix_.rows().size();
    double max_ms = 0;
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t e = 0; e < engines; ++e) max_ms = std::max(max_ms, cell_ms(r, e));
    if (rows == 0 || engines == 0 || max_ms <= 0) {
      out_ += "<p class=\"muted\">No timings recorded.</p>\n";
      return;
    }
    static const char* kColors[] = {"#0969da", "#bf3989", "#1a7f37", "#bc4c00", "#8250df"};
    const int label_w = 240, bar_w = 460, bar_h = 14, gap = 10;
    const int group_h = static_cast<int>(engines) * bar_h + gap;
    const int height = static_cast<int>(rows) * group_h + 28;
    out_ += fmt::format("<svg id=\"timings\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" "
                        "height=\"{}\" role=\"img\" aria-label=\"timings per migration\">\n",
                        label_w + bar_w + 90, height);
    for (std::size_t e = 0; e < engines; ++e)  // legend
      out_ += fmt::format("<rect x=\"{0}\" y=\"2\" width=\"10\" height=\"10\" fill=\"{1}\"/>"
                          "<text x=\"{2}\" y=\"11\">{3}</text>\n",
                          label_w + e * 110, kColors[e % 5], label_w + e * 110 + 14,
                          esc(report_.engines[e].engine));
    for (std::size_t r = 0; r < rows; ++r) {
      int y = 24 + static_cast<int>(r) * group_h;
      out_ += fmt::format("<text x=\"0\" y=\"{}\">{}</text>\n", y + group_h / 2,
                          esc(reports::truncate(reports::row_label(matrix_.rows()[r]), 36)));
      for (std::size_t e = 0; e < engines; ++e) {
        double ms = cell_ms(r, e);
        int w = std::max(1, static_cast<int>(bar_w * ms / max_ms));
        int by = y + static_cast<int>(e) * bar_h;
        out_ += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\">"
                            "<title>{} on {}: {:.1f} ms</title></rect>"
                            "<text x=\"{}\" y=\"{}\">{:.1f} ms</text>\n",
                            label_w, by, w, bar_h - 3, kColors[e % 5],
                            esc(reports::row_label(matrix_.rows()[r])),
                            esc(report_.engines[e].engine), ms, label_w + w + 4, by + 10, ms);
      }
    }
    out_ += "</svg>\n";
  }

  double cell_ms(std::size_t row, std::size_t engine) const {
    double ms = 0;
    for (const Result* r : matrix_.cell(row, engine)) ms += r->duration_ms;
    return ms;
  }

  void metadata() {
    out_ += "<h2>Run</h2>\n<table class=\"engines\"><thead><tr><th>engine</th><th>server</th>"
            "<th>status</th><th>DSN</th><th>notes</th></tr></thead><tbody>\n";
    for (const EngineRun& run : report_.engines) {
      std::string notes;
      for (const std::string& note : run.notes) notes += "<li>" + esc(note) + "</li>";
      out_ += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td>"
                          "<td>{}</td></tr>\n",
                          esc(run.engine), esc(run.server_version),
                          run.status == "ok" ? "ok" : "<b>could not run</b>: " + esc(run.message),
                          esc(run.dsn), notes.empty() ? "" : "<ul class=\"notes\">" + notes + "</ul>");
    }
    out_ += "</tbody></table>\n";
    not_verified();
    if (!context_.warnings.empty()) {
      out_ += "<h2>Warnings</h2><ul>";
      for (const std::string& warning : context_.warnings) out_ += "<li>" + esc(warning) + "</li>";
      out_ += "</ul>\n";
    }
  }

  void not_verified() {
    std::set<std::string> ran;
    for (const EngineRun& run : report_.engines)
      if (run.status == "ok") ran.insert(run.engine);
    std::vector<std::string> missing;
    for (EngineKind kind : all_engine_kinds())
      if (!ran.count(std::string(engine_name(kind)))) missing.emplace_back(engine_name(kind));
    if (missing.empty()) return;
    out_ += "<p id=\"not-verified\"><b>Not verified in this run:</b> ";
    for (std::size_t i = 0; i < missing.size(); ++i)
      out_ += (i ? ", " : "") + esc(missing[i]);
    out_ += ". Results hold only for the engines and server versions listed above.</p>\n";
  }

  const Report& report_;
  const ReportContext& context_;
  Matrix matrix_;
  std::string out_;
};

}  // namespace

std::string html_report(const Report& report, const ReportContext& context) {
  return HtmlWriter(report, context).write();
}

void write_html_report(const Report& report, const std::string& path,
                       const ReportContext& context) {
  reports::write_text_file(path, html_report(report, context), "HTML report");
}

}  // namespace crucible
