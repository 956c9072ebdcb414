// JUnit XML, in the schema Jenkins, GitLab and GitHub read:
//   <testsuites tests failures errors skipped time>
//     <testsuite name="crucible.<engine>" ...>   one per engine, no hostname
//       <properties> server_version, dsn (redacted), notes </properties>
//       <testcase classname="<engine>.<migration>_<name>" name="<check>" time="seconds">
//         fail  -> <failure message="...">the diff in words, then as JSON</failure>
//         error -> <error message="..." type="SQLSTATE">engine error, statement, file:line</error>
//         skip  -> <skipped message="reason"/>
// An engine that could not run at all gets one errored testcase named "connect", so CI shows it.
// Text is valid UTF-8 XML 1.0: characters XML forbids are replaced by U+FFFD.
#pragma once

#include <string>

#include "harness/checks/result.h"

namespace crucible {

std::string junit_xml(const Report& report);

// Throws crucible::Error naming the path when the file cannot be written.
void write_junit_report(const Report& report, const std::string& path);

}  // namespace crucible
