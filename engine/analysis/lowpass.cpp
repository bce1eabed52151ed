#include "engine/analysis/lowpass.hpp"

#include <cmath>
#include <stdexcept>

namespace rg {

namespace {
struct Biquad {
    double b0, b1, b2, a1, a2;
};

/// y[n] = b0 x[n] + b1 x[n−1] + b2 x[n−2] − a1 y[n−1] − a2 y[n−2], in place, from the steady
/// state of x[0] (unit DC gain: past inputs and outputs all equal x[0]).
void runPass(const Biquad& f, std::vector<double>& x) {
    if (x.empty()) return;
    double x1 = x[0], x2 = x[0], y1 = x[0], y2 = x[0];
    for (double& v : x) {
        const double y = f.b0 * v + f.b1 * x1 + f.b2 * x2 - f.a1 * y1 - f.a2 * y2;
        x2 = x1;
        x1 = v;
        y2 = y1;
        y1 = y;
        v = y;
    }
}
} // namespace

std::vector<double> lowpassZeroLag(const std::vector<double>& x, double dt, double fc) {
    if (!(dt > 0) || !(fc > 0) || !(fc < 0.5 / dt))
        throw std::invalid_argument("lowpassZeroLag: the cut-off must lie between 0 and the Nyquist frequency");
    // Butterworth, second order: H(s) = 1 / (s² + √2 s + 1) at s = (1/K)(z − 1)/(z + 1),
    // K = tan(π fc dt) (the pre-warped cut-off).
    const double K = std::tan(M_PI * fc * dt), r2 = std::sqrt(2.0);
    const double norm = 1.0 / (1.0 + r2 * K + K * K);
    Biquad f;
    f.b0 = K * K * norm;
    f.b1 = 2.0 * f.b0;
    f.b2 = f.b0;
    f.a1 = 2.0 * (K * K - 1.0) * norm;
    f.a2 = (1.0 - r2 * K + K * K) * norm;
    std::vector<double> y = x;
    runPass(f, y);
    std::vector<double> r(y.rbegin(), y.rend());
    runPass(f, r);
    return std::vector<double>(r.rbegin(), r.rend());
}

} // namespace rg
