// Layouts of other migration tools that Crucible recognises but does not read (yet), so that a
// user pointing Crucible at one hears what it is instead of a complaint about file names:
//   goose        VERSION_name.sql with `-- +goose Up` / `-- +goose Down`
//   Liquibase    `--liquibase formatted sql` files; XML, YAML or JSON changelogs
//   Diesel       one folder per migration: VERSION_name/up.sql and down.sql
//   Prisma       one folder per migration: TIMESTAMP_name/migration.sql
//   Alembic      versions/*.py (revision / down_revision), env.py (read by its own loader when
//                the folder holds alembic.ini or env.py; recognised here elsewhere)
//   sqitch       sqitch.plan with deploy/, revert/, verify/ (read by its own loader)
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace crucible::loaders {

// What the text of the migration file `file` says about the tool it was written for, when that
// tool is one Crucible does not read: "goose migrations (`-- +goose Up` on line 1 of 1_x.sql)".
std::optional<std::string> foreign_sql_file(std::string_view text, std::string_view file);

// What the folder `root` looks like, when it is laid out for a tool Crucible does not read:
// "a Diesel migrations folder (2024-01-01-000000_create_users/up.sql)".
std::optional<std::string> foreign_folder(const std::string& root);

// The message for a recognised layout: what was seen and that Crucible does not read it yet.
std::string unsupported_layout_message(const std::string& where, const std::string& recognised);

}  // namespace crucible::loaders
