#pragma once
/// "Is backward walking forward walking played backwards?" (issue 4, outcome 5).
///
/// Given two mean gait-cycle curves of one joint angle, A (forward walking) and B (backward
/// walking), both sampled at evenly spaced phases over one cycle, the measure is the Pearson
/// correlation between A and B reversed in time, maximised over circular phase shifts of B.
/// The shift is needed because the two cycles start at different events (each gait's own
/// initial contact: heel first forward, toe first backward), so a curve and its reverse are
/// only comparable once their phases are aligned. The same maximisation without the time
/// reversal is reported for contrast. Definitions in engine/analysis/ANALYSES.md.
#include "engine/io/table.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace rg {

/// The best alignment of curve B (reversed in time, or not) onto curve A.
struct CurveAlignment {
    /// Pearson correlation at the best shift, in [-1, 1]; NaN when undefined (a constant curve).
    double correlation = 0;
    /// The best circular shift s as a percent of the cycle, in [0, 100); NaN when undefined.
    /// Reversed: A at phase φ is compared with B at phase (s − φ) mod 100 %. Not reversed: A at
    /// phase φ is compared with B at phase (φ + s) mod 100 %.
    double shift_percent = 0;
};

struct GaitReversal {
    CurveAlignment reversed;     ///< A against B played backwards in time
    CurveAlignment unreversed;   ///< A against B as it is (for contrast)
    int samples_per_cycle = 0;   ///< n: the shift's resolution is 100 / n percent
};

/// The reversal measure of curves A and B, equally long (else std::invalid_argument), with at
/// least 3 samples per cycle. `endpoint_repeated` (the layout of gait_cycle.csv, 0, 1, …,
/// 100 %): the last sample is the cycle's end, i.e. the same phase as the first, and is left
/// out, so the remaining n samples cover exactly one period. Without it all n samples are one
/// period. Shifts are whole samples. A non-finite sample or a constant curve gives NaN.
GaitReversal gaitReversal(const std::vector<double>& a, const std::vector<double>& b, bool endpoint_repeated = true);

/// Pearson correlation of two equally long sequences (NaN when either has zero variance or
/// a value is not finite; std::invalid_argument when the lengths differ or are below 2).
double pearsonCorrelation(const std::vector<double>& x, const std::vector<double>& y);

/// B reversed in time and shifted circularly by `shift_samples`: y[k] = B[(shift − k) mod n],
/// over the n samples of one period (with `endpoint_repeated`, the last sample of the result
/// repeats its first, like the input). This is the curve that gaitReversal() correlates with A.
std::vector<double> reversedAndShifted(const std::vector<double>& b, int shift_samples, bool endpoint_repeated = true);

/// The joint angles the compare summary reports, as gait_cycle.csv signals (pooled over both
/// legs): {"hip_flexion", "hip_flexion_deg_mean"}, {"knee_flexion", "knee_flexion_deg_mean"}.
const std::vector<std::pair<std::string, std::string>>& gaitReversalCurves();

/// The compare summary's "gait_reversal" object from the forward and backward runs' summaries
/// and gait-cycle tables (RunAnalysis::cycle): per joint { "correlation_reversed",
/// "shift_percent", "correlation_unreversed", "shift_percent_unreversed" } (null where
/// undefined), plus "curves" (what was compared) and "missing_reason" (null, or why values are
/// null: a gait fell, ended in a numerical failure or has no complete stride; a curve is
/// missing or constant).
nlohmann::json gaitReversalSummary(const nlohmann::json& forward_summary, const Table& forward_cycle,
                                   const nlohmann::json& backward_summary, const Table& backward_cycle);

} // namespace rg
