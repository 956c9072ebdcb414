// Single-file migrations whose sections are marked by annotation comments, one per line:
//   sql-migrate  -- +migrate Up [notransaction]      -- +migrate Down [notransaction]
//                -- +migrate StatementBegin … -- +migrate StatementEnd  (one statement, whatever
//                its semicolons: a function or trigger body)
// goose marks its files the same way (`-- +goose Up`); AnnotationSyntax is where it will differ.
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
};

extern const AnnotationSyntax kSqlMigrate;

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
};

// True when `text` has an Up or Down annotation of `syntax`.
bool has_annotations(std::string_view text, const AnnotationSyntax& syntax);

// Cuts `text` (the contents of `file`) into its sections. Throws crucible::Error naming the file
// and line for a missing or repeated Up, a repeated Down, an unknown command or option, a
// StatementBegin without its StatementEnd (or the reverse), or SQL before the first section.
Sections split_annotated_sections(std::string_view text, const std::string& file,
                                  const AnnotationSyntax& syntax);

}  // namespace crucible::loaders
