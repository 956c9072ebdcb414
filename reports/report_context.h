// What a run adds to its Report for the Markdown, HTML and SARIF reports: results the allow-list
// accepts (crucible's --allow), gate warnings, and where the HTML report lives.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "harness/checks/result.h"

namespace crucible::reports {

struct ReportContext {
  // (engine, migration, check) -> the allow-list entry's reason. Allowed results still show
  // their status, marked "allowed", and do not fail the gate.
  std::map<std::tuple<std::string, std::string, std::string>, std::string> allowed;
  std::vector<std::string> warnings;  // e.g. "allow-list entry 2 (0004 on *) expired 2025-01-01"
  std::string html_link;              // link target for the HTML report ("" = none)

  // The allow-list reason for `result`, or nullptr when it is not allowed.
  const std::string* allowed_reason(const Result& result) const {
    auto it = allowed.find({result.engine, result.migration, result.check});
    return it == allowed.end() ? nullptr : &it->second;
  }
};

// True for the results a reader must look at: fail and error.
inline bool is_problem(const Result& result) {
  return result.status == Status::fail || result.status == Status::error;
}

}  // namespace crucible::reports
