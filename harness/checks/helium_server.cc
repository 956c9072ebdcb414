#include "harness/checks/helium_server.h"

#include <optional>

#include <fmt/format.h>

#include "harness/engines/engine.h"
#include "harness/engines/mysql/mysql_implicit_commit.h"

namespace crucible::helium {
namespace {

constexpr const char* kQueryDelimiter = "-- QUERY DELIMITER";
constexpr const char* kSubqueryDelimiter = "-- SUBQUERY DELIMITER";
constexpr long kForward = 1000, kReverse = 1001, kApplied = 1003;

std::optional<long> as_number(const SqlValue& value) {
  if (auto* i = std::get_if<int64_t>(&value)) return *i;
  if (auto* d = std::get_if<double>(&value)) return static_cast<long>(*d);
  if (auto* s = std::get_if<std::string>(&value)) return std::stol(*s);
  return std::nullopt;
}

// What the queries table says about migrations: which refs have a forward row, which applied.
struct QueriesState {
  bool table_exists = false;
  std::map<long, bool> forward_rows;  // ref → applied (true: type 1003, false: type 1000)

  std::optional<long> highest_applied() const {
    std::optional<long> out;
    for (auto& [ref, applied] : forward_rows)
      if (applied) out = ref;
    return out;
  }
  // The server's next APPLY: the lowest ref with a type-1000 row above the highest applied.
  std::optional<long> next() const {
    auto applied = highest_applied();
    for (auto& [ref, is_applied] : forward_rows)
      if (!is_applied && (!applied || ref > *applied)) return ref;
    return std::nullopt;
  }
};

QueriesState read_state(Database& db) {
  QueriesState state;
  QueryResult rows = db.query(Statement{
      fmt::format("SELECT query_ref, query_type_a28 FROM queries WHERE query_type_a28 IN ({}, {})",
                  kForward, kApplied),
      {"queries", 0}});
  if (!rows.ok()) return state;  // no queries table (yet, or any more)
  state.table_exists = true;
  for (auto& row : rows.rows) {
    auto ref = as_number(row[0]), type = as_number(row[1]);
    if (ref && type) state.forward_rows[*ref] |= (*type == kApplied);
  }
  return state;
}

std::string describe(std::optional<long> ref) { return ref ? std::to_string(*ref) : "none"; }

class ServerProgram : public MigrationProgram {
 public:
  ServerProgram(std::shared_ptr<const Design> design, size_t index)
      : design_(std::move(design)), index_(index), ref_(design_->refs()[index]) {}

  ExecResult apply(Database& db, ApplyDirection direction) const override {
    return direction == ApplyDirection::forward ? forward(db) : reverse(db);
  }

  std::vector<ProgramCheck> check_after(Database& db, ApplyDirection direction) const override {
    QueriesState state = read_state(db);
    ProgramCheck check{"state", true, ""};
    auto fail = [&](std::string why) {
      check.passed = false;
      check.message = std::move(why);
    };
    if (direction == ApplyDirection::forward) {
      if (!state.table_exists) fail("the queries table does not exist after the forward");
      else if (!state.forward_rows.contains(ref_) || !state.forward_rows[ref_])
        fail(fmt::format("{} is not marked applied ({}) after its forward", ref_, kApplied));
      else if (state.highest_applied() != ref_)
        fail(fmt::format("highest applied is {}, expected {}", describe(state.highest_applied()), ref_));
      else check.message = fmt::format("{}: {} → {}", ref_, kForward, kApplied);
    } else if (index_ == 0) {
      if (state.table_exists) fail("the queries table still exists after reversing the bootstrap");
      else check.message = "queries table dropped";
    } else if (!state.table_exists) {
      fail(fmt::format("the queries table is gone after reversing {}", ref_));
    } else if (state.forward_rows[ref_]) {
      fail(fmt::format("{} is still marked applied ({}) after its reverse: the reverse code does "
                       "not flip its row back to {}", ref_, kApplied, kForward));
    } else {
      check.message = fmt::format("{}: {} → {}", ref_, kApplied, kForward);
    }
    return {check};
  }

 private:
  ExecResult forward(Database& db) const {
    QueriesState state = read_state(db);
    if (!state.table_exists && index_ != 0)
      return failure(fmt::format("no queries table: the design's bootstrap {} has not run",
                                 design_->refs()[0]));
    // LOAD this file unless its rows are already there (a re-apply after a reverse).
    if (!state.table_exists || !state.forward_rows.contains(ref_)) {
      ExecResult load = run_load(db);
      if (!load.ok()) return load;
      if (index_ == 0) return load;  // the bootstrap registers itself as applied
      state = read_state(db);
      if (!state.forward_rows.contains(ref_))
        return failure(fmt::format("LOAD of {} inserted no forward row ({}) for {}",
                                   design_->display(index_), kForward, ref_));
    }
    if (state.forward_rows[ref_])
      return failure(fmt::format("{} is already applied ({})", ref_, kApplied));
    if (state.next() != ref_)
      return failure(fmt::format("the server would apply {} next (highest applied {}), not {}",
                                 describe(state.next()), describe(state.highest_applied()), ref_));
    return run_code(db, kForward, /*must_advance=*/true);
  }

  ExecResult reverse(Database& db) const {
    QueriesState state = read_state(db);
    if (!state.table_exists) return failure("no queries table to reverse from");
    if (state.highest_applied() != ref_)
      return failure(fmt::format("the server would reverse {} (the highest applied), not {}",
                                 describe(state.highest_applied()), ref_));
    return run_code(db, kReverse, /*must_advance=*/false);
  }

  ExecResult failure(std::string message) const {
    ExecResult result;
    result.error = StatementError{std::move(message), "", {design_->display(index_), 0}, ""};
    result.rolled_back = true;
    return result;
  }

  // LOAD: the file's generated queries in one transaction.
  ExecResult run_load(Database& db) const {
    std::string sql;
    try {
      sql = design_->sql(index_);
    } catch (const Error& e) {
      ExecResult result = failure(e.what());
      result.error->where = location_in(e.what());
      return result;
    }
    std::vector<std::string> pieces;
    for (auto& query : lua::helium::split_on_delimiter(sql, kQueryDelimiter))
      for (auto& piece : lua::helium::split_on_delimiter(query, kSubqueryDelimiter))
        pieces.push_back(piece);
    return run_transaction(db, pieces, "LOAD", [] { return std::optional<std::string>(); });
  }

  // APPLY / REVERSE: the stored code of `type` for this ref, in one transaction.
  ExecResult run_code(Database& db, long type, bool must_advance) const {
    QueryResult code = db.query(Statement{
        fmt::format("SELECT code FROM queries WHERE query_ref = {} AND query_type_a28 = {}", ref_, type),
        {design_->display(index_), 0}});
    if (!code.ok()) return failure("reading the stored code: " + code.error->message);
    if (code.rows.empty() || !std::holds_alternative<std::string>(code.rows[0][0]))
      return failure(fmt::format("no {} row ({}) with code for {} in queries",
                                 type == kForward ? "forward" : "reverse", type, ref_));
    auto pieces = lua::helium::split_on_delimiter(std::get<std::string>(code.rows[0][0]),
                                                  kSubqueryDelimiter);
    const char* step = type == kForward ? "APPLY" : "REVERSE";
    return run_transaction(db, pieces, step, [&]() -> std::optional<std::string> {
      if (!must_advance) return std::nullopt;
      auto applied = read_state(db).highest_applied();
      if (applied == ref_) return std::nullopt;
      return fmt::format("APPLY {}: the applied number did not advance (highest applied {}): its "
                         "code must update its own row {} → {}", ref_, describe(applied), kForward,
                         kApplied);
    });
  }

  template <typename Verify>
  ExecResult run_transaction(Database& db, const std::vector<std::string>& pieces,
                             const char* step, Verify verify) const {
    ExecResult result;
    std::vector<std::string> succeeded;
    db.begin();
    for (const std::string& piece : pieces) {
      QueryResult r = db.query(Statement{piece, {design_->display(index_), 0}});
      if (!r.ok()) {
        result.error = r.error;
        result.error->message = fmt::format("{} {}: {}", step, ref_, r.error->message);
        break;
      }
      succeeded.push_back(piece);
      ++result.statements_run;
    }
    if (result.ok())
      if (auto problem = verify()) result.error = StatementError{*problem, "", {design_->display(index_), 0}, ""};
    if (result.ok()) {
      QueryResult commit = db.query(Statement{"COMMIT", {design_->display(index_), 0}});
      if (commit.ok()) return finish(result, succeeded);
      result.error = commit.error;
    }
    db.rollback();
    return finish(result, succeeded);
  }

  ExecResult finish(ExecResult& result, const std::vector<std::string>& succeeded) const {
    bool implicit = false;
    if (design_->kind() == EngineKind::mysql || design_->kind() == EngineKind::mariadb)
      for (const auto& sql : succeeded) implicit |= mysql::commits_implicitly(sql);
    result.atomic = !implicit;
    result.rolled_back = !result.ok() && !implicit;
    if (!result.ok() && implicit)
      result.note = fmt::format("{}: partially applied (DDL committed implicitly) while its row "
                                "still says {}", ref_, kForward);
    return result;
  }

  // "file.lua:12: message" → file.lua:12
  SourceLocation location_in(const std::string& message) const {
    const std::string& file = design_->display(index_);
    if (message.rfind(file + ":", 0) == 0) {
      int line = std::atoi(message.c_str() + file.size() + 1);
      return {file, line};
    }
    return {file, 0};
  }

  std::shared_ptr<const Design> design_;
  size_t index_;
  long ref_;
};

}  // namespace

Design::Design(std::vector<lua::helium::GenerateRequest> files, std::vector<long> refs,
               EngineKind kind)
    : files_(std::move(files)), refs_(std::move(refs)), kind_(kind) {}

const std::string& Design::sql(size_t index) const {
  std::lock_guard lock(mutex_);
  auto it = generated_.find(index);
  if (it == generated_.end())
    it = generated_.emplace(index, lua::helium::generate_sql(files_[index])).first;
  return it->second;
}

std::shared_ptr<const MigrationProgram> server_program(std::shared_ptr<const Design> design,
                                                       size_t index) {
  return std::make_shared<ServerProgram>(std::move(design), index);
}

}  // namespace crucible::helium
