// The connector's options for a DSN: the login, and every ?key=value parameter the DSN carries.
// A parameter Crucible does not know is an error, never silently ignored: a user who writes
// ?ssl-mode=REQUIRED must not get an unencrypted connection because of a typo.
#pragma once

#include <cppconn/connection.h>

#include <string>

#include "harness/common/dsn.h"

namespace crucible::mysql {

// Fills `options` for a connection to `dsn` with `schema` as the current database ("" for none).
// Throws crucible::Error naming the parameter (never the password) for an unknown parameter or
// a bad value.
void set_connect_options(const Dsn& dsn, const std::string& schema,
                         ::sql::ConnectOptionsMap& options);

// The ssl-mode the DSN asks for when it is REQUIRED or stricter, else "". The connector built on
// libmariadb does not enforce it, so Connection::open checks that the session is encrypted.
std::string required_tls(const Dsn& dsn);

// The DSN parameters set_connect_options() understands, for messages.
const char* known_dsn_parameters();

}  // namespace crucible::mysql
