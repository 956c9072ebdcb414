// How Crucible runs a Helium design, beyond what the design itself says (`crucible verify`
// flags). Separate from server.h so that loaders and the CLI can name it cheaply.
#pragma once

namespace crucible::helium {

struct DesignOptions {
  // docs/HELIUM.md: on DB2 an UPDATE or DELETE that touches zero rows fails; --strict-dml makes
  // every engine do so in APPLY and REVERSE (it catches asymmetric forward/reverse pairs).
  bool strict_dml = false;
};

}  // namespace crucible::helium
