// The allow-list (`--allow FILE`): results known to fail on purpose — a migration that is
// irreversible by design, or incompatible with one engine — that must not fail the gate.
//
//   [[allow]]
//   migration = "0004"            # required: the version as in the report
//   engine = "mariadb"            # default "*"
//   check = "roundtrip"           # default "*"
//   reason = "MariaDB cannot ..." # required
//   expires = 2026-06-30          # optional TOML date (or "YYYY-MM-DD"): after it, not applied
//
// An allowed result keeps its status; reports mark it "allowed" with the reason. Expired entries
// and entries that matched no fail or error are reported as warnings so the list does not rot.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/checks/result.h"

namespace crucible {

struct AllowEntry {
  std::string migration;
  std::string engine = "*";
  std::string check = "*";
  std::string reason;
  std::optional<std::string> expires;  // "YYYY-MM-DD"
  int line = 0;                        // in the allow-list file, for messages

  bool matches(const Result& result) const;
  bool expired(const std::string& today) const { return expires && *expires < today; }
};

struct AllowList {
  std::string file;
  std::vector<AllowEntry> entries;
};

// Throws crucible::Error naming the file and line for unreadable files, bad TOML, unknown keys,
// missing `migration` or `reason`, and malformed dates.
AllowList read_allow_list(const std::string& path);

// Today's date, "YYYY-MM-DD" (UTC), to compare with `expires`.
std::string today_utc();

}  // namespace crucible
