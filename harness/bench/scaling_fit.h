// How a migration's time grows with the rows of the tables it touches: least squares of
// t = a + b·f(n) for f(n) ∈ {1, n, n·log n}, the simplest model that explains the points, and
// its extrapolation to a size nobody wants to wait for.
#pragma once

#include <string_view>
#include <vector>

namespace crucible::bench {

enum class ScalingModel { constant, linear, n_log_n };

std::string_view model_name(ScalingModel model);  // "constant", "linear", "n log n"

struct ScalingPoint {
  double rows = 0;
  double seconds = 0;
};

struct ScalingFit {
  ScalingModel model = ScalingModel::constant;
  double a = 0;  // seconds
  double b = 0;  // seconds per f(n); 0 for constant
  // The usual coefficient of determination of the chosen model. A constant explains none of the
  // variance by definition, so it is 0 there (1 when every point is equal).
  double r_squared = 0;
  // Root-mean-square residual relative to the mean time: comparable across models, and the
  // honest quality figure for a constant fit.
  double relative_error = 0;
  // Distinct sizes measured. Through two, every two-parameter model passes exactly: the model is
  // then linear by choice and R² says nothing (it is 1).
  int sizes = 0;

  double predict(double rows) const;
};

// Fits the points (at least one; sizes need not be distinct). Linear is preferred to n·log n
// unless n·log n halves the residual (never with fewer than three sizes), and constant is
// chosen when no growing model explains most of the variance or the growth it predicts across
// the measured sizes is under a quarter of the mean time (noise on a catalog-only change: ±3 ms
// on 17 ms is not a slope).
ScalingFit fit_scaling(const std::vector<ScalingPoint>& points);

// The constant model alone: for times that cannot depend on the rows (nothing was filled).
ScalingFit fit_constant(const std::vector<ScalingPoint>& points);

}  // namespace crucible::bench
