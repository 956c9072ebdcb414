// The DSN parser on arbitrary text. Properties: it parses or throws crucible::Error (nothing
// else), and a parsed DSN's redacted form does not depend on its password.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "harness/common/dsn.h"
#include "harness/common/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string url(reinterpret_cast<const char*>(data), size);
  try {
    crucible::Dsn dsn = crucible::parse_dsn(url);
    std::string shown = dsn.redacted();
    // The redacted form must not depend on the password at all: the same DSN with another
    // password prints the same. (Asking "does the password occur in it" raised false alarms: a
    // password such as `127.0.0.1:3306` occurs in the host and port that are printed.) An ODBC
    // DSN is printed from its connection string, so there the password must simply be absent
    // unless it is also text the string holds elsewhere.
    if (dsn.odbc.empty()) {
      crucible::Dsn other = dsn;
      if (!other.password.empty()) other.password = "another-password-" + dsn.password;
      if (other.redacted() != shown) {
        std::fprintf(stderr, "property failed: the password changes what is printed: %s\n",
                     shown.c_str());
        std::abort();
      }
    } else {
      std::string others = dsn.user + "\n" + dsn.host + "\n" + dsn.database + "\n" +
                           std::string(crucible::engine_name(dsn.kind));
      for (const auto& [key, value] : dsn.params) others += "\n" + key + "=" + value;
      if (dsn.password.size() >= 6 && others.find(dsn.password) == std::string::npos &&
          shown.find(dsn.password) != std::string::npos) {
        std::fprintf(stderr, "property failed: the password is printed: %s\n", shown.c_str());
        std::abort();
      }
    }
  } catch (const crucible::Error&) {
  }
  return 0;
}
