#include "tests/odbc/odbc_testing.h"

#include <cstdlib>

#include "harness/common/error.h"

namespace crucible::testing {

std::string odbc_url(EngineKind kind) {
  const char* name = kind == EngineKind::postgres ? "CRUCIBLE_ODBC_POSTGRES_URL" : "CRUCIBLE_ODBC_MARIADB_URL";
  if (const char* env = std::getenv(name); env && *env) return env;
  if (kind == EngineKind::postgres)
    return "odbc:Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=5432;Database=postgres;"
           "Uid=crucible;Pwd=crucible";
  return "odbc:Driver={MariaDB Unicode};Server=127.0.0.1;Port=3306;Uid=crucible;Pwd=crucible";
}

std::unique_ptr<Engine> odbc_engine(EngineKind kind, const EngineOptions& options) {
  try {
    return connect_engine(parse_dsn(odbc_url(kind)), options);
  } catch (const Error& error) {
    const char* ci = std::getenv("CI");
    if (ci && std::string(ci) == "true") ADD_FAILURE() << error.what();
    else GTEST_MESSAGE_AT_(__FILE__, __LINE__, error.what(), ::testing::TestPartResult::kSkip);
  }
  return nullptr;
}

}  // namespace crucible::testing
