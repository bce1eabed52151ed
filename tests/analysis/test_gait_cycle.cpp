// Gait-cycle normalisation, mean ± SD and work integrals on analytic signals.
#include "engine/analysis/gait_cycle.hpp"
#include "engine/core/units.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace rg;

namespace {
std::vector<double> samples(double t0, double t1, double dt) {
    std::vector<double> t;
    for (int k = 0; t0 + k * dt <= t1 + 1e-12; ++k) t.push_back(t0 + k * dt);
    return t;
}
} // namespace

TEST_CASE("a stride is resampled to 101 points from 0 to 100 % of the cycle", "[analysis]") {
    const auto t = samples(0, 3, 0.005);
    std::vector<double> ramp, wave;
    for (double x : t) {
        ramp.push_back(2.0 * x + 1.0);
        wave.push_back(std::sin(2 * kPi * (x - 0.4123) / 1.1));
    }
    // A stride between samples: [0.4123, 1.5123] s.
    const auto r = normaliseToCycle(t, ramp, 0.4123, 1.5123);
    REQUIRE(r.size() == 101);
    for (int i = 0; i <= 100; ++i) CHECK(r[i] == Approx(2.0 * (0.4123 + 1.1 * i / 100.0) + 1.0).margin(1e-12));
    const auto s = normaliseToCycle(t, wave, 0.4123, 1.5123);
    for (int i = 0; i <= 100; ++i) CHECK(s[i] == Approx(std::sin(2 * kPi * i / 100.0)).margin(5e-4));  // linear interpolation at 200 Hz
}

TEST_CASE("mean and sample SD over strides, point by point", "[analysis]") {
    const std::vector<std::vector<double>> curves{{1, 2, 3}, {3, 2, 1}, {2, 2, 8}};
    const MeanSd m = meanSd(curves);
    CHECK(m.mean == std::vector<double>{2, 2, 4});
    CHECK(m.sd[0] == Approx(1.0));
    CHECK(m.sd[1] == Approx(0.0));
    CHECK(m.sd[2] == Approx(std::sqrt(((3 - 4.) * (3 - 4.) + (1 - 4.) * (1 - 4.) + (8 - 4.) * (8 - 4.)) / 2)));
    CHECK(meanSd({{5, 6}}).sd == std::vector<double>{0, 0});
    CHECK(meanSd({}).mean.empty());
}

TEST_CASE("positive and negative work integrals of analytic joint powers", "[analysis]") {
    // P(t) = A·sin(2πt/T): over one period +A·T/π and −A·T/π.
    const double A = 2.5, T = 1.2;
    const auto t = samples(0, 5, 0.005);
    std::vector<double> p;
    for (double x : t) p.push_back(A * std::sin(2 * kPi * x / T));
    const Work w = integrateWork(t, p, 0.3, 0.3 + T);
    CHECK(w.positive == Approx(A * T / kPi).epsilon(1e-4));   // trapezoid error ~(π·dt/T)²/6
    CHECK(w.negative == Approx(-A * T / kPi).epsilon(1e-4));
    CHECK(integrate(t, p, 0.3, 0.3 + T) == Approx(0).margin(1e-9));

    // Power = moment × angular velocity with M = M0·cos(ωt), θ = θ0·sin(ωt): P = M0·θ0·ω·cos²(ωt) ≥ 0,
    // whose integral over a period is M0·θ0·ω·T/2 = π·M0·θ0.
    std::vector<double> q;
    const double M0 = 1.3, th0 = 0.4, om = 2 * kPi / T;
    for (double x : t) q.push_back(M0 * std::cos(om * x) * th0 * om * std::cos(om * x));
    const Work v = integrateWork(t, q, 1.0, 1.0 + T);
    CHECK(v.positive == Approx(kPi * M0 * th0).epsilon(1e-4));
    CHECK(v.negative == 0.0);

    // A piecewise-linear power crossing zero between samples is integrated exactly.
    const std::vector<double> ts{0, 1, 2, 3}, ps{2, -2, 4, 4};
    const Work x = integrateWork(ts, ps, 0, 3);
    CHECK(x.positive == Approx(0.5 * 2 * 0.5 + 0.5 * 4 * (2.0 / 3) + 4).margin(1e-12));
    CHECK(x.negative == Approx(-(0.5 * 2 * 0.5 + 0.5 * 2 * (1.0 / 3))).margin(1e-12));
    // Windows that cut through samples: interpolated ends.
    CHECK(timeAverage(ts, ps, 2.5, 3) == Approx(4));
    CHECK(maxOver(ts, ps, 0.25, 0.75) == Approx(1));
    CHECK(minOver(ts, ps, 0.25, 1.5) == Approx(-2));
}
