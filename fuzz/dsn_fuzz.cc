// The DSN parser on arbitrary text. Properties: it parses or throws crucible::Error (nothing
// else), and a parsed DSN's redacted form never holds the password (when the password is long
// enough not to occur by chance and is not also the user, host, database or a parameter).
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
    // The password may legitimately equal another part (crucible:crucible@…): only a password
    // that occurs nowhere else must be absent from the printed form.
    std::string others = dsn.user + "\n" + dsn.host + "\n" + dsn.database + "\n" +
                         std::string(crucible::engine_name(dsn.kind));
    for (const auto& [key, value] : dsn.params) others += "\n" + key + "=" + value;
    if (dsn.password.size() >= 6 && others.find(dsn.password) == std::string::npos &&
        shown.find(dsn.password) != std::string::npos) {
      std::fprintf(stderr, "property failed: the password is printed: %s\n", shown.c_str());
      std::abort();
    }
  } catch (const crucible::Error&) {
  }
  return 0;
}
