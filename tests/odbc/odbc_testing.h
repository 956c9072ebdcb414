// ODBC data sources for the live tests: the local PostgreSQL and MariaDB servers through the
// Debian drivers (odbc-postgresql, odbc-mariadb). $CRUCIBLE_ODBC_POSTGRES_URL and
// $CRUCIBLE_ODBC_MARIADB_URL override them.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "harness/engines/engine.h"

namespace crucible::testing {

std::string odbc_url(EngineKind kind);

// The ODBC engine for `kind`, or nullptr after GTEST_SKIP() (driver or server missing; a
// failure under CI=true).
std::unique_ptr<Engine> odbc_engine(EngineKind kind, const EngineOptions& options = {});

}  // namespace crucible::testing

#define CRUCIBLE_ODBC_ENGINE(var, kind, ...)                                \
  auto var = ::crucible::testing::odbc_engine(kind __VA_OPT__(, ) __VA_ARGS__); \
  if (!var) return
