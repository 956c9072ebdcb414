// What a migration can reach on SQLite: its own scratch file and nothing else.
//
// SQL can reach other files through ATTACH (which creates or modifies any file the process may
// write), VACUUM INTO (SQLite authorizes it as an ATTACH of the target), extensions, and PRAGMAs
// that change the whole process (temp_store_directory, heap limits). An authorizer refuses those
// on every connection to a scratch database; SQLite reports the statement as "not authorized"
// or "authorization denied" (SQLITE_AUTH), and Crucible adds what was refused. Crucible's own copies use the backup API, which no
// authorizer sees. --privileged installs none of it (README "Security model").
#pragma once

#include <sqlite3.h>

#include <string>

#include "harness/engines/sqlite/sqlite_write_log.h"

namespace crucible::sqlite {

// What the containment refuses, in words, for ServerInfo::containment.
std::string containment_summary(bool privileged);

class Containment {
 public:
  // Refuses on `db`, from now on, what reaches outside its file. Also switches on SQLite's
  // defensive mode (no SQL that deliberately corrupts the file) and keeps extension loading off.
  // The same authorizer (a connection has one) tells `writes` what each statement may write.
  void install(sqlite3* db, WriteLog* writes);
  // Why the last refused statement was refused ("ATTACH of '/x'"), then forgets it; "" when
  // nothing was refused since the last call.
  std::string take_refusal();

 private:
  static int authorize(void* self, int action, const char* arg1, const char* arg2,
                       const char* database, const char* trigger);
  std::string refusal_;
  WriteLog* writes_ = nullptr;
};

}  // namespace crucible::sqlite
