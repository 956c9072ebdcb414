#include "harness/bench/bench_plan.h"

#include <algorithm>
#include <functional>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/common/error.h"
#include "harness/sql/lexer.h"

namespace crucible::bench {
namespace {

// The unqualified part of a catalog table name ("billing.invoices" -> "invoices").
std::string unqualified(const std::string& name) {
  auto dot = name.rfind('.');
  return sql::ascii_lower(dot == std::string::npos ? name : name.substr(dot + 1));
}

std::set<std::string> identifiers_in(const Script& script, Dialect dialect) {
  std::set<std::string> names;
  for (const Statement& statement : script.statements)
    for (const sql::Token& token : sql::tokenize(statement.sql, dialect))
      if (token.kind == sql::TokenKind::word || token.kind == sql::TokenKind::quoted_id)
        names.insert(sql::ascii_lower(sql::identifier_text(token)));
  return names;
}

}  // namespace

std::vector<size_t> migrations_to_bench(const MigrationSet& set, const std::string& only) {
  std::vector<size_t> chosen;
  std::vector<std::string> versions;
  for (size_t i = 0; i < set.migrations.size(); ++i) {
    versions.push_back(set.migrations[i].version);
    if (only.empty() || set.migrations[i].version == only) chosen.push_back(i);
  }
  if (!only.empty() && chosen.empty())
    throw Error(fmt::format("--migration {}: no such migration in {} (versions: {})", only,
                            set.root, fmt::join(versions, ", ")));
  return chosen;
}

std::vector<std::string> touched_tables(const Script& forward, bool is_program,
                                        const catalog::Catalog& before, Dialect dialect) {
  std::vector<std::string> touched;
  std::set<std::string> names = identifiers_in(forward, dialect);
  for (const catalog::Table& table : before.tables)
    if (is_program || names.count(unqualified(table.name))) touched.push_back(table.name);
  return touched;
}

std::vector<std::string> fill_order(const std::vector<std::string>& tables,
                                    const catalog::Catalog& before) {
  std::vector<std::string> order;
  std::set<std::string> visiting, done;
  std::function<void(const std::string&)> visit = [&](const std::string& name) {
    if (done.count(name) || visiting.count(name)) return;  // visiting: a cycle closes here
    const catalog::Table* table = before.find_table(name);
    if (!table) return;
    visiting.insert(name);
    for (const catalog::ForeignKey& fk : table->foreign_keys)
      if (fk.ref_table != name) visit(fk.ref_table);
    visiting.erase(name);
    done.insert(name);
    order.push_back(name);
  };
  for (const std::string& name : tables) visit(name);
  return order;
}

bool may_add_checks(const Script& forward, bool is_program, Dialect dialect) {
  return is_program || identifiers_in(forward, dialect).count("check") > 0;
}

catalog::Catalog with_checks_added(const catalog::Catalog& before, const catalog::Catalog& after,
                                   const std::vector<std::string>& tables) {
  catalog::Catalog out = before;
  for (catalog::Table& table : out.tables) {
    const catalog::Table* later = after.find_table(table.name);
    if (!later || std::find(tables.begin(), tables.end(), table.name) == tables.end()) continue;
    for (const catalog::Check& check : later->checks) {
      auto same = [&](const catalog::Check& c) { return c.expression == check.expression; };
      if (std::none_of(table.checks.begin(), table.checks.end(), same))
        table.checks.push_back(check);
    }
  }
  return out;
}

}  // namespace crucible::bench
