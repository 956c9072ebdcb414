#include "harness/engines/postgres/postgres_live_runs.h"

#include <cstdint>

#include <fmt/format.h>

namespace crucible::postgres {
namespace {

// The first half of the two-key advisory lock: "Cruc", so that the locks read as ours.
constexpr int32_t kCrucibleLockSpace = 0x43727563;

}  // namespace

std::string live_run_lock_sql(const std::string& run_id) {
  uint32_t run = static_cast<uint32_t>(std::stoul(run_id, nullptr, 16));
  return fmt::format("SELECT pg_advisory_lock_shared({}, {})", kCrucibleLockSpace,
                     static_cast<int32_t>(run));
}

std::set<std::string> live_runs(AdminSession& admin) {
  // pg_locks lists every database's locks; the second key shows as an unsigned objid.
  std::set<std::string> runs;
  for (const auto& row : admin.exec(fmt::format(
           "SELECT DISTINCT objid::bigint FROM pg_locks WHERE locktype = 'advisory' "
           "AND classid = {} AND objsubid = 2 AND granted",
           kCrucibleLockSpace)))
    runs.insert(fmt::format("{:08x}", row[0].as<uint64_t>()));
  return runs;
}

}  // namespace crucible::postgres
