#include "harness/bench/scaling_fit.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace crucible::bench {
namespace {

constexpr double kNLogNMustHalveResidual = 0.5;
constexpr double kMinGrowingRSquared = 0.5;
constexpr double kMinGrowthShareOfMean = 0.25;

double basis(ScalingModel model, double n) {
  switch (model) {
    case ScalingModel::constant: return 0;
    case ScalingModel::linear: return n;
    case ScalingModel::n_log_n: return n > 1 ? n * std::log(n) : 0;
  }
  return 0;
}

struct Candidate {
  ScalingFit fit;
  double rss = 0;  // residual sum of squares
};

double mean_seconds(const std::vector<ScalingPoint>& points) {
  double sum = 0;
  for (const ScalingPoint& p : points) sum += p.seconds;
  return sum / static_cast<double>(points.size());
}

// Ordinary least squares of t = a + b·f(n); nullopt when f does not vary over the points.
std::optional<Candidate> least_squares(const std::vector<ScalingPoint>& points,
                                       ScalingModel model) {
  const double count = static_cast<double>(points.size());
  double mean_f = 0;
  for (const ScalingPoint& p : points) mean_f += basis(model, p.rows) / count;
  const double mean_t = mean_seconds(points);
  double sxx = 0, sxy = 0;
  for (const ScalingPoint& p : points) {
    double dx = basis(model, p.rows) - mean_f;
    sxx += dx * dx;
    sxy += dx * (p.seconds - mean_t);
  }
  if (sxx <= 0) return std::nullopt;
  Candidate c;
  c.fit.model = model;
  c.fit.b = sxy / sxx;
  c.fit.a = mean_t - c.fit.b * mean_f;
  return c;
}

Candidate constant_fit(const std::vector<ScalingPoint>& points) {
  Candidate c;
  c.fit.model = ScalingModel::constant;
  c.fit.a = mean_seconds(points);
  return c;
}

// Fills rss, r_squared and relative_error of `c` on `points`.
void measure(Candidate& c, const std::vector<ScalingPoint>& points) {
  const double mean_t = mean_seconds(points);
  double total = 0;
  c.rss = 0;
  for (const ScalingPoint& p : points) {
    double residual = p.seconds - c.fit.predict(p.rows);
    c.rss += residual * residual;
    total += (p.seconds - mean_t) * (p.seconds - mean_t);
  }
  if (total <= 0)
    c.fit.r_squared = 1;
  else
    c.fit.r_squared = c.fit.model == ScalingModel::constant ? 0 : std::max(0.0, 1 - c.rss / total);
  double rms = std::sqrt(c.rss / static_cast<double>(points.size()));
  c.fit.relative_error = mean_t > 0 ? rms / mean_t : 0;
}

int distinct_sizes(const std::vector<ScalingPoint>& points) {
  std::set<double> sizes;
  for (const ScalingPoint& p : points) sizes.insert(p.rows);
  return static_cast<int>(sizes.size());
}

// The better of the growing models, or nullopt when neither grows. Through two sizes both fit
// exactly, and which residual is "smaller" is rounding noise: linear, the simpler, is taken.
std::optional<Candidate> best_growing(const std::vector<ScalingPoint>& points) {
  std::optional<Candidate> best;
  std::vector<ScalingModel> models = {ScalingModel::linear};
  if (distinct_sizes(points) >= 3) models.push_back(ScalingModel::n_log_n);
  for (ScalingModel model : models) {
    std::optional<Candidate> c = least_squares(points, model);
    if (!c || c->fit.b <= 0) continue;
    measure(*c, points);
    bool clearly_better = !best || c->rss < kNLogNMustHalveResidual * best->rss;
    if (clearly_better) best = c;
  }
  return best;
}

// Growth the model predicts from the smallest to the largest measured size.
double growth_over_range(const ScalingFit& fit, const std::vector<ScalingPoint>& points) {
  auto [lo, hi] = std::minmax_element(points.begin(), points.end(),
      [](const ScalingPoint& x, const ScalingPoint& y) { return x.rows < y.rows; });
  return fit.predict(hi->rows) - fit.predict(lo->rows);
}

}  // namespace

std::string_view model_name(ScalingModel model) {
  switch (model) {
    case ScalingModel::constant: return "constant";
    case ScalingModel::linear: return "linear";
    case ScalingModel::n_log_n: return "n log n";
  }
  return "?";
}

double ScalingFit::predict(double rows) const { return a + b * basis(model, rows); }

ScalingFit fit_constant(const std::vector<ScalingPoint>& points) {
  if (points.empty()) return ScalingFit{};
  Candidate constant = constant_fit(points);
  measure(constant, points);
  constant.fit.sizes = distinct_sizes(points);
  return constant.fit;
}

ScalingFit fit_scaling(const std::vector<ScalingPoint>& points) {
  if (points.empty()) return ScalingFit{};
  ScalingFit constant = fit_constant(points);
  std::optional<Candidate> growing = best_growing(points);
  if (!growing || growing->fit.r_squared < kMinGrowingRSquared ||
      growth_over_range(growing->fit, points) < kMinGrowthShareOfMean * mean_seconds(points))
    return constant;
  growing->fit.sizes = constant.sizes;
  return growing->fit;
}

}  // namespace crucible::bench
