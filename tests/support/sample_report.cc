#include "tests/support/sample_report.h"

#include <nlohmann/json.hpp>

#include "harness/common/dsn.h"

namespace crucible::testing {

namespace {

using nlohmann::json;

std::string redacted(const std::string& scheme, const std::string& rest) {
  return parse_dsn(scheme + "://crucible:" + kSamplePassword + "@" + rest).redacted();
}

Result result(const std::string& engine, const std::string& migration, const std::string& name,
              const std::string& check, Status status, double ms, const std::string& message = "") {
  Result r;
  r.engine = engine;
  r.migration = migration;
  r.name = name;
  r.check = check;
  r.status = status;
  r.duration_ms = ms;
  r.message = message;
  return r;
}

// forward, reverse, roundtrip, reapply of one migration, all passing.
void add_passing(EngineRun& run, const std::string& migration, const std::string& name) {
  double ms = 1.5;
  for (const char* check : {"forward", "reverse", "roundtrip", "reapply"})
    run.results.push_back(result(run.engine, migration, name, check, Status::pass, ms += 1.25));
}

void add_skipped(EngineRun& run, const std::string& migration, const std::string& name,
                 const std::string& reason) {
  for (const char* check : {"forward", "reverse", "roundtrip", "reapply"})
    run.results.push_back(result(run.engine, migration, name, check, Status::skip, 0, reason));
}

// As catalog::to_json(std::vector<Change>) writes an index left behind by a reverse.
json index_left_behind() {
  return json::array({{{"object", "index users_email_idx"},
                       {"change", "added"},
                       {"before", nullptr},
                       {"after",
                        {{"name", "users_email_idx"},
                         {"generated_name", false},
                         {"table", "users"},
                         {"keys", {"email"}},
                         {"unique", true},
                         {"predicate", ""},
                         {"method", "btree"}}}}});
}

json column_became_nullable() {
  json before = {{"name", "email"},      {"type", "TEXT"},      {"nullable", false},
                 {"default_value", nullptr}, {"identity", ""}, {"generated", ""},
                 {"collation", ""},      {"comment", ""}};
  json after = before;
  after["nullable"] = true;
  return json::array({{{"object", "column users.email"},
                       {"change", "changed"},
                       {"before", before},
                       {"after", after}}});
}

EngineRun postgres() {
  EngineRun run;
  run.engine = "postgres";
  run.server_version = "15.18";
  run.dsn = redacted("postgresql", "127.0.0.1:5432/postgres");
  run.notes = {"0003 ran outside a transaction (non-atomic)"};
  add_passing(run, "0001", "create_users");
  run.results.push_back(result("postgres", "0002", "add_email_index", "forward", Status::pass, 8));
  run.results.push_back(result("postgres", "0002", "add_email_index", "reverse", Status::pass, 2));
  Result roundtrip = result("postgres", "0002", "add_email_index", "roundtrip", Status::fail, 12.4,
                            "index users_email_idx present after reverse");
  roundtrip.diff = index_left_behind();
  run.results.push_back(roundtrip);
  run.results.push_back(result("postgres", "0002", "add_email_index", "reapply", Status::pass, 9));
  add_passing(run, "0003", "orders");
  return run;
}

EngineRun mariadb() {
  EngineRun run;
  run.engine = "mariadb";
  run.server_version = "10.11.6-MariaDB-0+deb12u1";
  run.dsn = redacted("mariadb", "127.0.0.1:3306/");
  add_passing(run, "0001", "create_users");
  add_passing(run, "0002", "add_email_index");
  Result forward = result("mariadb", "0003", "orders", "forward", Status::error, 3.25,
                          "Table 'orders' already exists");
  forward.sqlstate = "42S01";
  forward.location = SourceLocation{"0003_orders.up.sql", 12};
  forward.statement = sample_long_statement();
  run.results.push_back(forward);
  for (const char* check : {"reverse", "roundtrip", "reapply"})
    run.results.push_back(
        result("mariadb", "0003", "orders", check, Status::skip, 0, "blocked by forward error"));
  return run;
}

EngineRun sqlite() {
  EngineRun run;
  run.engine = "sqlite";
  run.server_version = "3.40.1";
  run.dsn = "sqlite:";
  add_passing(run, "0001", "create_users");
  run.results.push_back(result("sqlite", "0002", "add_email_index", "forward", Status::pass, 1));
  run.results.push_back(result("sqlite", "0002", "add_email_index", "reverse", Status::pass, 1));
  Result roundtrip = result("sqlite", "0002", "add_email_index", "roundtrip", Status::fail, 0.5,
                            "column users.email differs after reverse");
  roundtrip.diff = column_became_nullable();
  run.results.push_back(roundtrip);
  run.results.push_back(result("sqlite", "0002", "add_email_index", "reapply", Status::pass, 1));
  add_skipped(run, "0003", "orders", "no script for sqlite (only postgres, mariadb)");
  return run;
}

EngineRun mysql_down() {
  EngineRun run;
  run.engine = "mysql";
  run.status = "error";
  run.dsn = redacted("mysql", "127.0.0.1:3307/");
  run.message = "cannot connect to 127.0.0.1:3307: Connection refused";
  return run;
}

}  // namespace

std::string sample_long_statement() {
  std::string statement = "CREATE TABLE orders (\n  id BIGINT PRIMARY KEY,\n";
  for (int i = 0; i < 12; ++i)
    statement += "  note_" + std::to_string(i) + " VARCHAR(200) NOT NULL DEFAULT '',\n";
  return statement + "  total DECIMAL(12, 2) NOT NULL\n)";
}

Report sample_report() {
  Report report;
  report.source = "migrations/";
  report.format = "sql";
  report.engines = {postgres(), mariadb(), sqlite(), mysql_down()};
  return report;
}

}  // namespace crucible::testing
