// A generated corpus of realistic migrations for measuring verification overhead: tables with a
// foreign key to the previous one, added columns and indexes, each with its matching down, in
// golang-migrate layout (DROP INDEX has a MySQL/MariaDB variant, which needs `ON table`).
#pragma once

#include <string>

namespace crucible::bench {

// A temporary folder holding `count` migrations; removed when this is destroyed.
class MigrationCorpus {
 public:
  explicit MigrationCorpus(int count);
  ~MigrationCorpus();
  MigrationCorpus(const MigrationCorpus&) = delete;
  MigrationCorpus& operator=(const MigrationCorpus&) = delete;

  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

}  // namespace crucible::bench
