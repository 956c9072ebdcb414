// Errors that stop Crucible itself, as opposed to a migration failing (which is a result).
//
// Anything thrown as crucible::Error ends the command with exit code 2 (usage, configuration or
// infrastructure). Its message must already say what and where: the file and line, the engine,
// the database — never a password.
#pragma once

#include <stdexcept>
#include <string>

namespace crucible {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where a statement came from, for messages like "0003_orders.up.sql:12".
struct SourceLocation {
  std::string file;  // path as the user gave it (relative to the migrations folder root)
  int line = 0;      // 1-based line of the statement's first token; 0 when unknown

  std::string str() const { return line > 0 ? file + ":" + std::to_string(line) : file; }
  bool operator==(const SourceLocation&) const = default;
};

}  // namespace crucible
