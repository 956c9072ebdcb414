#include "harness/checks/result.h"

namespace crucible {

std::string_view status_name(Status status) {
  switch (status) {
    case Status::pass: return "pass";
    case Status::fail: return "fail";
    case Status::error: return "error";
    case Status::skip: return "skip";
  }
  return "?";
}

std::optional<Status> parse_status(std::string_view name) {
  for (Status s : {Status::pass, Status::fail, Status::error, Status::skip})
    if (status_name(s) == name) return s;
  return std::nullopt;
}

Result result_for(std::string engine, const Migration& m, std::string check, Status status,
                  std::string message) {
  Result r;
  r.engine = std::move(engine);
  r.migration = m.version;
  r.name = m.name;
  r.check = std::move(check);
  r.status = status;
  r.message = std::move(message);
  return r;
}

Summary Report::summary() const {
  Summary summary;
  for (const EngineRun& run : engines)
    for (const Result& result : run.results) {
      switch (result.status) {
        case Status::pass: ++summary.pass; break;
        case Status::fail: ++summary.fail; break;
        case Status::error: ++summary.error; break;
        case Status::skip: ++summary.skip; break;
      }
    }
  return summary;
}

int Report::exit_code() const {
  Summary s = summary();
  for (const EngineRun& run : engines)
    if (run.status != "ok") return 2;
  return s.fail + s.error > 0 ? 1 : 0;
}

}  // namespace crucible
