// Every check name a report can carry (Result::check), each defined once. They are values of the
// JSON report contract (docs/DESIGN.md, "The JSON report contract"): other tools match on them,
// so a name is added, never renamed.
#pragma once

namespace crucible::check {

// The verify loop (harness/checks/verify.cc), for every migration on every engine, in this order.
inline constexpr char kForward[] = "forward";      // the forward (up) script applies
inline constexpr char kReverse[] = "reverse";      // the reverse (down) script exists and applies
inline constexpr char kRoundtrip[] = "roundtrip";  // after the reverse, the schema is as before
inline constexpr char kReapply[] = "reapply";      // a second forward gives the first one's schema
inline constexpr const char* kLinear[] = {kForward, kReverse, kRoundtrip, kReapply};

// The checks that run after the verify loop, each for the migrations the loop passed.
inline constexpr char kVerify[] = "verify";            // its verify script (sqitch) succeeds
inline constexpr char kIdempotence[] = "idempotence";  // a second forward changes nothing
inline constexpr char kWalk[] = "walk";                // random up/down walks reach the same schema
inline constexpr char kData[] = "data";                // generated rows survive forward and reverse

// crucible merge-check: two branches' new migrations against each other. All but kCommute are
// judged from git alone and reported under the engine name "git".
inline constexpr char kVersionConflict[] = "version-conflict";  // both branches took one version
inline constexpr char kOutOfOrder[] = "out-of-order";  // a branch's version sorts before main's new
inline constexpr char kHeads[] = "heads";  // the merged revision graph (Alembic) has one head
inline constexpr char kCommute[] = "commute";          // both orders give the same schema

// A migration program names its own checks (ProgramCheck in harness/migration/migration.h): the
// Helium emulation reports "diagram" (harness/lua/helium/server.cc), which sits below checks/.

}  // namespace crucible::check
