// GoogleTest assertions that verify a folder of migrations from another project's test suite,
// as `crucible verify` does: every migration forward, reverse and forward again on each engine,
// the catalogs compared, plus the property checks asked for.
//
//   #include <crucible/gtest.h>
//
//   TEST(Schema, MigrationsRoundTrip) {
//     EXPECT_MIGRATIONS_VERIFY("db/migrations");                        // embedded SQLite
//     EXPECT_MIGRATIONS_VERIFY("db/migrations", "sqlite",
//                              "postgres=postgresql://ci:secret@db:5432/postgres",
//                              crucible::gtest::Options{.walks = 20, .seed = 7});
//   }
//
// Engines are written as for `crucible verify --engine`: a name ("sqlite", "postgres", "mysql",
// "mariadb") for the default DSN ($CRUCIBLE_<NAME>_URL, else the local server), or NAME=DSN.
// None means embedded SQLite. A failure's message holds the terminal report: the matrix, then
// for every fail and error the migration, the check, the message and the catalog diff. Problems
// with the input (a folder that does not exist, a malformed DSN, an unreachable server) fail the
// assertion too, with Crucible's error naming the file, line or engine. Passwords never appear.
// A relative path is taken from the test's working directory (under ctest, the build directory):
// pass an absolute one, e.g. from a compile definition. Scratch databases are dropped when each
// engine is done; unlike the `crucible` binary, the helper installs no signal handlers.
// ASSERT_MIGRATIONS_VERIFY ends the test on failure; EXPECT_MIGRATIONS_VERIFY goes on.
// Both accept `<< "more context"` like any GoogleTest assertion.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

namespace crucible::gtest {

// The property checks beyond the linear pass (`crucible verify --walks --seed --idempotence
// --no-data --data-rows`), with verify's defaults: the data check on, walks and idempotence off.
// A fixed seed by default: a test sees the same walks and rows every run.
struct Options {
  int walks = 0;             // random walks up and down the versions (check `walk`)
  uint64_t seed = 0;         // same seed, same walks and generated rows
  bool idempotence = false;  // apply each forward twice (check `idempotence`)
  bool data = true;          // fill tables with rows and compare them (check `data`)
  int data_rows = 30;        // rows generated per table for `data`
  std::string format = "auto";  // "sql", "lua", "helium" or detected
};

// One argument after the path: an engine spec or the options (the last options given win).
class Arg {
 public:
  Arg(const char* engine) : value_(std::string(engine)) {}
  Arg(std::string engine) : value_(std::move(engine)) {}
  Arg(Options options) : value_(std::move(options)) {}

  const std::string* engine() const { return std::get_if<std::string>(&value_); }
  const Options* options() const { return std::get_if<Options>(&value_); }

 private:
  std::variant<std::string, Options> value_;
};

// Loads, verifies and reports; success when every check passed or was skipped on every engine.
::testing::AssertionResult migrations_verify(const std::string& path, const std::vector<Arg>& args);

}  // namespace crucible::gtest

#define CRUCIBLE_MIGRATIONS_VERIFY_(on_failure, path, ...)                                    \
  GTEST_AMBIGUOUS_ELSE_BLOCKER_                                                               \
  if (const ::testing::AssertionResult crucible_gtest_result =                                \
          ::crucible::gtest::migrations_verify(path, {__VA_ARGS__}))                          \
    ;                                                                                         \
  else                                                                                        \
    on_failure(crucible_gtest_result.message())

#define EXPECT_MIGRATIONS_VERIFY(path, ...) \
  CRUCIBLE_MIGRATIONS_VERIFY_(GTEST_NONFATAL_FAILURE_, path __VA_OPT__(, ) __VA_ARGS__)
#define ASSERT_MIGRATIONS_VERIFY(path, ...) \
  CRUCIBLE_MIGRATIONS_VERIFY_(GTEST_FATAL_FAILURE_, path __VA_OPT__(, ) __VA_ARGS__)
