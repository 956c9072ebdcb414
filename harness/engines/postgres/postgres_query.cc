// PostgresDatabase::query and explicit transactions. `?` placeholders become `$n` (found by
// tokens, never inside literals) and the values travel separately through PQexecParams; a
// statement without parameters goes as it is, so that jsonb's `?` operator keeps working there.
#include <fmt/format.h>

#include "harness/engines/placeholders.h"
#include "harness/engines/postgres/postgres_connection.h"
#include "harness/engines/postgres/postgres_created_globals.h"
#include "harness/engines/postgres/postgres_database.h"
#include "harness/engines/postgres/postgres_script.h"
#include "harness/sql/lexer.h"

namespace crucible::postgres {
namespace {

// Type OIDs from pg_type.h: the integer and floating types come back as numbers.
SqlValue field_value(const pqxx::field& field) {
  if (field.is_null()) return nullptr;
  switch (field.type()) {
    case 16: return static_cast<int64_t>(field.c_str()[0] == 't');  // bool
    case 20: case 21: case 23: case 26: return field.as<int64_t>();
    case 700: case 701: return field.as<double>();
    default: return std::string(field.c_str(), field.size());
  }
}

std::string text_of(const SqlValue& value) {
  if (auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d);
  return std::get<std::string>(value);
}

}  // namespace

QueryResult PostgresDatabase::query(const Statement& statement,
                                    const std::vector<SqlValue>& params) {
  QueryResult out;
  int expected = params.empty() ? 0 : count_placeholders(statement.sql, Dialect::postgres);
  if (expected != static_cast<int>(params.size())) {
    out.error = StatementError{fmt::format("the statement has {} parameters, {} values were given",
                                           expected, params.size()),
                               "07001", statement.where, statement.sql};
    return out;
  }
  std::vector<std::string> texts;
  texts.reserve(params.size());
  std::vector<const char*> values;  // nullptr: SQL NULL
  for (const SqlValue& p : params) {
    if (std::holds_alternative<std::nullptr_t>(p)) {
      values.push_back(nullptr);
    } else {
      texts.push_back(text_of(p));
      values.push_back(texts.back().c_str());
    }
  }
  if (context_ && context_->created_globals) context_->created_globals->note(statement.sql);
  if (crucible::sql::ends_transaction(statement.sql, Dialect::postgres)) transaction_depth_ = 0;
  pqxx::connection& session = connection();
  TimedStatement timed(session, time_limits());
  try {
    pqxx::nontransaction tx(session);
    pqxx::result result =
        params.empty() ? tx.exec(statement.sql)
                       : tx.exec_params(number_placeholders(statement.sql, Dialect::postgres),
                                        pqxx::prepare::make_dynamic_params(values));
    for (pqxx::row::size_type c = 0; c < result.columns(); ++c)
      out.columns.emplace_back(result.column_name(c));
    for (const pqxx::row& row : result) {
      auto& values_out = out.rows.emplace_back();
      for (const pqxx::field& field : row) values_out.push_back(field_value(field));
    }
    out.rows_affected = result.affected_rows();
  } catch (const pqxx::sql_error& e) {
    if (!connection().is_open())
      throw Error(fmt::format("{}: lost the connection: {}", describe(), message_of(e)));
    out.error =
        StatementError{timed.explain(message_of(e)), sqlstate_of(e), statement.where, statement.sql};
  } catch (const pqxx::broken_connection& e) {
    throw Error(fmt::format("{}: lost the connection: {}", describe(), message_of(e)));
  }
  return out;
}

// Nested begin()s are savepoints, so that a caller's transaction (the data check's) can hold
// code that opens its own (the row generator's per-table transaction).
void PostgresDatabase::begin() {
  refuse_unless_ours();
  // Deferred: sent with whatever runs next on the session (deferred_control_).
  deferred_control_.push_back(transaction_depth_ == 0
                                  ? std::string("BEGIN")
                                  : fmt::format("SAVEPOINT crucible_nested_{}", transaction_depth_));
  ++transaction_depth_;
}

void PostgresDatabase::commit() {
  if (transaction_depth_ <= 1) {
    transaction_depth_ = 0;
    control("COMMIT");
    return;
  }
  --transaction_depth_;
  control(fmt::format("RELEASE SAVEPOINT crucible_nested_{}", transaction_depth_));
}

void PostgresDatabase::rollback() {
  if (transaction_depth_ <= 1) {
    transaction_depth_ = 0;
    control("ROLLBACK");
    return;
  }
  --transaction_depth_;
  control(fmt::format("ROLLBACK TO SAVEPOINT crucible_nested_{0}; "
                      "RELEASE SAVEPOINT crucible_nested_{0}", transaction_depth_));
}

void PostgresDatabase::control(const std::string& sql) {
  refuse_unless_ours();
  std::vector<std::string> prologue;
  pqxx::connection& session = connection_with(prologue);
  send_control(session, prologue, sql);
}

void PostgresDatabase::send_control(pqxx::connection& session,
                                    const std::vector<std::string>& prologue,
                                    const std::string& sql) {
  const std::string text = with_prologue(prologue, sql);
  try {
    pqxx::nontransaction tx(session);
    tx.exec(text);
  } catch (const std::exception& e) {
    throw Error(fmt::format("{}: {} failed: {}", describe(), text, message_of(e)));
  }
}

void PostgresDatabase::refuse_unless_ours() const {
  if (ownership_ == Ownership::existing)
    throw Error(fmt::format("{}: refusing to modify a database Crucible did not create",
                            describe()));
}

}  // namespace crucible::postgres
