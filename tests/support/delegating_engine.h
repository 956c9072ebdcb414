// A live engine seen through another: every call goes to `inner`, and a test overrides the one it
// watches or changes (the scratch databases created, what the server says of itself). Never a
// stand-in for a database: the databases are the inner engine's own.
#pragma once

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

}  // namespace crucible::testing
