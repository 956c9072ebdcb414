// Passwords never reach an output: DSNs of every shape, malformed ones, and secrets that come
// back in other text (an engine message, a value a migration returned).
#include "harness/common/secrets.h"

#include <gtest/gtest.h>

#include "harness/common/dsn.h"
#include "harness/common/error.h"

namespace crucible {
namespace {

// The message of the Error that parsing `url` throws ("" when it parses).
std::string parse_error(const std::string& url) {
  try {
    parse_dsn(url);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(DsnSecrets, APasswordHoldingAnAtSignIsParsedWholeAndNeverEchoed) {
  Dsn dsn = parse_dsn("postgresql://user:p4ss@word@db.example:5433/admin");
  EXPECT_EQ(dsn.password, "p4ss@word");
  EXPECT_EQ(dsn.host, "db.example");
  EXPECT_EQ(dsn.redacted(), "postgresql://user:***@db.example:5433/admin");

  std::string error = parse_error("postgresql://user:p@ss@host:54x/db");
  ASSERT_NE(error, "");
  EXPECT_EQ(error.find("ss@"), std::string::npos) << error;
  EXPECT_NE(error.find("port '54x'"), std::string::npos) << error;
}

TEST(DsnSecrets, MalformedShapesAreRefusedWithoutTheSecret) {
  for (const char* url : {"postgresql:user:hunter22@host/db", "mariadb:root:hunter22@h:3306/",
                          "postgresql://user:hunter22@host:99999999999/db",
                          "postgresql://user:hunter22@host:0/db",
                          "postgresql://user:hunter22@host:x/db?password=hunter22"}) {
    std::string error = parse_error(url);
    ASSERT_NE(error, "") << url;
    EXPECT_EQ(error.find("hunter22"), std::string::npos) << error;
  }
}

TEST(DsnSecrets, APasswordParameterIsThePassword) {
  Dsn dsn = parse_dsn("postgresql://host/db?user=app&password=s3cr3t-pw&sslmode=disable");
  EXPECT_EQ(dsn.user, "app");
  EXPECT_EQ(dsn.password, "s3cr3t-pw");
  EXPECT_EQ(dsn.params.count("password"), 0u);
  EXPECT_EQ(dsn.params.at("sslmode"), "disable");
  EXPECT_EQ(dsn.redacted().find("s3cr3t-pw"), std::string::npos);
}

TEST(Redaction, AKnownPasswordIsMaskedWhereverItAppears) {
  parse_dsn("mariadb://app:Tr0ub4dor@127.0.0.1:3306/");
  EXPECT_EQ(redact_secrets("table t: value 'Tr0ub4dor&3' from os.getenv"),
            "table t: value '***&3' from os.getenv");
  register_secret("run-login-9f8e7d");
  EXPECT_EQ(redact_secrets("password authentication failed: run-login-9f8e7d"),
            "password authentication failed: ***");
}

TEST(Redaction, CredentialShapedTextIsMaskedEvenWhenTheSecretIsUnknown) {
  EXPECT_EQ(redact_secrets("returned postgresql://crucible:neverseen@127.0.0.1:5432/postgres"),
            "returned postgresql://crucible:***@127.0.0.1:5432/postgres");
  EXPECT_EQ(redact_secrets("postgresql:u:neverseen@h/db"), "postgresql:u:***@h/db");
  EXPECT_EQ(redact_secrets("conn host=h password=neverseen user=u"),
            "conn host=h password=*** user=u");
  EXPECT_EQ(redact_secrets("Driver={X};Uid=u;Pwd={a;b};"), "Driver={X};Uid=u;Pwd=***;");
  EXPECT_EQ(redact_secrets("x?user=u&password=neverseen&sslmode=disable"),
            "x?user=u&password=***&sslmode=disable");
}

TEST(Redaction, OrdinaryTextIsLeftAlone) {
  for (const char* text :
       {"0003_orders.up.sql:12: syntax error at or near \"@\"", "crucible_1a2b3c4d_1",
        "mail user@example.com: bounced", "SELECT 'a:b' AS x", "time 12:30:00 at 10@home"})
    EXPECT_EQ(redact_secrets(text), text);
  // The public local default is not a secret: masking it would garble every scratch name.
  parse_dsn("postgresql://crucible:crucible@127.0.0.1:5432/postgres");
  EXPECT_EQ(redact_secrets("database crucible_1a2b3c4d_1"), "database crucible_1a2b3c4d_1");
}

}  // namespace
}  // namespace crucible
