#include "harness/loaders/version.h"

#include <vector>

namespace crucible::loaders {
namespace {

// The numeric parts without leading zeros, and without trailing zero parts (1.0 is 1).
std::vector<std::string_view> version_parts(std::string_view version) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = version.find_first_of("._", start);
    std::string_view part =
        version.substr(start, end == std::string_view::npos ? end : end - start);
    while (part.size() > 1 && part.front() == '0') part.remove_prefix(1);
    parts.push_back(part.empty() ? std::string_view("0") : part);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  while (parts.size() > 1 && parts.back() == "0") parts.pop_back();
  return parts;
}

// Digit strings without leading zeros: the longer is the bigger, else compare as text.
int compare_numbers(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
  std::vector<std::string_view> left = version_parts(a), right = version_parts(b);
  for (size_t i = 0; i < left.size() || i < right.size(); ++i) {
    std::string_view l = i < left.size() ? left[i] : "0";
    std::string_view r = i < right.size() ? right[i] : "0";
    if (int order = compare_numbers(l, r); order != 0) return order;
  }
  return 0;
}

std::string canonical_version(std::string_view version) {
  std::string canonical;
  for (std::string_view part : version_parts(version)) {
    if (!canonical.empty()) canonical += '.';
    canonical += part;
  }
  return canonical;
}

}  // namespace crucible::loaders
