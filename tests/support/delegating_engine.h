// A live engine seen through another: every call goes to `inner`, and a test overrides the one it
// watches or changes (the scratch databases created, what the server says of itself). Never a
// stand-in for a database: the databases are the inner engine's own.
#pragma once

#include <memory>

#include "harness/engines/engine.h"

namespace crucible::testing {

class DelegatingEngine : public Engine {
 public:
  explicit DelegatingEngine(Engine& inner) : inner_(inner) {}
  EngineKind kind() const override { return inner_.kind(); }
  const Dsn& dsn() const override { return inner_.dsn(); }
  ServerInfo server_info() override { return inner_.server_info(); }
  std::unique_ptr<Database> create_scratch() override { return inner_.create_scratch(); }
  std::unique_ptr<Database> open_existing(const std::string& name) override {
    return inner_.open_existing(name);
  }
  std::vector<std::string> list_leftovers() override { return inner_.list_leftovers(); }
  void drop_leftover(const std::string& name) override { inner_.drop_leftover(name); }

 private:
  Engine& inner_;
};

// A live engine's database seen through another, as DelegatingEngine: every call goes to
// `inner`, which it owns.
class DelegatingDatabase : public Database {
 public:
  explicit DelegatingDatabase(std::unique_ptr<Database> inner) : inner_(std::move(inner)) {}
  const std::string& name() const override { return inner_->name(); }
  ExecResult execute(const Script& script) override { return inner_->execute(script); }
  catalog::Catalog snapshot() override { return inner_->snapshot(); }
  std::optional<std::string> catalog_digest() override { return inner_->catalog_digest(); }
  std::optional<std::vector<uint64_t>> table_writes(
      const std::vector<std::string>& tables) override {
    return inner_->table_writes(tables);
  }
  QueryResult query(const Statement& statement, const std::vector<SqlValue>& params) override {
    return inner_->query(statement, params);
  }
  std::optional<std::vector<QueryResult>> read_committed(
      const std::vector<Statement>& reads) override {
    return inner_->read_committed(reads);
  }
  void begin() override { inner_->begin(); }
  void commit() override { inner_->commit(); }
  void rollback() override { inner_->rollback(); }
  bool undoes_scripts() const override { return inner_->undoes_scripts(); }
  std::unique_ptr<Database> clone() override { return inner_->clone(); }
  int64_t bulk_load(const std::string& table, const std::vector<std::string>& columns,
                    RowSource& rows, const std::function<void(int64_t)>& progress) override {
    return inner_->bulk_load(table, columns, rows, progress);
  }
  std::unique_ptr<Database> open_session() override { return inner_->open_session(); }

 private:
  std::unique_ptr<Database> inner_;
};

}  // namespace crucible::testing
