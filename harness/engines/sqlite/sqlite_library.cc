#include "harness/engines/sqlite/sqlite_library.h"

#include <dlfcn.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "harness/common/error.h"

namespace crucible::sqlite {

std::string loaded_library_path() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&sqlite3_libversion), &info) == 0 || !info.dli_fname)
    return "";
  return info.dli_fname;
}

void check_requested_library() {
  const char* wanted = std::getenv("CRUCIBLE_SQLITE_LIB");
  if (!wanted || !*wanted) return;
  const std::string loaded = loaded_library_path();
  std::error_code error;
  if (std::filesystem::equivalent(wanted, loaded, error) && !error) return;
  const std::filesystem::path folder = std::filesystem::path(wanted).parent_path();
  throw Error(fmt::format(
      "sqlite: CRUCIBLE_SQLITE_LIB={} is not the SQLite library that runs ({} {}): libsqlite3 is "
      "linked when crucible starts; run `LD_LIBRARY_PATH={} crucible …` (that folder must hold "
      "libsqlite3.so.0) to use it{}",
      wanted, sqlite3_libversion(), loaded.empty() ? "(path unknown)" : loaded,
      folder.empty() ? "." : folder.string(),
      std::filesystem::exists(wanted) ? "" : fmt::format("; {} does not exist", wanted)));
}

}  // namespace crucible::sqlite
