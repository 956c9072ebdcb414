// DB2: scripts in DB2's dialect (`--#SET TERMINATOR @`, BEGIN ATOMIC … END bodies), reached
// through the ODBC engine with IBM's DB2 ODBC/CLI driver, which users install from IBM.
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "harness/common/dsn.h"
#include "harness/common/error.h"
#include "harness/engines/engine.h"
#include "harness/engines/engine_facts.h"
#include "harness/engines/odbc/odbc_engine.h"

namespace crucible {
namespace {

constexpr const char* kDefaultDriver = "IBM DB2 ODBC DRIVER";

constexpr const char* kInstallDriver =
    "IBM's DB2 ODBC/CLI driver is not installed. Download \"IBM Data Server Driver for ODBC and "
    "CLI\" (ibm_data_server_driver_for_odbc_cli, linuxx64) from IBM, unpack it, and register it "
    "in /etc/odbcinst.ini as [IBM DB2 ODBC DRIVER] with Driver=<unpacked>/clidriver/lib/libdb2o.so "
    "(or name the library: db2://user:pw@host:50000/db?driver=/path/libdb2o.so). A DB2 server to "
    "test against: `docker compose up db2` (docker-compose.yml)";

// A value in ODBC braces, so that ';' and '}' in a password survive.
std::string braced(const std::string& value) {
  std::string out = "{";
  for (char c : value) out += c == '}' ? std::string("}}") : std::string(1, c);
  return out + "}";
}

// db2://user:pw@host:port/db as the CLI driver's connection string.
std::string cli_connection_string(const Dsn& dsn) {
  auto driver = dsn.params.find("driver");
  return fmt::format("Driver={};Database={};Hostname={};Port={};Protocol=TCPIP;Uid={};Pwd={}",
                     braced(driver == dsn.params.end() ? kDefaultDriver : driver->second),
                     dsn.database, dsn.host, dsn.port, dsn.user, braced(dsn.password));
}

// DB2 LUW's DDL is transactional; the statement that is not is TRUNCATE … IMMEDIATE, which "is
// processed immediately and cannot be undone" and must begin its unit of work (IBM Db2 11.5,
// "TRUNCATE statement"). A script holding one is not atomic. docs/CATALOG.md, "DB2".
bool commits_implicitly(std::string_view statement) {
  std::vector<std::string> words;
  std::string word;
  for (char c : statement) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      continue;
    }
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  }
  if (!word.empty()) words.push_back(std::move(word));
  if (words.empty() || words.front() != "TRUNCATE") return false;
  for (const std::string& w : words)
    if (w == "IMMEDIATE") return true;
  return false;
}

std::unique_ptr<Engine> connect_db2(const Dsn& dsn, const EngineOptions& options) {
  Dsn through_odbc = dsn;
  through_odbc.odbc = cli_connection_string(dsn);
  try {
    return make_odbc_engine(through_odbc, options);
  } catch (const Error& error) {
    std::string why = error.what();
    if (why.find("IM002") != std::string::npos || why.find("01000") != std::string::npos)
      throw Error(fmt::format("db2 ({}): {}", dsn.redacted(), kInstallDriver));
    throw;
  }
}

}  // namespace

const EngineFacts& db2_facts() {
  static const EngineFacts facts{
      .kind = EngineKind::db2,
      .name = "db2",
      .url_scheme = "db2",
      .default_port = 50000,
      .default_url = "db2://db2inst1:crucible@127.0.0.1:50000/crucible",
      .dialect = Dialect::db2,
      .commits_implicitly = &commits_implicitly,
      .transactional_ddl = true,
      .type_rules = TypeRules::postgres,  // SQL-standard type names: the closest rules
      .helium_name = "db2",
      .connect = &connect_db2,
  };
  return facts;
}

}  // namespace crucible
