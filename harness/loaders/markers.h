// Crucible's per-file markers: SQL comment lines anywhere in a migration file.
//   -- crucible:no-transaction        run the script outside a transaction (CREATE INDEX
//                                     CONCURRENTLY and other statements that refuse one)
//   -- crucible:irreversible <reason> the migration cannot be reversed, on purpose: its reverse
//                                     checks are skipped with the reason instead of failing
//   -- crucible:lossy <reason>        forward + reverse loses data on purpose (a dropped column
//                                     restored empty): the `data` check is skipped with the reason
// A sidecar file next to a migration file, named like it plus `.lossy` (e.g.
// `0003_drop_note.up.sql.lossy`), declares the same; its first non-blank line is the reason.
// An unknown `crucible:` marker is an error, so that a typo never silently changes a run.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace crucible::loaders {

struct Markers {
  bool no_transaction = false;
  std::optional<std::string> irreversible;  // the reason
  std::optional<std::string> lossy;         // the reason
};

// The reason in `<path>.lossy` when that sidecar exists; throws when it is empty.
std::optional<std::string> read_lossy_sidecar(const std::string& path);

// Reads the markers of `text`, the contents of `file` starting at line `first_line`.
Markers read_markers(std::string_view text, const std::string& file, int first_line = 1);

// Visits each line of `text` with its 1-based number (counted from `first_line`).
template <typename Visit>
void for_each_line(std::string_view text, int first_line, Visit visit) {
  int number = first_line;
  for (size_t start = 0; start < text.size(); ++number) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    visit(line, number);
    start = end + 1;
  }
}

}  // namespace crucible::loaders
