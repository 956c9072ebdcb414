// Edge values (unit): at a type's own limits they leave a counter room to count, yet stay past
// every narrower type, so that a reverse narrowing a column still meets a value it cannot hold.
#include "harness/data/value_generator.h"

#include <cstdint>
#include <limits>
#include <random>

#include <gtest/gtest.h>

#include "harness/data/check_domain.h"

namespace crucible::data {
namespace {

// The largest of 3,000 values drawn for `type` (about 330 of them edges).
int64_t largest_drawn(const ColumnType& type) {
  std::mt19937_64 random(5);
  ValueGenerator values(random);
  int64_t largest = std::numeric_limits<int64_t>::min();
  for (int i = 0; i < 3000; ++i)
    if (auto v = values.value(type)) largest = std::max(largest, std::get<int64_t>(*v));
  return largest;
}

TEST(ValueGeneratorEdges, AnUnsignedIntReachesPastTheSignedIntAndAnIntPastASmallint) {
  EXPECT_GT(largest_drawn(classify_type("int unsigned", EngineKind::mariadb)), INT32_MAX);
  EXPECT_GT(largest_drawn(classify_type("integer", EngineKind::postgres)), INT16_MAX);
  EXPECT_GT(largest_drawn(classify_type("bigint", EngineKind::postgres)), INT32_MAX);
}

TEST(ValueGeneratorEdges, ATypesOwnLimitLeavesRoomToCount) {
  EXPECT_LT(largest_drawn(classify_type("bigint", EngineKind::postgres)), INT64_MAX - 1000000);
  EXPECT_LT(largest_drawn(classify_type("integer", EngineKind::postgres)), INT32_MAX - 1000000);
}

TEST(ValueGeneratorEdges, ACheckBoundIsAnEdgeAsItIs) {
  ColumnType type = narrow_to_checks(classify_type("integer", EngineKind::postgres), "qty",
                                     {catalog::Check{"", false, "(qty <= 1000)"}},
                                     EngineKind::postgres);
  EXPECT_EQ(largest_drawn(type), 1000);
}

}  // namespace
}  // namespace crucible::data
