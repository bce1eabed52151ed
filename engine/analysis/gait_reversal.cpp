#include "engine/analysis/gait_reversal.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace rg {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Index k modulo n, in [0, n).
int wrap(long k, int n) {
    const long r = k % n;
    return int(r < 0 ? r + n : r);
}

/// The samples of one period: the curve without its repeated end sample when it has one.
std::vector<double> onePeriod(const std::vector<double>& x, bool endpoint_repeated) {
    return endpoint_repeated ? std::vector<double>(x.begin(), x.end() - 1) : x;
}

/// The best circular alignment of b onto a (both one period of n samples): the shift with the
/// largest Pearson correlation (the first such shift on a tie). `reversed`: a[k] against
/// b[(s − k) mod n]; otherwise a[k] against b[(k + s) mod n].
CurveAlignment bestAlignment(const std::vector<double>& a, const std::vector<double>& b, bool reversed) {
    const int n = int(a.size());
    CurveAlignment best{kNaN, kNaN};
    std::vector<double> y(n);
    for (int s = 0; s < n; ++s) {
        for (int k = 0; k < n; ++k) y[k] = b[wrap(reversed ? long(s) - k : long(k) + s, n)];
        const double r = pearsonCorrelation(a, y);
        if (std::isnan(r)) return {kNaN, kNaN};   // a constant (or non-finite) curve: undefined at every shift
        if (std::isnan(best.correlation) || r > best.correlation) best = {r, 100.0 * s / n};
    }
    return best;
}

nlohmann::json orNull(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

} // namespace

double pearsonCorrelation(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() != y.size())
        throw std::invalid_argument("pearsonCorrelation: sequences of different lengths (" + std::to_string(x.size()) +
                                    " and " + std::to_string(y.size()) + ")");
    if (x.size() < 2) throw std::invalid_argument("pearsonCorrelation: needs at least 2 samples");
    const double n = double(x.size());
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i])) return kNaN;
        mx += x[i];
        my += y[i];
    }
    mx /= n;
    my /= n;
    // Centred sums (two passes: no cancellation between large means and small variations).
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double dx = x[i] - mx, dy = y[i] - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    // A curve whose deviations from its mean are at rounding level has no shape to correlate:
    // its "variance" would be rounding noise. Relative threshold on the mean square.
    auto flat = [&](double sum_sq, double m) { return sum_sq <= n * 1e-24 * (1.0 + m * m); };
    if (flat(sxx, mx) || flat(syy, my)) return kNaN;
    const double r = sxy / std::sqrt(sxx * syy);
    return std::max(-1.0, std::min(1.0, r));   // rounding may step just outside [-1, 1]
}

std::vector<double> reversedAndShifted(const std::vector<double>& b, int shift_samples, bool endpoint_repeated) {
    if (b.size() < (endpoint_repeated ? 2u : 1u)) throw std::invalid_argument("reversedAndShifted: empty curve");
    const std::vector<double> p = onePeriod(b, endpoint_repeated);
    const int n = int(p.size());
    std::vector<double> y(n);
    for (int k = 0; k < n; ++k) y[k] = p[wrap(long(shift_samples) - k, n)];
    if (endpoint_repeated) y.push_back(y.front());
    return y;
}

GaitReversal gaitReversal(const std::vector<double>& a, const std::vector<double>& b, bool endpoint_repeated) {
    if (a.size() != b.size())
        throw std::invalid_argument("gaitReversal: the curves have different lengths (" + std::to_string(a.size()) + " and " +
                                    std::to_string(b.size()) + " samples); both must be sampled at the same phases");
    const std::size_t min_size = endpoint_repeated ? 4 : 3;
    if (a.size() < min_size)
        throw std::invalid_argument("gaitReversal: " + std::to_string(a.size()) + " samples are too few (at least " +
                                    std::to_string(min_size) + ")");
    const std::vector<double> pa = onePeriod(a, endpoint_repeated), pb = onePeriod(b, endpoint_repeated);
    GaitReversal g;
    g.samples_per_cycle = int(pa.size());
    g.reversed = bestAlignment(pa, pb, true);
    g.unreversed = bestAlignment(pa, pb, false);
    return g;
}

const std::vector<std::pair<std::string, std::string>>& gaitReversalCurves() {
    static const std::vector<std::pair<std::string, std::string>> curves{{"hip_flexion", "hip_flexion_deg_mean"},
                                                                         {"knee_flexion", "knee_flexion_deg_mean"}};
    return curves;
}

nlohmann::json gaitReversalSummary(const nlohmann::json& fw, const Table& fw_cycle, const nlohmann::json& bw,
                                   const Table& bw_cycle) {
    // Why the values cannot be computed, if they cannot: the walk must have gone on without a
    // fall (or a numerical failure) and have complete strides, so there is a mean cycle.
    std::string missing;
    const std::pair<const char*, std::pair<const nlohmann::json*, const Table*>> gaits[2] = {{"forward", {&fw, &fw_cycle}},
                                                                                            {"backward", {&bw, &bw_cycle}}};
    for (const auto& [name, run] : gaits) {
        const nlohmann::json& s = *run.first;
        const Table& cycle = *run.second;
        std::string why;
        if (s.value("fell", false))
            why = "fell";
        else if (s.value("status", std::string("completed")) == "numerical_failure")
            why = "ended in a numerical failure";
        else if (!s.contains("strides") || s["strides"].is_null() || cycle.rows() == 0)
            why = "has no complete stride";
        if (!why.empty()) missing += (missing.empty() ? "" : "; ") + std::string(name) + " " + why;
    }

    const bool gaits_ok = missing.empty();
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [joint, column] : gaitReversalCurves()) {
        nlohmann::json j = {{"correlation_reversed", nullptr},
                            {"shift_percent", nullptr},
                            {"correlation_unreversed", nullptr},
                            {"shift_percent_unreversed", nullptr}};
        if (gaits_ok && (!fw_cycle.has(column) || !bw_cycle.has(column))) {
            missing += (missing.empty() ? "no " : "; no ") + column + " in the gait-cycle tables";
        } else if (gaits_ok) {
            const GaitReversal g = gaitReversal(fw_cycle.col(column), bw_cycle.col(column), true);
            j["correlation_reversed"] = orNull(g.reversed.correlation);
            j["shift_percent"] = orNull(g.reversed.shift_percent);
            j["correlation_unreversed"] = orNull(g.unreversed.correlation);
            j["shift_percent_unreversed"] = orNull(g.unreversed.shift_percent);
            if (std::isnan(g.reversed.correlation))
                missing += (missing.empty() ? "" : "; ") + joint + ": a constant curve (correlation undefined)";
        }
        out[joint] = j;
    }
    std::string curves;
    for (const auto& c : gaitReversalCurves()) curves += (curves.empty() ? "" : ", ") + c.second;
    out["curves"] = curves + " of forward/ and backward/ gait_cycle.csv (0-100 % of the cycle, both legs)";
    out["missing_reason"] = missing.empty() ? nlohmann::json(nullptr) : nlohmann::json(missing);
    return out;
}

} // namespace rg
