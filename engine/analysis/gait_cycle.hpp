#pragma once
/// Signals over the gait cycle: time normalisation (0–100 % of a stride), mean ± SD over
/// strides, and integrals over a window (time averages, positive and negative work). Every
/// signal is treated as piecewise linear between its samples.
#include <vector>

namespace rg {

constexpr int kCyclePoints = 101;   ///< 0, 1, ..., 100 % of the gait cycle

/// Value of x at `time` (linear interpolation; clamped to the first and last samples).
double interpolateAt(const std::vector<double>& t, const std::vector<double>& x, double time);

/// x over [t0, t1] resampled at `points` evenly spaced instants (0 % … 100 %).
std::vector<double> normaliseToCycle(const std::vector<double>& t, const std::vector<double>& x, double t0, double t1,
                                     int points = kCyclePoints);

struct MeanSd {
    std::vector<double> mean, sd;   ///< sd: sample standard deviation (n − 1); 0 for a single curve
};
/// Point-by-point mean and SD of equally long curves (empty input: empty result).
MeanSd meanSd(const std::vector<std::vector<double>>& curves);

/// Mean and sample SD of numbers (NaN when empty; SD 0 for one value).
double mean(const std::vector<double>& v);
double sampleSd(const std::vector<double>& v);

/// Integral of x over [t0, t1].
double integrate(const std::vector<double>& t, const std::vector<double>& x, double t0, double t1);
/// Time average of x over [t0, t1].
double timeAverage(const std::vector<double>& t, const std::vector<double>& x, double t0, double t1);
/// Largest and smallest value of x over [t0, t1] (samples inside plus the interpolated ends).
double maxOver(const std::vector<double>& t, const std::vector<double>& x, double t0, double t1);
double minOver(const std::vector<double>& t, const std::vector<double>& x, double t0, double t1);

/// Positive and negative work (J, or J/kg for power in W/kg) of a power signal over [t0, t1]:
/// the integrals of its positive and negative parts, split exactly at zero crossings.
struct Work {
    double positive = 0;   ///< ≥ 0
    double negative = 0;   ///< ≤ 0
};
Work integrateWork(const std::vector<double>& t, const std::vector<double>& power, double t0, double t1);

} // namespace rg
