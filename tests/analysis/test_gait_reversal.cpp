// The gait-reversal measure (engine/analysis/gait_reversal): correlation between one curve and
// another played backwards in time, maximised over circular shifts; closed-form cases.
#include "engine/analysis/gait_reversal.hpp"
#include "engine/core/units.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

using namespace rg;

namespace {
/// f over 0, 1, …, 100 % of the cycle (θ = 2π·percent/100), the layout of gait_cycle.csv: the
/// last sample is θ = 2π, the same phase as the first.
std::vector<double> cycle(const std::function<double(double)>& f) {
    std::vector<double> x(101);
    for (int i = 0; i <= 100; ++i) x[i] = f(2 * kPi * i / 100.0);
    return x;
}
/// A curve with no time symmetry: cos θ − sin 2θ (the phases of its harmonics differ).
double asymmetric(double th) { return std::cos(th) - std::sin(2 * th); }
} // namespace

TEST_CASE("gait reversal: a curve against its exact time reverse, circularly shifted, correlates 1 at that shift", "[analysis]") {
    // A richer asymmetric curve (a third harmonic as well), so only one shift matches.
    const auto a = cycle([](double th) { return asymmetric(th) + 0.3 * std::cos(3 * th + 0.7); });
    for (int shift : {0, 1, 37, 50, 99}) {
        INFO("shift " << shift << " %");
        // b is a played backwards, shifted by `shift` samples, scaled and offset (Pearson
        // correlation ignores both): b[k] = 3·a[(shift − k) mod 100] + 12.
        std::vector<double> b(101);
        for (int k = 0; k < 100; ++k) b[k] = 3.0 * a[((shift - k) % 100 + 100) % 100] + 12.0;
        b[100] = b[0];
        const GaitReversal g = gaitReversal(a, b);
        CHECK(g.samples_per_cycle == 100);
        CHECK(g.reversed.correlation == Approx(1.0).margin(1e-12));
        CHECK(g.reversed.shift_percent == Approx(shift).margin(1e-12));
        // The alignment the measure reports gives a back, up to the scale and offset.
        const auto y = reversedAndShifted(b, shift);
        REQUIRE(y.size() == 101);
        for (int k = 0; k <= 100; ++k) CHECK(y[k] == Approx(3.0 * a[k] + 12.0).margin(1e-12));
        // Not reversed, the curve does not match itself played backwards.
        CHECK(g.unreversed.correlation < 0.9);
    }
}

TEST_CASE("gait reversal: a time-asymmetric curve against itself is far from its own reverse", "[analysis]") {
    // a = cos θ − sin 2θ. Against itself played backwards and shifted by s (radians),
    // corr = Σ c_n² cos(n s + 2φ_n) / Σ c_n² with c = (1, 1), φ = (0, π/2):
    // r(s) = (cos s − cos 2s) / 2, largest where cos s = 1/4: r = 9/16 at s = ±1.318 rad
    // (±20.98 % of the cycle). On whole-percent shifts (sums over a full period are exact for
    // these harmonics) the best is 21 % or 79 % (r(s) = r(−s)).
    const auto a = cycle(asymmetric);
    const GaitReversal g = gaitReversal(a, a);
    const double s21 = 2 * kPi * 0.21;
    const double expected = (std::cos(s21) - std::cos(2 * s21)) / 2;
    CHECK(expected == Approx(9.0 / 16.0).margin(1e-3));
    CHECK(g.reversed.correlation == Approx(expected).margin(1e-12));
    CHECK(g.reversed.correlation < 0.6);
    const bool at_21_or_79 = std::abs(g.reversed.shift_percent - 21) < 1e-9 || std::abs(g.reversed.shift_percent - 79) < 1e-9;
    CHECK(at_21_or_79);
    // Not reversed, it is itself at shift 0.
    CHECK(g.unreversed.correlation == Approx(1.0).margin(1e-12));
    CHECK(g.unreversed.shift_percent == 0);
    // Any shift of the reverse agrees with the closed form (over one period: 0 … 99 %).
    const std::vector<double> a_period(a.begin(), a.end() - 1);
    for (int s : {0, 10, 33, 50, 75}) {
        const double th = 2 * kPi * s / 100.0;
        const auto y = reversedAndShifted(a, s);
        CHECK(y.back() == y.front());
        CHECK(pearsonCorrelation(a_period, std::vector<double>(y.begin(), y.end() - 1)) ==
              Approx((std::cos(th) - std::cos(2 * th)) / 2).margin(1e-12));
    }
}

TEST_CASE("gait reversal: a sine played backwards is minus the sine, i.e. the sine half a cycle on", "[analysis]") {
    // sin(−θ) = −sin θ = sin(θ + π): reversed, the sine matches itself at a shift of 50 %
    // (y[k] = a[(50 − k) mod 100] = sin(π − θ_k) = sin θ_k), and anti-matches at 0 %.
    const auto a = cycle([](double th) { return std::sin(th); });
    const GaitReversal g = gaitReversal(a, a);
    CHECK(g.reversed.correlation == Approx(1.0).margin(1e-12));
    CHECK(g.reversed.shift_percent == Approx(50.0).margin(1e-12));
    CHECK(g.unreversed.correlation == Approx(1.0).margin(1e-12));
    CHECK(g.unreversed.shift_percent == 0);
    const auto y0 = reversedAndShifted(a, 0);
    CHECK(pearsonCorrelation(std::vector<double>(a.begin(), a.end() - 1), std::vector<double>(y0.begin(), y0.end() - 1)) ==
          Approx(-1.0).margin(1e-12));
    // A cosine is symmetric about 0 %: its own reverse without a shift.
    const GaitReversal c = gaitReversal(cycle([](double th) { return std::cos(th); }), cycle([](double th) { return std::cos(th); }));
    CHECK(c.reversed.correlation == Approx(1.0).margin(1e-12));
    CHECK(c.reversed.shift_percent == 0);
}

TEST_CASE("gait reversal: the curves' sampling (with or without the repeated 100 % sample)", "[analysis]") {
    // Without the repeated end: all samples are one period; 50 samples give 2 % steps.
    std::vector<double> a(50), b(50);
    for (int k = 0; k < 50; ++k) a[k] = asymmetric(2 * kPi * k / 50.0);
    for (int k = 0; k < 50; ++k) b[k] = a[((12 - k) % 50 + 50) % 50];
    const GaitReversal g = gaitReversal(a, b, false);
    CHECK(g.samples_per_cycle == 50);
    CHECK(g.reversed.correlation == Approx(1.0).margin(1e-12));
    CHECK(g.reversed.shift_percent == Approx(24.0).margin(1e-12));
}

TEST_CASE("gait reversal: undefined for a constant curve (NaN), an error for unequal lengths", "[analysis]") {
    const auto a = cycle(asymmetric);
    const std::vector<double> flat(101, 0.1);   // 0.1 is not exact in binary: the mean has rounding
    for (const GaitReversal& g : {gaitReversal(a, flat), gaitReversal(flat, a), gaitReversal(flat, flat)}) {
        CHECK(std::isnan(g.reversed.correlation));
        CHECK(std::isnan(g.reversed.shift_percent));
        CHECK(std::isnan(g.unreversed.correlation));
        CHECK(std::isnan(g.unreversed.shift_percent));
    }
    auto with_nan = a;
    with_nan[40] = std::numeric_limits<double>::quiet_NaN();
    CHECK(std::isnan(gaitReversal(a, with_nan).reversed.correlation));
    CHECK(std::isnan(pearsonCorrelation({1, 1, 1}, {1, 2, 3})));

    CHECK_THROWS_AS(gaitReversal(a, std::vector<double>(100, 1.0)), std::invalid_argument);
    CHECK_THROWS_WITH(gaitReversal(a, std::vector<double>(100, 1.0)), Catch::Contains("different lengths"));
    CHECK_THROWS_AS(gaitReversal({1, 2, 1}, {1, 2, 1}), std::invalid_argument);   // too few samples
    CHECK_THROWS_AS(pearsonCorrelation({1, 2}, {1, 2, 3}), std::invalid_argument);
}

namespace {
Table cycleTable(const std::vector<double>& hip, const std::vector<double>& knee) {
    Table t({"cycle_percent", "hip_flexion_deg_mean", "knee_flexion_deg_mean"});
    for (std::size_t i = 0; i < hip.size(); ++i) t.addRow({double(i), hip[i], knee[i]});
    return t;
}
nlohmann::json walked() { return {{"fell", false}, {"status", "completed"}, {"strides", 10}}; }
} // namespace

TEST_CASE("gait reversal summary: per joint from the runs' mean cycles; null when a gait fell or has no stride", "[analysis]") {
    // Forward: hip = asymmetric curve, knee = sine. Backward: the hip exactly reversed at 63 %,
    // the knee a copy (the sine's reverse matches it at 50 %).
    const auto hip = cycle(asymmetric), knee = cycle([](double th) { return 20 + 30 * std::sin(th); });
    std::vector<double> hip_b(101);
    for (int k = 0; k < 100; ++k) hip_b[k] = hip[((63 - k) % 100 + 100) % 100];
    hip_b[100] = hip_b[0];
    const Table fw = cycleTable(hip, knee), bw = cycleTable(hip_b, knee);

    const auto s = gaitReversalSummary(walked(), fw, walked(), bw);
    CHECK(s["missing_reason"].is_null());
    CHECK(s["curves"].get<std::string>().find("hip_flexion_deg_mean") != std::string::npos);
    CHECK(s["hip_flexion"]["correlation_reversed"].get<double>() == Approx(1.0).margin(1e-12));
    CHECK(s["hip_flexion"]["shift_percent"].get<double>() == Approx(63.0).margin(1e-12));
    CHECK(s["hip_flexion"]["correlation_unreversed"].get<double>() < 0.9);
    CHECK(s["hip_flexion"].contains("shift_percent_unreversed"));
    CHECK(s["knee_flexion"]["correlation_reversed"].get<double>() == Approx(1.0).margin(1e-12));
    CHECK(s["knee_flexion"]["shift_percent"].get<double>() == Approx(50.0).margin(1e-12));
    CHECK(s["knee_flexion"]["correlation_unreversed"].get<double>() == Approx(1.0).margin(1e-12));

    auto allNull = [](const nlohmann::json& j) {
        for (const char* joint : {"hip_flexion", "knee_flexion"})
            for (const char* k : {"correlation_reversed", "shift_percent", "correlation_unreversed", "shift_percent_unreversed"}) {
                INFO(joint << "." << k);
                REQUIRE(j[joint].contains(k));
                CHECK(j[joint][k].is_null());
            }
    };
    auto fell = walked();
    fell["fell"] = true;
    fell["status"] = "fell";
    const auto sf = gaitReversalSummary(walked(), fw, fell, bw);   // the curves exist, but the walk did not go on
    allNull(sf);
    CHECK(sf["missing_reason"] == "backward fell");

    auto standing = walked();
    standing["strides"] = nullptr;
    const auto ss = gaitReversalSummary(standing, cycleTable({}, {}), walked(), bw);
    allNull(ss);
    CHECK(ss["missing_reason"] == "forward has no complete stride");

    // A constant curve: that joint is null and says why; the other is still computed.
    const auto sc = gaitReversalSummary(walked(), cycleTable(hip, std::vector<double>(101, 5.0)), walked(), bw);
    CHECK(sc["knee_flexion"]["correlation_reversed"].is_null());
    CHECK(sc["hip_flexion"]["correlation_reversed"].get<double>() == Approx(1.0).margin(1e-12));
    CHECK(sc["missing_reason"].get<std::string>().find("knee_flexion") != std::string::npos);
}
