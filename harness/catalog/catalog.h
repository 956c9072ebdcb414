// The canonical, engine-neutral schema model: what a user would call "the schema".
//
// Engines fill it from their native catalogs; everything is compared within one engine, so each
// engine keeps its own canonical spelling of types and expressions (PostgreSQL's format_type,
// MariaDB's COLUMN_TYPE, SQLite's declared type) — normalised so that formatting, keyword case
// and identifier quoting never count, and meaning always does. docs/CATALOG.md lists the rules.
//
// Names the engine generated (SQLite autoindexes, MariaDB's CONSTRAINT_1) are flagged, because
// they are compared by what they constrain or index rather than by name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crucible::catalog {

struct Column {
  std::string name;
  std::string type;                           // canonical type text, e.g. "character varying(80)"
  bool nullable = true;
  std::optional<std::string> default_value;   // expression text, normalised; nullopt: no default
  std::string identity;    // "", "always", "by default", "auto_increment", "autoincrement"
  std::string generated;   // "", or "stored <expr>" / "virtual <expr>"
  std::string collation;   // "" when the column uses the default
  std::string comment;

  bool operator==(const Column&) const = default;
};

struct Key {  // a primary key or a unique constraint
  std::string name;
  bool generated_name = false;
  std::vector<std::string> columns;

  bool operator==(const Key&) const = default;
};

struct ForeignKey {
  std::string name;
  bool generated_name = false;
  std::vector<std::string> columns;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  std::string on_delete = "NO ACTION";  // upper case: NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT
  std::string on_update = "NO ACTION";
  std::string deferrable;               // "", "DEFERRABLE", "DEFERRABLE INITIALLY DEFERRED"

  bool operator==(const ForeignKey&) const = default;
};

struct Check {
  std::string name;
  bool generated_name = false;
  std::string expression;  // normalised by tokens

  bool operator==(const Check&) const = default;
};

struct Table {
  std::string name;  // schema-qualified unless in the default schema
  std::vector<Column> columns;  // in ordinal order: order counts (SELECT *, INSERT ... VALUES)
  std::optional<Key> primary_key;
  std::vector<Key> uniques;
  std::vector<ForeignKey> foreign_keys;
  std::vector<Check> checks;
  std::string options;  // engine-specific table options that change behaviour, e.g. "ENGINE=InnoDB"
  std::string comment;

  bool operator==(const Table&) const = default;
};

struct Index {
  std::string name;
  bool generated_name = false;
  std::string table;
  std::vector<std::string> keys;  // "email", "created_at DESC", "(lower(email))"
  bool unique = false;
  std::string predicate;  // partial index WHERE clause, normalised; "" when none
  std::string method;     // "btree", "hash", "gin", "FULLTEXT" ...; "" for the engine default

  bool operator==(const Index&) const = default;
};

struct View {
  std::string name;
  std::string definition;  // normalised
  bool materialized = false;

  bool operator==(const View&) const = default;
};

struct Sequence {
  std::string name;
  std::string type;
  int64_t start = 1;
  int64_t increment = 1;
  int64_t min_value = 1;
  int64_t max_value = 0;
  bool cycle = false;
  std::string owned_by;  // "table.column" for serial columns

  bool operator==(const Sequence&) const = default;
};

struct Trigger {
  std::string name;
  std::string table;
  std::string definition;  // normalised

  bool operator==(const Trigger&) const = default;
};

struct Routine {  // functions and procedures
  std::string name;       // with the argument signature where the engine overloads
  std::string kind;       // "function", "procedure"
  std::string definition; // normalised

  bool operator==(const Routine&) const = default;
};

struct UserType {  // enums, domains, composite types (PostgreSQL)
  std::string name;
  std::string kind;
  std::string definition;

  bool operator==(const UserType&) const = default;
};

struct Schema {  // namespaces (PostgreSQL); engines without them leave the list empty
  std::string name;
  bool operator==(const Schema&) const = default;
};

struct Extension {
  std::string name;
  bool operator==(const Extension&) const = default;
};

// Every vector is sorted by name (tables' columns by position), so equal schemas compare equal.
struct Catalog {
  std::string engine;  // which engine produced it: comparisons across engines are not meaningful
  std::vector<Schema> schemas;
  std::vector<Table> tables;
  std::vector<Index> indexes;
  std::vector<View> views;
  std::vector<Sequence> sequences;
  std::vector<Trigger> triggers;
  std::vector<Routine> routines;
  std::vector<UserType> types;
  std::vector<Extension> extensions;

  bool operator==(const Catalog&) const = default;

  // Sorts every list into canonical order. Engines call it before returning a snapshot.
  void canonicalize();
  const Table* find_table(const std::string& name) const;
};

}  // namespace crucible::catalog
