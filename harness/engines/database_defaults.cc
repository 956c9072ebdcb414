// What an engine that has not implemented an optional capability says. Honest refusals, so that
// callers fall back (clone → replay) or report the capability as missing; never a fake result.
#include <fmt/format.h>

#include "harness/engines/engine.h"

namespace crucible {
namespace {

[[noreturn]] void unsupported(const Database& db, const char* what) {
  throw Error(fmt::format("{}: {} is not supported by this engine yet", db.name(), what));
}

}  // namespace

QueryResult Database::query(const Statement&, const std::vector<SqlValue>&) {
  unsupported(*this, "query()");
}
void Database::begin() { unsupported(*this, "begin()"); }
void Database::commit() { unsupported(*this, "commit()"); }
void Database::rollback() { unsupported(*this, "rollback()"); }
std::unique_ptr<Database> Database::clone() { unsupported(*this, "clone()"); }
int64_t Database::bulk_load(const std::string&, const std::vector<std::string>&, RowSource&,
                            const std::function<void(int64_t)>&) {
  unsupported(*this, "bulk_load()");
}
std::unique_ptr<Database> Database::open_session() { unsupported(*this, "open_session()"); }
// Callers take full snapshots instead: slower, never wrong.
std::optional<std::string> Database::catalog_digest() { return std::nullopt; }

std::optional<std::vector<uint64_t>> Database::table_writes(const std::vector<std::string>&) {
  return std::nullopt;
}

std::optional<std::vector<QueryResult>> Database::read_committed(const std::vector<Statement>&) {
  return std::nullopt;
}

}  // namespace crucible
