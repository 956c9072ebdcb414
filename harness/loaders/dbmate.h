// dbmate's single-file migrations: `-- migrate:up` and `-- migrate:down` comment lines cut the
// file into sections. Options follow the marker on its line: `-- migrate:up transaction:false`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace crucible::loaders {

struct DbmateSection {
  std::string_view text;  // the lines after the marker, up to the next marker
  int first_line;         // the file line `text` starts on
  bool transactional = true;
};

struct DbmateSections {
  std::string_view preamble;  // anything before the first marker (comments only)
  std::optional<DbmateSection> up;
  std::optional<DbmateSection> down;
};

// Cuts `text` (the contents of `file`) into its sections. Throws crucible::Error naming the file
// and line for a missing or repeated `-- migrate:up`, a repeated `-- migrate:down`, an unknown
// option, or SQL before the first marker.
DbmateSections split_dbmate_sections(std::string_view text, const std::string& file);

}  // namespace crucible::loaders
