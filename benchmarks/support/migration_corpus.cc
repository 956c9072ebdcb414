#include "benchmarks/support/migration_corpus.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

namespace crucible::bench {
namespace {

struct MigrationText {
  std::string name, up, down, mysql_down;  // mysql_down: "" when the generic down fits
};

// Every fourth migration creates a table; the next three change it. SQL every engine accepts.
MigrationText migration_text(int i) {
  int table = (i - 1) / 4 + 1;
  switch ((i - 1) % 4) {
    case 0: {
      std::string parent = table == 1 ? "" : fmt::format(
          ",\n  parent_id INT,\n  FOREIGN KEY (parent_id) REFERENCES t{}(id)", table - 1);
      return {fmt::format("create_t{}", table),
              fmt::format("CREATE TABLE t{} (\n  id INT PRIMARY KEY,\n  name VARCHAR(100) NOT "
                          "NULL,\n  created_on DATE{}\n);\n", table, parent),
              fmt::format("DROP TABLE t{};\n", table), ""};
    }
    case 1:
      return {fmt::format("add_t{}_email", table),
              fmt::format("ALTER TABLE t{} ADD COLUMN email VARCHAR(200);\n", table),
              fmt::format("ALTER TABLE t{} DROP COLUMN email;\n", table), ""};
    case 2:
      return {fmt::format("index_t{}_email", table),
              fmt::format("CREATE INDEX t{0}_email_idx ON t{0}(email);\n", table),
              fmt::format("DROP INDEX t{}_email_idx;\n", table),
              fmt::format("DROP INDEX t{0}_email_idx ON t{0};\n", table)};
    default:
      return {fmt::format("add_t{}_qty", table),
              fmt::format("ALTER TABLE t{} ADD COLUMN qty INT NOT NULL DEFAULT 0 "
                          "CHECK (qty >= 0);\n", table),
              fmt::format("ALTER TABLE t{} DROP COLUMN qty;\n", table), ""};
  }
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path);
  if (!(out << text)) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

MigrationCorpus::MigrationCorpus(int count) {
  std::string pattern = (std::filesystem::temp_directory_path() / "crucible-corpus-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create " + pattern);
  root_ = pattern;
  for (int i = 1; i <= count; ++i) {
    MigrationText m = migration_text(i);
    std::filesystem::path base = std::filesystem::path(root_) / fmt::format("{:04}_{}", i, m.name);
    write_file(base.string() + ".up.sql", m.up);
    write_file(base.string() + ".down.sql", m.down);
    if (!m.mysql_down.empty()) write_file(base.string() + ".mysql.down.sql", m.mysql_down);
  }
}

MigrationCorpus::~MigrationCorpus() {
  std::error_code ignored;
  std::filesystem::remove_all(root_, ignored);
}

}  // namespace crucible::bench
