#include "harness/bench/traffic.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/data/sql_names.h"
#include "harness/sql/lexer.h"

namespace crucible::bench {
namespace {

constexpr size_t kKeySample = 1000;
constexpr size_t kErrorSamplesPerClient = 5;
constexpr size_t kErrorSamples = 5;
constexpr int64_t kCountSpan = 100;

bool is_integer_type(const std::string& type) {
  return sql::ascii_lower(type).find("int") != std::string::npos;
}

Statement statement(std::string sql) { return Statement{std::move(sql), {"<bench traffic>", 0}}; }

QueryResult must_query(Database& db, const std::string& sql) {
  QueryResult result = db.query(statement(sql));
  if (!result.ok())
    throw Error(fmt::format("{}: cannot read the keys for the load traffic: {} (in: {})", db.name(),
                            result.error->message, sql));
  return result;
}

void read_keys(Database& db, TrafficTable& table) {
  if (table.integer_key) {
    QueryResult range = must_query(db, fmt::format("SELECT MIN({0}), MAX({0}) FROM {1}",
                                                   table.quoted_key, table.quoted_name));
    const auto& row = range.rows.at(0);
    if (auto* low = std::get_if<int64_t>(&row.at(0))) table.min_key = *low;
    if (auto* high = std::get_if<int64_t>(&row.at(1))) table.max_key = *high;
    return;
  }
  QueryResult keys = must_query(db, fmt::format("SELECT {} FROM {} LIMIT {}", table.quoted_key,
                                                table.quoted_name, kKeySample));
  for (auto& row : keys.rows) table.sample_keys.push_back(std::move(row.at(0)));
}

std::optional<TrafficTable> plan_table(Database& db, const catalog::Table& table, Dialect dialect,
                                       std::vector<std::string>& notes) {
  if (!table.primary_key || table.primary_key->columns.size() != 1) {
    notes.push_back(fmt::format("table {}: no traffic (it has no single-column primary key)",
                                table.name));
    return std::nullopt;
  }
  const std::string& key = table.primary_key->columns[0];
  TrafficTable out;
  out.name = table.name;
  out.quoted_name = data::quote_name(table.name, dialect);
  out.quoted_key = data::quote_identifier(key, dialect);
  out.quoted_update = out.quoted_key;  // a key-only table: the UPDATE sets the key to itself
  for (const catalog::Column& column : table.columns) {
    if (column.name == key) {
      out.integer_key = is_integer_type(column.type);
    } else if (out.quoted_update == out.quoted_key && column.generated.empty()) {
      out.quoted_update = data::quote_identifier(column.name, dialect);
    }
  }
  read_keys(db, out);
  if (!out.integer_key && out.sample_keys.empty()) {
    notes.push_back(fmt::format("table {}: no traffic (it is empty and its key is not an integer)",
                                table.name));
    return std::nullopt;
  }
  return out;
}

Dialect dialect_of_catalog(const catalog::Catalog& catalog) {
  auto kind = parse_engine_name(catalog.engine);
  if (!kind) throw Error(fmt::format("load traffic: unknown engine \"{}\"", catalog.engine));
  return dialect_of(*kind);
}

// Separate writers and readers (when there are two clients or more): a lock that blocks only
// writes then leaves the readers running, and the stall says whether reads were blocked too.
double write_share_of_client(int client, int clients, double write_fraction) {
  if (clients < 2 || write_fraction <= 0 || write_fraction >= 1) return write_fraction;
  const long writers = std::clamp(std::lround(clients * write_fraction), 1L, long{clients} - 1);
  return client < writers ? 1.0 : 0.0;
}

// Nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

// PostgreSQL appends the statement and a caret on more lines; the first says what happened.
std::string first_line(const std::string& message) {
  return message.substr(0, message.find('\n'));
}

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

}  // namespace

std::vector<TrafficTable> plan_traffic(Database& db, const catalog::Catalog& catalog,
                                       const std::vector<std::string>& names,
                                       std::vector<std::string>& notes) {
  const Dialect dialect = dialect_of_catalog(catalog);
  std::vector<TrafficTable> out;
  for (const std::string& name : names) {
    const catalog::Table* table = catalog.find_table(name);
    if (!table) {
      notes.push_back(fmt::format("table {}: no traffic (it does not exist before the migration)",
                                  name));
      continue;
    }
    if (auto planned = plan_table(db, *table, dialect, notes)) out.push_back(std::move(*planned));
  }
  return out;
}

// --- Traffic ---

struct Traffic::Client {
  std::unique_ptr<Database> session;
  double write_fraction = 0;
  std::mt19937_64 random;
  std::vector<Completion> completions;
  std::vector<std::pair<Clock::time_point, std::string>> errors;  // the first few
};

Traffic::Traffic(Database& db, std::vector<TrafficTable> tables, const TrafficOptions& options)
    : tables_(std::move(tables)), options_(options) {
  for (int i = 0; i < options_.clients; ++i) {
    auto client = std::make_unique<Client>();
    client->session = db.open_session();
    client->random.seed(static_cast<uint64_t>(i) + 1);
    client->write_fraction = write_share_of_client(i, options_.clients, options_.write_fraction);
    clients_.push_back(std::move(client));
  }
}

Traffic::~Traffic() { stop(); }

void Traffic::start() {
  if (tables_.empty()) return;
  for (auto& client : clients_) threads_.emplace_back([this, c = client.get()] { run(*c); });
}

void Traffic::stop() {
  stopping_ = true;
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

namespace {

struct TrafficStatement {
  Statement statement;
  std::vector<SqlValue> params;
  bool write = false;
};

// One random statement of the mix, with its parameters.
TrafficStatement next_statement(const TrafficTable& table, double write_fraction,
                                std::mt19937_64& random) {
  std::uniform_real_distribution<double> unit(0, 1);
  SqlValue key;
  int64_t integer_key = 0;
  if (table.integer_key) {
    integer_key = std::uniform_int_distribution<int64_t>(table.min_key, table.max_key)(random);
    key = integer_key;
  } else {
    key = table.sample_keys[random() % table.sample_keys.size()];
  }
  const double pick = unit(random);
  if (pick < write_fraction)
    return {statement(fmt::format("UPDATE {0} SET {1} = {1} WHERE {2} = ?", table.quoted_name,
                                  table.quoted_update, table.quoted_key)), {key}, true};
  const double read = (pick - write_fraction) / (1 - write_fraction);
  if (read < 0.3)
    return {statement(fmt::format("SELECT {1}, {2} FROM {0} WHERE {1} >= ? ORDER BY {1} LIMIT 20",
                                  table.quoted_name, table.quoted_key, table.quoted_update)),
            {key}};
  if (read < 0.5 && table.integer_key)
    return {statement(fmt::format("SELECT COUNT(*) FROM {} WHERE {} BETWEEN ? AND ?",
                                  table.quoted_name, table.quoted_key)),
            {integer_key, integer_key + kCountSpan}};
  return {statement(fmt::format("SELECT {1}, {2} FROM {0} WHERE {1} = ?", table.quoted_name,
                                table.quoted_key, table.quoted_update)), {key}};
}

}  // namespace

void Traffic::run(Client& client) {
  const auto interval =
      std::chrono::microseconds(1'000'000 / std::max(1, options_.statements_per_second));
  Clock::time_point next = Clock::now();
  while (!stopping_) {
    const TrafficTable& table = tables_[client.random() % tables_.size()];
    TrafficStatement next_one = next_statement(table, client.write_fraction, client.random);
    Completion done{Clock::now(), {}, false, next_one.write};
    std::string error;
    bool lost = false;
    try {
      QueryResult result = client.session->query(next_one.statement, next_one.params);
      if (!result.ok()) error = result.error->message;
    } catch (const std::exception& e) {  // the connection is gone: this client ends
      error = e.what();
      lost = true;
    }
    done.end = Clock::now();
    done.failed = !error.empty();
    client.completions.push_back(done);
    if (done.failed && client.errors.size() < kErrorSamplesPerClient)
      client.errors.emplace_back(done.end, first_line(error));
    if (lost) return;
    // Paced, not catching up: after a wait the client resumes its normal pace from now.
    next = std::max(next + interval, Clock::now());
    std::this_thread::sleep_until(next);
  }
}

TrafficStats Traffic::stats(Clock::time_point from, Clock::time_point to,
                            double blocked_after_ms) const {
  TrafficStats out;
  std::vector<double> latencies, baseline;
  std::vector<Clock::time_point> ends{from, to};
  std::vector<std::pair<Clock::time_point, std::string>> errors;
  for (const auto& client : clients_) {
    for (const Completion& c : client->completions) {
      const double ms = ms_between(c.start, c.end);
      if (c.end < from) {
        baseline.push_back(ms);
        continue;
      }
      // Issued before `to` and finished after it: a statement the migration held up, whose
      // wait ended with the migration (SQLite's busy handler sleeps up to 100 ms between
      // retries, so a blocked writer often finishes only after the migration is over).
      if (c.start > to) continue;
      latencies.push_back(ms);
      if (c.end <= to) ends.push_back(c.end);
      double& kind_max = c.write ? out.write_max_ms : out.read_max_ms;
      kind_max = std::max(kind_max, ms);
      if (c.failed) ++out.errors;
      if (ms > blocked_after_ms) ++out.waited;
    }
    for (const auto& error : client->errors)
      if (error.first >= from && error.first <= to) errors.push_back(error);
  }
  std::sort(latencies.begin(), latencies.end());
  std::sort(baseline.begin(), baseline.end());
  std::sort(ends.begin(), ends.end());
  std::sort(errors.begin(), errors.end());
  out.statements = static_cast<int64_t>(latencies.size());
  out.p50_ms = percentile(latencies, 0.50);
  out.p99_ms = percentile(latencies, 0.99);
  out.max_ms = latencies.empty() ? 0 : latencies.back();
  out.baseline_p50_ms = percentile(baseline, 0.50);
  out.baseline_p99_ms = percentile(baseline, 0.99);
  for (size_t i = 1; i < ends.size(); ++i)
    out.longest_stall_ms = std::max(out.longest_stall_ms, ms_between(ends[i - 1], ends[i]));
  for (const auto& error : errors) {
    if (out.error_samples.size() == kErrorSamples) break;
    if (std::find(out.error_samples.begin(), out.error_samples.end(), error.second) ==
        out.error_samples.end())
      out.error_samples.push_back(error.second);
  }
  return out;
}

}  // namespace crucible::bench
