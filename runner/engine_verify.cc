#include "runner/engine_verify.h"

#include <string>

#include "harness/common/error.h"

namespace crucible {

EngineRun verify_on_engine(const Dsn& dsn, const EngineOptions& engine_options,
                           const MigrationSet& set, const VerifyOptions& options,
                           const PropertyOptions& properties) {
  EngineRun run;
  try {
    auto connect = [&] { return connect_engine(dsn, engine_options); };
    auto engine = connect();
    run = verify_with_property_checks(*engine, connect, set, options, properties);
  } catch (const Error& e) {
    run = EngineRun{};
    run.engine = std::string(engine_name(dsn.kind));
    run.dsn = dsn.redacted();
    run.status = "error";
    run.message = e.what();
  }
  run.session = dsn.session;
  return run;
}

}  // namespace crucible
