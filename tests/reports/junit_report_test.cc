#include "reports/junit_report.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unistd.h>

#include "harness/common/error.h"
#include "tests/support/sample_report.h"

namespace crucible {
namespace {

using testing::sample_report;

// A JUnit document parsed by libxml2 in strict mode: any well-formedness error (bad escaping, a
// character XML 1.0 forbids, invalid UTF-8, unbalanced tags) makes parsing fail.
class Xml {
 public:
  explicit Xml(const std::string& text) {
    doc_ = xmlReadMemory(text.data(), static_cast<int>(text.size()), "junit.xml", nullptr,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc_) {
      const xmlError* error = xmlGetLastError();
      error_ = error && error->message ? error->message : "unknown error";
    }
  }
  ~Xml() { xmlFreeDoc(doc_); }
  Xml(const Xml&) = delete;
  Xml& operator=(const Xml&) = delete;

  bool ok() const { return doc_ != nullptr; }
  const std::string& error() const { return error_; }
  xmlNode* root() const { return xmlDocGetRootElement(doc_); }

 private:
  xmlDoc* doc_ = nullptr;
  std::string error_;
};

std::string name_of(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

std::string attribute(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!value) return "<absent>";
  std::string text = reinterpret_cast<const char*>(value);
  xmlFree(value);
  return text;
}

std::string content(xmlNode* node) {
  xmlChar* value = xmlNodeGetContent(node);
  std::string text = value ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return text;
}

std::vector<xmlNode*> children(xmlNode* node, const std::string& name) {
  std::vector<xmlNode*> found;
  for (xmlNode* child = node->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE && name_of(child) == name) found.push_back(child);
  return found;
}

xmlNode* suite(const Xml& xml, const std::string& engine) {
  for (xmlNode* node : children(xml.root(), "testsuite"))
    if (attribute(node, "name") == "crucible." + engine) return node;
  ADD_FAILURE() << "no testsuite for " << engine;
  return nullptr;
}

xmlNode* testcase(xmlNode* suite, const std::string& classname, const std::string& name) {
  for (xmlNode* node : children(suite, "testcase"))
    if (attribute(node, "classname") == classname && attribute(node, "name") == name) return node;
  ADD_FAILURE() << "no testcase " << classname << " " << name;
  return nullptr;
}

std::string property(xmlNode* suite, const std::string& name) {
  for (xmlNode* properties : children(suite, "properties"))
    for (xmlNode* node : children(properties, "property"))
      if (attribute(node, "name") == name) return attribute(node, "value");
  return "<absent>";
}

// Counts the verdict elements actually present, to compare with the count attributes.
struct Counted {
  int tests = 0, failures = 0, errors = 0, skipped = 0;
};

Counted count(xmlNode* suite) {
  Counted counted;
  for (xmlNode* test : children(suite, "testcase")) {
    ++counted.tests;
    counted.failures += static_cast<int>(children(test, "failure").size());
    counted.errors += static_cast<int>(children(test, "error").size());
    counted.skipped += static_cast<int>(children(test, "skipped").size());
  }
  return counted;
}

void expect_counts(xmlNode* node, int tests, int failures, int errors, int skipped) {
  EXPECT_EQ(attribute(node, "tests"), std::to_string(tests)) << attribute(node, "name");
  EXPECT_EQ(attribute(node, "failures"), std::to_string(failures)) << attribute(node, "name");
  EXPECT_EQ(attribute(node, "errors"), std::to_string(errors)) << attribute(node, "name");
  EXPECT_EQ(attribute(node, "skipped"), std::to_string(skipped)) << attribute(node, "name");
}

TEST(ReportsJunit, IsWellFormedWithOneSuitePerEngine) {
  Xml xml(junit_xml(sample_report()));
  ASSERT_TRUE(xml.ok()) << xml.error();
  EXPECT_EQ(name_of(xml.root()), "testsuites");
  std::vector<std::string> names;
  for (xmlNode* node : children(xml.root(), "testsuite")) {
    names.push_back(attribute(node, "name"));
    EXPECT_EQ(attribute(node, "hostname"), "<absent>");
  }
  EXPECT_EQ(names, (std::vector<std::string>{"crucible.postgres", "crucible.mariadb",
                                             "crucible.sqlite", "crucible.mysql"}));
}

TEST(ReportsJunit, CountsMatchTheResultsAndTheElements) {
  Xml xml(junit_xml(sample_report()));
  ASSERT_TRUE(xml.ok()) << xml.error();
  // The unreachable mysql adds one errored "connect" testcase to the results' counts.
  expect_counts(xml.root(), 36 + 1, testing::kSampleFail, testing::kSampleError + 1,
                testing::kSampleSkip);
  expect_counts(suite(xml, "postgres"), 12, 1, 0, 0);
  expect_counts(suite(xml, "mariadb"), 12, 0, 1, 3);
  expect_counts(suite(xml, "sqlite"), 12, 1, 0, 4);
  expect_counts(suite(xml, "mysql"), 1, 0, 1, 0);
  for (xmlNode* node : children(xml.root(), "testsuite")) {
    Counted counted = count(node);
    expect_counts(node, counted.tests, counted.failures, counted.errors, counted.skipped);
  }
}

TEST(ReportsJunit, TimesAreSeconds) {
  Xml xml(junit_xml(sample_report()));
  ASSERT_TRUE(xml.ok()) << xml.error();
  xmlNode* postgres = suite(xml, "postgres");
  EXPECT_EQ(attribute(testcase(postgres, "postgres.0002_add_email_index", "roundtrip"), "time"),
            "0.012");
  // 0001 and 0003: 2.75 + 4 + 5.25 + 6.5 each; 0002: 8 + 2 + 12.4 + 9.
  EXPECT_EQ(attribute(postgres, "time"), "0.068");
}

TEST(ReportsJunit, SuitesCarryServerVersionAndRedactedDsn) {
  std::string text = junit_xml(sample_report());
  EXPECT_EQ(text.find(testing::kSamplePassword), std::string::npos);
  Xml xml(text);
  ASSERT_TRUE(xml.ok()) << xml.error();
  xmlNode* postgres = suite(xml, "postgres");
  EXPECT_EQ(property(postgres, "server_version"), "15.18");
  EXPECT_EQ(property(postgres, "dsn"), "postgresql://crucible:***@127.0.0.1:5432/postgres");
  EXPECT_EQ(property(postgres, "note"), "0003 ran outside a transaction (non-atomic)");
  EXPECT_EQ(property(suite(xml, "mariadb"), "server_version"), "10.11.6-MariaDB-0+deb12u1");
}

TEST(ReportsJunit, FailureCarriesTheDiffInWordsAndJson) {
  Xml xml(junit_xml(sample_report()));
  ASSERT_TRUE(xml.ok()) << xml.error();
  xmlNode* test = testcase(suite(xml, "sqlite"), "sqlite.0002_add_email_index", "roundtrip");
  ASSERT_TRUE(test);
  auto failures = children(test, "failure");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(attribute(failures[0], "message"), "column users.email differs after reverse");
  std::string text = content(failures[0]);
  EXPECT_NE(text.find("- column users.email: changed nullable false → true"), std::string::npos)
      << text;
  EXPECT_NE(text.find("\"object\": \"column users.email\""), std::string::npos) << text;
}

TEST(ReportsJunit, ErrorCarriesSqlstateLocationAndStatement) {
  Xml xml(junit_xml(sample_report()));
  ASSERT_TRUE(xml.ok()) << xml.error();
  xmlNode* test = testcase(suite(xml, "mariadb"), "mariadb.0003_orders", "forward");
  ASSERT_TRUE(test);
  auto errors = children(test, "error");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(attribute(errors[0], "message"), "Table 'orders' already exists");
  EXPECT_EQ(attribute(errors[0], "type"), "42S01");
  std::string text = content(errors[0]);
  EXPECT_NE(text.find("at: 0003_orders.up.sql:12"), std::string::npos) << text;
  EXPECT_NE(text.find("statement: " + testing::sample_long_statement()), std::string::npos);
}

TEST(ReportsJunit, SkipCarriesTheReasonAndPassHasNoChild) {
  Xml xml(junit_xml(sample_report()));
  ASSERT_TRUE(xml.ok()) << xml.error();
  xmlNode* skipped = testcase(suite(xml, "sqlite"), "sqlite.0003_orders", "reapply");
  ASSERT_TRUE(skipped);
  auto reasons = children(skipped, "skipped");
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(attribute(reasons[0], "message"), "no script for sqlite (only postgres, mariadb)");
  xmlNode* passed = testcase(suite(xml, "postgres"), "postgres.0001_create_users", "forward");
  ASSERT_TRUE(passed);
  EXPECT_EQ(passed->children, nullptr);
}

TEST(ReportsJunit, EngineThatCouldNotRunHasAnErroredConnectTestcase) {
  Xml xml(junit_xml(sample_report()));
  ASSERT_TRUE(xml.ok()) << xml.error();
  xmlNode* mysql = suite(xml, "mysql");
  xmlNode* connect = testcase(mysql, "mysql", "connect");
  ASSERT_TRUE(connect);
  auto errors = children(connect, "error");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(attribute(errors[0], "message"),
            "cannot connect to 127.0.0.1:3307: Connection refused");
  EXPECT_NE(content(errors[0]).find("mysql://crucible:***@127.0.0.1:3307/"), std::string::npos);
}

TEST(ReportsJunit, EscapesMarkupAndReplacesCharactersXmlForbids) {
  Report report = sample_report();
  Result& error = report.engines[1].results[8];
  error.message = "syntax error near \"<b>\" & 'x'\nline 2\x01\x1b[31m\xff end";
  error.statement = "SELECT '</error>]]>' || chr(0)" + std::string("\0 tail", 6);
  report.engines[1].results[9].message = "reason with \ttab\r\nand CRLF";
  Xml xml(junit_xml(report));
  ASSERT_TRUE(xml.ok()) << xml.error();
  xmlNode* test = testcase(suite(xml, "mariadb"), "mariadb.0003_orders", "forward");
  ASSERT_TRUE(test);
  xmlNode* element = children(test, "error").at(0);
  // Newlines survive in attributes as &#10;; forbidden characters become U+FFFD.
  EXPECT_EQ(attribute(element, "message"),
            "syntax error near \"<b>\" & 'x'\nline 2\xEF\xBF\xBD\xEF\xBF\xBD[31m\xEF\xBF\xBD end");
  EXPECT_NE(content(element).find("SELECT '</error>]]>' || chr(0)"), std::string::npos);
  EXPECT_NE(content(element).find("\xEF\xBF\xBD tail"), std::string::npos);
  xmlNode* skipped = testcase(suite(xml, "mariadb"), "mariadb.0003_orders", "reverse");
  ASSERT_TRUE(skipped);
  EXPECT_EQ(attribute(children(skipped, "skipped").at(0), "message"),
            "reason with \ttab\nand CRLF");
}

TEST(ReportsJunit, EscapesNamesInAttributes) {
  Report report = sample_report();
  for (Result& result : report.engines[0].results) result.name = "a\"b<c>&d";
  Xml xml(junit_xml(report));
  ASSERT_TRUE(xml.ok()) << xml.error();
  EXPECT_TRUE(testcase(suite(xml, "postgres"), "postgres.0001_a\"b<c>&d", "forward"));
}

TEST(ReportsJunit, EmptyReportIsWellFormed) {
  Xml xml(junit_xml(Report{}));
  ASSERT_TRUE(xml.ok()) << xml.error();
  expect_counts(xml.root(), 0, 0, 0, 0);
}

TEST(ReportsJunit, WritesTheFileAndNamesThePathOnError) {
  auto path = std::filesystem::temp_directory_path() /
              ("crucible_junit.xml." + std::to_string(::getpid()));
  write_junit_report(sample_report(), path.string());
  std::stringstream written;
  written << std::ifstream(path).rdbuf();
  std::filesystem::remove(path);
  EXPECT_EQ(written.str(), junit_xml(sample_report()));
  try {
    write_junit_report(sample_report(), "/nonexistent-crucible-dir/junit.xml");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-crucible-dir/junit.xml"), std::string::npos);
  }
}

}  // namespace
}  // namespace crucible
