// A Result's catalog diff in words, one line per change.
//
// Result.diff is the JSON array that catalog::to_json(std::vector<Change>) produces:
// [{"object": ..., "change": "added" | "removed" | "changed", "before": ..., "after": ...}].
// Reports render it from that JSON alone, without the catalog library, because they also
// format reports read back from files. Examples:
//   column users.email: changed nullable false → true
//   index users_email_idx: added (keys [email], table users, unique true)
//   table audit_log: removed (columns [...], options ENGINE=InnoDB)
// Anything that is not shaped like a change is shown as compact JSON rather than dropped.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace crucible::reports {

std::string describe_change(const nlohmann::json& change);
std::vector<std::string> describe_diff(const nlohmann::json& diff);

}  // namespace crucible::reports
