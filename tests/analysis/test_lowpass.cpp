// The zero-lag Butterworth low-pass against its closed-form response.
#include "engine/analysis/lowpass.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

using namespace rg;

namespace {
/// Amplitude and phase (rad) of a unit sine of frequency f after filtering, by projection on
/// sin and cos over whole periods in the middle of a long record (away from the ends).
std::pair<double, double> sineResponse(double f, double fs, double fc) {
    const int n = int(20 * fs);
    std::vector<double> x(n);
    for (int k = 0; k < n; ++k) x[k] = std::sin(2 * M_PI * f * k / fs);
    const auto y = lowpassZeroLag(x, 1.0 / fs, fc);
    const int a = n / 4, m = int(std::lround(10 * fs));  // 10 s: a whole number of periods
    double s = 0, c = 0;
    for (int k = a; k < a + m; ++k) {
        s += y[k] * std::sin(2 * M_PI * f * k / fs);
        c += y[k] * std::cos(2 * M_PI * f * k / fs);
    }
    s *= 2.0 / m;
    c *= 2.0 / m;
    return {std::hypot(s, c), std::atan2(c, s)};
}
} // namespace

TEST_CASE("the zero-lag low-pass has the squared Butterworth response and no phase lag", "[analysis][lowpass]") {
    const double fs = 200, fc = 20;
    for (double f : {2.0, 10.0, 20.0, 40.0, 60.0}) {
        DYNAMIC_SECTION(f << " Hz") {
            const auto [amp, phase] = sineResponse(f, fs, fc);
            // The bilinear transform pre-warps fc exactly; other frequencies follow the analogue
            // response through tan(π f / fs): |H|² = 1 / (1 + (tan(π f/fs) / tan(π fc/fs))^4).
            const double w = std::tan(M_PI * f / fs) / std::tan(M_PI * fc / fs);
            CHECK(amp == Approx(1.0 / (1.0 + std::pow(w, 4))).margin(1e-4));
            CHECK(std::fabs(phase) < 1e-6);
        }
    }
}

TEST_CASE("the zero-lag low-pass keeps constants and the area of a pulse", "[analysis][lowpass]") {
    std::vector<double> c(500, 0.75);
    for (double v : lowpassZeroLag(c, 0.005, 20)) CHECK(v == Approx(0.75).epsilon(1e-12));
    // A one-sample spike (an impact) is spread out, and its area (the impulse) is kept.
    std::vector<double> p(400, 0.0);
    p[200] = 4.0;
    const auto y = lowpassZeroLag(p, 0.005, 20);
    double area = 0;
    for (double v : y) area += v;
    CHECK(area == Approx(4.0).epsilon(1e-9));
    CHECK(*std::max_element(y.begin(), y.end()) < 4.0 * 0.5);
    CHECK(std::max_element(y.begin(), y.end()) - y.begin() == 200);
}

TEST_CASE("the low-pass refuses a cut-off beyond the Nyquist frequency", "[analysis][lowpass]") {
    std::vector<double> x(10, 1.0);
    CHECK_THROWS_AS(lowpassZeroLag(x, 0.005, 100.0), std::invalid_argument);
    CHECK_THROWS_AS(lowpassZeroLag(x, 0.005, 0.0), std::invalid_argument);
    CHECK_THROWS_AS(lowpassZeroLag(x, 0.0, 20.0), std::invalid_argument);
}
