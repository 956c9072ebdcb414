// Migration versions as written in file names: "0003", "20240101120000", Flyway's "1.1" or "2_1".
// They order as dotted numbers, part by part (`_` counts as `.`): 9 < 10, 1.2 < 1.10, and
// 1 == 01 == 1.0. Parts may be longer than any integer type (timestamps).
#pragma once

#include <string>
#include <string_view>

namespace crucible::loaders {

// <0, 0 or >0 as `a` orders before, with or after `b`. Both must be digits separated by . or _.
int compare_versions(std::string_view a, std::string_view b);

// One spelling per version: "001" and "1.0" both give "1". Equal versions, equal spellings.
std::string canonical_version(std::string_view version);

}  // namespace crucible::loaders
