#include "runner/report_merge.h"

#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "reports/json_report.h"
#include "tests/support/sample_report.h"

namespace crucible {
namespace {

using testing::sample_report;

// Keeps only the results of `versions` (as a shard reports them).
Report only(Report report, const std::set<std::string>& versions) {
  for (EngineRun& run : report.engines)
    std::erase_if(run.results, [&](const Result& r) { return !versions.count(r.migration); });
  return report;
}

std::string merge_error(const std::vector<ReportFile>& files) {
  try {
    merge_reports(files);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(MergeReports, ShardsMergeIntoTheFullReport) {
  Report full = sample_report();
  // Given in an order that is not version order: the merge restores it.
  Report merged = merge_reports({{"b.json", only(full, {"0002"})},
                                 {"a.json", only(full, {"0001", "0003"})}});
  EXPECT_EQ(report_to_json(merged), report_to_json(full));
}

TEST(MergeReports, OneInputIsItself) {
  EXPECT_EQ(report_to_json(merge_reports({{"a.json", sample_report()}})),
            report_to_json(sample_report()));
}

TEST(MergeReports, SameVerdictTwiceIsKeptOnce) {
  Report full = sample_report();
  Report again = only(full, {"0002"});
  again.engines[0].results[0].duration_ms += 5;  // timings differ between jobs
  Report merged = merge_reports({{"a.json", full}, {"b.json", again}});
  EXPECT_EQ(merged.summary().pass, full.summary().pass);
}

TEST(MergeReports, ConflictingVerdictsNameBothFiles) {
  Report other = only(sample_report(), {"0002"});
  other.engines[0].results[2].status = Status::pass;  // postgres 0002 roundtrip
  other.engines[0].results[2].message = "";
  EXPECT_EQ(merge_error({{"shard-1.json", sample_report()}, {"shard-2.json", other}}),
            "shard-1.json and shard-2.json disagree on postgres / 0002 / roundtrip: fail "
            "\"index users_email_idx present after reverse\" vs pass \"\"");
}

TEST(MergeReports, DifferentServersAreNotOneRun) {
  Report other = sample_report();
  other.engines[0].server_version = "16.2";
  EXPECT_EQ(merge_error({{"a.json", sample_report()}, {"b.json", other}}),
            "a.json and b.json are not shards of one run: postgres server 15.18 and 16.2");
}

TEST(MergeReports, DifferentFoldersAreNotOneRun) {
  Report other = sample_report();
  other.source = "elsewhere/";
  EXPECT_NE(merge_error({{"a.json", sample_report()}, {"b.json", other}})
                .find("a.json and b.json are not shards of one run: migrations \"migrations/\""),
            std::string::npos);
}

TEST(MergeReports, UnionOfEnginesAndNotes) {
  Report full = sample_report();
  Report first = full, second = full;
  first.engines = {full.engines[0]};   // postgres
  second.engines = {full.engines[2]};  // sqlite
  second.engines[0].notes.push_back("only in b");
  Report merged = merge_reports({{"a.json", first}, {"b.json", second}});
  ASSERT_EQ(merged.engines.size(), 2u);
  EXPECT_EQ(merged.engines[0].engine, "postgres");
  EXPECT_EQ(merged.engines[1].notes, std::vector<std::string>{"only in b"});
}

}  // namespace
}  // namespace crucible
