// The reports format a model (harness/checks/result.h, harness/bench/bench_result.h); they must
// not see an engine, or every formatter rebuilds and relinks with the database client headers.
// This file includes every reports/ header and nothing else from the harness.
#include <type_traits>

#include <gtest/gtest.h>

#include "reports/bench_format.h"
#include "reports/bench_html.h"
#include "reports/bench_json.h"
#include "reports/bench_svg.h"
#include "reports/bench_terminal.h"
#include "reports/diff_words.h"
#include "reports/html_assets.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/junit_report.h"
#include "reports/markdown_report.h"
#include "reports/matrix.h"
#include "reports/report_context.h"
#include "reports/sarif_report.h"
#include "reports/terminal_report.h"
#include "reports/text.h"

namespace crucible {
class Engine;
class Database;
}  // namespace crucible

namespace {

template <class T, class = void>
struct is_complete : std::false_type {};
template <class T>
struct is_complete<T, std::void_t<decltype(sizeof(T))>> : std::true_type {};

TEST(ReportsLayering, HeadersDoNotReachTheEngines) {
  EXPECT_FALSE(is_complete<crucible::Engine>::value)
      << "a reports/ header includes harness/engines/engine.h";
  EXPECT_FALSE(is_complete<crucible::Database>::value)
      << "a reports/ header includes harness/engines/engine.h";
}

}  // namespace
