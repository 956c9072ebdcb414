// The SQL layouts' parsers on arbitrary bytes: golang-migrate / dbmate / Flyway file names,
// dbmate sections, Crucible's markers, version ordering. Properties: a parsed file name's version
// and name occur in the file name; dbmate sections lie inside the text, in order, on real lines;
// compare_versions is antisymmetric and canonical_version is stable.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "harness/common/error.h"
#include "harness/loaders/annotations.h"
#include "harness/loaders/dbmate.h"
#include "harness/loaders/file_names.h"
#include "harness/loaders/markers.h"
#include "harness/loaders/version.h"

namespace {

using namespace crucible;

bool inside(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

void file_name(std::string_view name) {
  std::optional<loaders::MigrationFileName> parsed;
  try {  // a name that fits a layout but names an unknown engine is an error, by design
    parsed = loaders::parse_migration_file_name(name, "dir/" + std::string(name));
  } catch (const Error&) {
    return;
  }
  if (!parsed) return;
  check(parsed->file == name);
  check(name.find(parsed->version) != std::string_view::npos);
  check(name.find(parsed->name) != std::string_view::npos);
}

void sections(std::string_view text) {
  const int lines = lines_in(text);
  try {
    loaders::DbmateSections s = loaders::split_dbmate_sections(text, "x.sql");
    for (const auto* section : {&s.up, &s.down})
      if (*section) {
        check(inside((*section)->text, text));
        check((*section)->first_line >= 1 && (*section)->first_line <= lines + 1);
      }
    if (s.up && s.down) check(s.up->text.data() != s.down->text.data());
  } catch (const Error&) {
  }
  try {  // sql-migrate: every piece lies inside its section, and the section inside the text
    loaders::Sections s = loaders::split_annotated_sections(text, "x.sql", loaders::kSqlMigrate);
    for (const auto* section : {&s.up, &s.down})
      if (*section) {
        check(inside((*section)->text, text));
        for (const loaders::ScriptPiece& piece : (*section)->pieces)
          check(inside(piece.text, (*section)->text) && piece.first_line >= 1 &&
                piece.first_line <= lines + 1);
      }
  } catch (const Error&) {
  }
  try {
    loaders::read_markers(text, "x.sql");
  } catch (const Error&) {
  }
}

void versions(std::string_view a, std::string_view b) {
  int ab = loaders::compare_versions(a, b), ba = loaders::compare_versions(b, a);
  check((ab < 0) == (ba > 0) && (ab == 0) == (ba == 0));
  std::string canonical = loaders::canonical_version(a);
  check(loaders::canonical_version(canonical) == canonical);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t newline = text.find('\n');
  std::string_view first = text.substr(0, newline);
  file_name(first);
  sections(text);
  std::string_view rest = newline == std::string_view::npos ? "" : text.substr(newline + 1);
  versions(first, rest.substr(0, rest.find('\n')));
  return 0;
}
