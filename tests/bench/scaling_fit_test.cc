// The scaling fit picks the simplest model that explains the points and extrapolates with it.
#include <gtest/gtest.h>

#include <cmath>

#include "harness/bench/scaling_fit.h"

namespace crucible::bench {
namespace {

std::vector<ScalingPoint> points(const std::vector<double>& sizes, double (*f)(double)) {
  std::vector<ScalingPoint> out;
  for (double n : sizes) out.push_back({n, f(n)});
  return out;
}

const std::vector<double> kSizes = {1e4, 3e4, 1e5, 3e5, 1e6};

TEST(ScalingFit, ExactLinearDataIsLinearWithRSquaredOne) {
  ScalingFit fit = fit_scaling(points(kSizes, [](double n) { return 0.002 + 3e-6 * n; }));
  EXPECT_EQ(fit.model, ScalingModel::linear);
  EXPECT_NEAR(fit.r_squared, 1.0, 1e-9);
  EXPECT_NEAR(fit.a, 0.002, 1e-9);
  EXPECT_NEAR(fit.b, 3e-6, 1e-12);
  EXPECT_NEAR(fit.predict(1e7), 0.002 + 30, 1e-6);
  EXPECT_LT(fit.relative_error, 1e-9);
}

TEST(ScalingFit, ExactNLogNDataIsNLogN) {
  ScalingFit fit =
      fit_scaling(points(kSizes, [](double n) { return 0.01 + 1e-7 * n * std::log(n); }));
  EXPECT_EQ(fit.model, ScalingModel::n_log_n);
  EXPECT_NEAR(fit.r_squared, 1.0, 1e-9);
  EXPECT_NEAR(fit.predict(1e7), 0.01 + 1e-7 * 1e7 * std::log(1e7), 1e-6);
}

// Two sizes: linear and n·log n both pass through both points, and the smaller residual is
// rounding noise (the bench once reported "n log n, R² 1.000" from two sizes).
TEST(ScalingFit, TwoSizesAreLinearAndSaySo) {
  for (auto f : {+[](double n) { return 0.01 + 1e-7 * n * std::log(n); },
                 +[](double n) { return 0.002 + 3e-6 * n; }}) {
    ScalingFit fit = fit_scaling(points({1e5, 1e6}, f));
    EXPECT_EQ(fit.model, ScalingModel::linear);
    EXPECT_EQ(fit.sizes, 2);
    EXPECT_NEAR(fit.predict(1e5), f(1e5), 1e-9);
    EXPECT_NEAR(fit.predict(1e6), f(1e6), 1e-9);
  }
  EXPECT_EQ(fit_scaling(points(kSizes, [](double n) { return 1e-6 * n; })).sizes, 5);
}

TEST(ScalingFit, FlatDataIsConstant) {
  ScalingFit fit = fit_scaling(points(kSizes, [](double) { return 0.004; }));
  EXPECT_EQ(fit.model, ScalingModel::constant);
  EXPECT_DOUBLE_EQ(fit.r_squared, 1.0);  // nothing left to explain
  EXPECT_NEAR(fit.predict(1e9), 0.004, 1e-12);
}

TEST(ScalingFit, NoisyFlatDataIsConstantEvenWhenASlopeFitsTheNoise) {
  // Rising by 4 % across a 100x range: a metadata-only change measured on a busy machine.
  std::vector<ScalingPoint> noisy = {{1e4, 0.0100}, {1e5, 0.0102}, {1e6, 0.0104}};
  ScalingFit fit = fit_scaling(noisy);
  EXPECT_EQ(fit.model, ScalingModel::constant);
  EXPECT_NEAR(fit.a, 0.0102, 1e-9);
  EXPECT_LT(fit.relative_error, 0.02);
}

TEST(ScalingFit, JitterOfACatalogOnlyChangeIsConstant) {
  // Measured: PostgreSQL ADD COLUMN (nullable, no default) at 10^4, 10^5, 10^6 rows on a busy
  // machine. A line fits it with R² 0.8, but 3 ms on 17 ms is jitter, not growth.
  ScalingFit fit = fit_scaling({{1e4, 0.0174}, {1e5, 0.0159}, {1e6, 0.0197}});
  EXPECT_EQ(fit.model, ScalingModel::constant);
}

TEST(ScalingFit, ShrinkingTimesAreConstantNotNegativeGrowth) {
  ScalingFit fit = fit_scaling({{1e4, 0.03}, {1e5, 0.02}, {1e6, 0.01}});
  EXPECT_EQ(fit.model, ScalingModel::constant);
}

TEST(ScalingFit, NoisyLinearDataStaysLinear) {
  std::vector<ScalingPoint> noisy = {{1e4, 0.011}, {1e5, 0.098}, {1e6, 1.02}, {3e6, 2.95}};
  ScalingFit fit = fit_scaling(noisy);
  EXPECT_EQ(fit.model, ScalingModel::linear);
  EXPECT_GT(fit.r_squared, 0.99);
}

TEST(ScalingFit, OnePointIsConstant) {
  ScalingFit fit = fit_scaling({{1000, 0.5}});
  EXPECT_EQ(fit.model, ScalingModel::constant);
  EXPECT_DOUBLE_EQ(fit.predict(1e6), 0.5);
}

TEST(ScalingFit, ModelNames) {
  EXPECT_EQ(model_name(ScalingModel::constant), "constant");
  EXPECT_EQ(model_name(ScalingModel::linear), "linear");
  EXPECT_EQ(model_name(ScalingModel::n_log_n), "n log n");
}

}  // namespace
}  // namespace crucible::bench
