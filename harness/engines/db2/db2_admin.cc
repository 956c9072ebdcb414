#include "harness/engines/db2/db2_admin.h"

#include <cctype>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/odbc/odbc_connection_string.h"
#include "harness/engines/scratch.h"
#include "harness/sql/identifier.h"

namespace crucible::db2 {
namespace {

std::string db2_name(const std::string& name) { return sql::quote_identifier(name, Dialect::db2); }

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

class Db2Admin : public odbc::DbmsAdmin {
 public:
  explicit Db2Admin(std::string label) : label_(std::move(label)) {}

  void mark_live(odbc::Connection& admin) override {
    admin.must_run(mark_live_sql(scratch_run_id()), "marking the run live");
  }
  std::string create_login(odbc::Connection&, const std::string&) override {
    throw Error(fmt::format(
        "{}: DB2 logins are operating-system or LDAP users, which SQL cannot create, so "
        "migrations cannot run under a login of their own; run with --privileged (migrations "
        "then run as the DSN's user, in a schema per run; use a DB2 database kept for testing)",
        label_));
  }
  void drop_login(odbc::Connection&, const std::string&) override {}
  void create_database(odbc::Connection& admin, const std::string& name,
                       const std::string&) override {
    admin.must_run(create_schema_sql(name), "creating scratch schema " + schema_for(name));
  }
  void drop_database(odbc::Connection& admin, const std::string& name) override {
    admin.must_run(drop_schema_sql(name), "dropping scratch schema " + schema_for(name));
  }
  std::vector<std::string> list_databases(odbc::Connection& admin) override {
    QueryResult r = admin.run(Statement{list_schemas_sql(), {}}, {}, TimeLimits{});
    if (!r.ok()) throw Error(fmt::format("{}: listing schemas: {}", label_, r.error->message));
    std::vector<std::string> out;
    for (const auto& row : r.rows)
      if (auto* name = std::get_if<std::string>(&row.at(0))) out.push_back(lower(*name));
    return out;
  }
  std::string connection_string_for(const std::string& admin_string, const std::string& name,
                                    const std::string&, const std::string&) const override {
    return schema_connection_string(admin_string, name);
  }

 private:
  std::string label_;
};

}  // namespace

std::string schema_for(const std::string& name) {
  std::string out = name;
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The admin session's client application name (SYSPROC.WLM_SET_CLIENT_INFO) names the run, so
// MON_GET_CONNECTION shows which Crucible run is connected.
std::string mark_live_sql(const std::string& run_id) {
  return fmt::format("CALL SYSPROC.WLM_SET_CLIENT_INFO(NULL, NULL, {}, NULL, NULL)",
                     sql::quote_literal("crucible_" + run_id));
}

std::string create_schema_sql(const std::string& name) {
  return "CREATE SCHEMA " + db2_name(schema_for(name));
}

// ADMIN_DROP_SCHEMA drops the schema and every object in it. Its error-table arguments are INOUT,
// which a dynamic CALL can only pass as variables: hence the compound statement. A drop that
// left objects behind names the table (in SYSTOOLSPACE) that lists them and fails. A schema that
// is already gone is not an error (a drop registered for Ctrl-C may run after the normal one).
std::string drop_schema_sql(const std::string& name) {
  std::string schema = schema_for(name);
  return fmt::format(
      "BEGIN\n"
      "  DECLARE error_schema VARCHAR(128);\n"
      "  DECLARE error_table VARCHAR(128) DEFAULT {table};\n"
      "  SET error_schema = SESSION_USER;\n"
      "  IF EXISTS (SELECT 1 FROM SYSCAT.SCHEMATA WHERE SCHEMANAME = {schema}) THEN\n"
      "    CALL SYSPROC.ADMIN_DROP_SCHEMA({schema}, NULL, error_schema, error_table);\n"
      "    IF error_table IS NOT NULL THEN\n"
      "      SIGNAL SQLSTATE '75001' SET MESSAGE_TEXT = {message};\n"
      "    END IF;\n"
      "  END IF;\n"
      "END",
      fmt::arg("table", sql::quote_literal(schema + "_ERR")), fmt::arg("schema", sql::quote_literal(schema)),
      fmt::arg("message", sql::quote_literal("objects left: see table " + schema + "_ERR")));
}

std::string list_schemas_sql() {
  return "SELECT RTRIM(SCHEMANAME) FROM SYSCAT.SCHEMATA WHERE SCHEMANAME LIKE 'CRUCIBLE\\_%' "
         "ESCAPE '\\' ORDER BY 1";
}

std::string schema_connection_string(const std::string& admin_string, const std::string& name) {
  odbc::ConnectionString attributes = odbc::ConnectionString::parse(admin_string);
  std::string schema = schema_for(name);
  attributes.set({"CurrentSchema"}, schema);
  attributes.set({"CurrentFunctionPath"},
                 fmt::format("\"SYSIBM\",\"SYSFUN\",\"SYSPROC\",\"SYSIBMADM\",{}", db2_name(schema)));
  return attributes.text();
}

std::unique_ptr<odbc::DbmsAdmin> make_admin(const std::string& label) {
  return std::make_unique<Db2Admin>(label);
}

}  // namespace crucible::db2
