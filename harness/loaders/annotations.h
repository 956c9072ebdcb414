// Single-file migrations whose sections are marked by annotation comments, one per line:
//   sql-migrate  -- +migrate Up [notransaction]      -- +migrate Down [notransaction]
//                -- +migrate StatementBegin … -- +migrate StatementEnd  (one statement, whatever
//                its semicolons: a function or trigger body)
//   goose        -- +goose Up      -- +goose Down      (case does not matter, as in goose)
//                -- +goose StatementBegin … -- +goose StatementEnd
//                -- +goose NO TRANSACTION  (anywhere: the whole file runs without one)
//                -- +goose ENVSUB ON / OFF is refused: Crucible does not substitute environment
//                variables, and running `${VAR}` as written would fail for a reason not in the file
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/loaders/script.h"

namespace crucible::loaders {

struct AnnotationSyntax {
  std::string_view tool;            // "sql-migrate", for messages
  std::string_view prefix;          // "+migrate": annotations are `-- +migrate <command>`
  std::string_view no_transaction;  // the Up/Down option that runs the section without one
  bool any_case = false;            // goose reads `-- +goose up` as `-- +goose Up`
  std::string_view file_no_transaction;  // goose's `NO TRANSACTION` command: the whole file
  std::string_view refused;              // goose's `ENVSUB`: a command Crucible cannot honour
};

extern const AnnotationSyntax kSqlMigrate;
extern const AnnotationSyntax kGoose;

// One direction of a file: its text (for markers) and how its statements are cut.
struct Section {
  std::string_view text;
  int first_line;  // the file line `text` starts on
  bool transactional = true;
  std::vector<ScriptPiece> pieces;
};

struct Sections {
  std::string_view preamble;  // anything before the first section (comments only)
  std::optional<Section> up;
  std::optional<Section> down;
  bool transactional = true;  // false when the file says so for both sections (goose)
};

// True when `text` has an Up or Down annotation of `syntax`.
bool has_annotations(std::string_view text, const AnnotationSyntax& syntax);

// Cuts `text` (the contents of `file`) into its sections. Throws crucible::Error naming the file
// and line for a missing or repeated Up, a repeated Down, an unknown command or option, a
// StatementBegin without its StatementEnd (or the reverse), or SQL before the first section.
Sections split_annotated_sections(std::string_view text, const std::string& file,
                                  const AnnotationSyntax& syntax);

}  // namespace crucible::loaders
