#include "harness/engines/sqlite/sqlite_containment.h"

#include <strings.h>

#include <utility>

#include <fmt/format.h>

namespace crucible::sqlite {
namespace {

bool same(const char* text, const char* word) { return text && ::strcasecmp(text, word) == 0; }

// PRAGMAs a migration may not run, and why. Reading a setting is fine; these change something
// beyond the scratch file, or let SQL break what Crucible's verdicts rest on.
std::string refused_pragma(const char* name, const char* value) {
  // Process-wide: where every connection writes temporary files, how much memory all may use.
  for (const char* global : {"temp_store_directory", "data_store_directory", "soft_heap_limit",
                             "hard_heap_limit"})
    if (same(name, global) && value) return fmt::format("PRAGMA {} (a process-wide setting)", name);
  // Let SQL rewrite sqlite_schema or the schema cookie: a corrupt file instead of a verdict.
  for (const char* raw : {"writable_schema", "schema_version"})
    if (same(name, raw) && value) return fmt::format("PRAGMA {} = {}", name, value);
  // Without a journal ROLLBACK cannot undo a failed script, and Crucible would report as rolled
  // back a state that is not.
  if (same(name, "journal_mode") && same(value, "off")) return "PRAGMA journal_mode = OFF";
  return "";
}

}  // namespace

std::string containment_summary(bool privileged) {
  if (privileged)
    return "containment off (--privileged): migrations may ATTACH and write any file the "
           "process can (ATTACH, VACUUM INTO) and change process-wide PRAGMAs";
  return "migrations reach only their scratch file: ATTACH, DETACH, VACUUM INTO, "
         "load_extension, PRAGMA writable_schema / schema_version / journal_mode = OFF / "
         "temp_store_directory / heap limits are refused";
}

void Containment::install(sqlite3* db, WriteLog* writes) {
  writes_ = writes;
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_set_authorizer(db, &Containment::authorize, this);
}

std::string Containment::take_refusal() { return std::exchange(refusal_, std::string()); }

int Containment::authorize(void* self, int action, const char* arg1, const char* arg2,
                           const char*, const char*) {
  auto* containment = static_cast<Containment*>(self);
  if (containment->writes_) containment->writes_->record(action, arg1, arg2);
  std::string refused;
  switch (action) {
    case SQLITE_ATTACH:
      // '' is a private temporary database that vanishes with the connection: plain VACUUM
      // attaches one to rebuild the file. Any named file is outside.
      if (arg1 && *arg1) refused = fmt::format("ATTACH of '{}'", arg1);
      break;
    case SQLITE_DETACH: refused = "DETACH"; break;
    case SQLITE_PRAGMA: refused = refused_pragma(arg1, arg2); break;
    case SQLITE_FUNCTION:
      if (same(arg2, "load_extension") || same(arg2, "fts3_tokenizer"))
        refused = fmt::format("the function {}()", arg2);
      break;
    default: break;
  }
  if (refused.empty()) return SQLITE_OK;
  containment->refusal_ = std::move(refused);
  return SQLITE_DENY;
}

}  // namespace crucible::sqlite
