// Which libsqlite3 runs. Crucible links libsqlite3.so.0 at build time (Debian 12: 3.40.1, which
// lacks unhex() and other newer functions), and the dynamic linker picks the file at start-up:
// `LD_LIBRARY_PATH=/opt/sqlite/lib crucible …` runs a newer build. Loading a second copy from
// inside a running process is not done: two libsqlite3 in one process would each keep their own
// locks on the same files, which SQLite documents as a way to corrupt a database.
#pragma once

#include <string>

namespace crucible::sqlite {

// The file the running libsqlite3 was loaded from, e.g. /usr/lib/x86_64-linux-gnu/libsqlite3.so.0.
std::string loaded_library_path();

// When $CRUCIBLE_SQLITE_LIB names a library, checks that it is the one loaded; throws
// crucible::Error saying which version ran and how to load the wanted one (LD_LIBRARY_PATH), so
// that a user who asked for a newer SQLite never gets a silent pass on the old one.
void check_requested_library();

}  // namespace crucible::sqlite
