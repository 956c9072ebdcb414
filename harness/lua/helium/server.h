// The Helium server's way of running a design (docs/HELIUM.md §1), as MigrationPrograms the verify
// loop drives one migration at a time:
//   forward of file k = LOAD k (its generated SQL, one transaction; skipped when k's rows are
//                       already in `queries`), then APPLY k unless k registered itself (1000);
//   reverse of file k = REVERSE k (the type-1001 code, one transaction).
// APPLY refuses when the server's next migration (lowest forward row above the highest applied)
// is not k, and fails when the applied number did not advance. check_after() is the `state`
// check: 1000 → 1003 after a forward, 1003 → 1000 after a reverse.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "harness/lua/helium/options.h"
#include "harness/common/engine_kind.h"
#include "harness/lua/helium/generate.h"
#include "harness/migration/migration.h"

namespace crucible::helium {

// One design on one engine: its files in order, and their generated SQL (generated lazily,
// once, on first LOAD).
class Design {
 public:
  Design(std::vector<lua::helium::GenerateRequest> files, std::vector<long> refs, EngineKind kind,
         DesignOptions options = {});

  const std::vector<long>& refs() const { return refs_; }
  EngineKind kind() const { return kind_; }
  const DesignOptions& options() const { return options_; }
  const std::string& display(size_t index) const { return files_[index].display; }
  // Throws like generate_sql.
  const std::string& sql(size_t index) const;
  // The migration file's Lua source ("" when it cannot be read), for locating statements.
  const std::string& source(size_t index) const;
  // For the engine run's notes: e.g. that the transport shim carried Brotli blocks as base64.
  std::vector<std::string> notes() const;

 private:
  std::vector<lua::helium::GenerateRequest> files_;
  std::vector<long> refs_;
  EngineKind kind_;
  DesignOptions options_;
  mutable std::mutex mutex_;
  mutable std::map<size_t, lua::helium::GeneratedSql> generated_;
  mutable std::map<size_t, std::string> sources_;
};

std::shared_ptr<const MigrationProgram> server_program(std::shared_ptr<const Design> design,
                                                       size_t index);

}  // namespace crucible::helium
