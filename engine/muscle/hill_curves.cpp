#include "engine/muscle/hill_curves.hpp"

#include <cmath>

namespace rg {

double HillCurves::forceLength(double l) const {
    const double x = std::fabs((l - 1.0) / fl_width);
    return std::exp(std::log(fl_residual) * x * x * x);
}

double HillCurves::forceLengthSlope(double l) const {
    const double x = (l - 1.0) / fl_width;
    // d/dl exp(c |x|³) = exp(c |x|³) · 3c·x·|x| / w
    return forceLength(l) * 3.0 * std::log(fl_residual) * x * std::fabs(x) / fl_width;
}

double HillCurves::forceVelocity(double v) const {
    const double K = fv_shape, N = fv_eccentric_plateau;
    if (v < 0.0) return v <= -1.0 ? 0.0 : (1.0 + v) / (1.0 - K * v);
    return N + (N - 1.0) * (v - 1.0) / (1.0 + 7.56 * K * v);
}

double HillCurves::forceVelocitySlope(double v) const {
    const double K = fv_shape, N = fv_eccentric_plateau;
    if (v < 0.0) {
        if (v <= -1.0) return 0.0;
        const double d = 1.0 - K * v;
        return (1.0 + K) / (d * d);
    }
    const double d = 1.0 + 7.56 * K * v;
    return (N - 1.0) * (1.0 + 7.56 * K) / (d * d);
}

double HillCurves::parallelElastic(double l) const {
    if (l <= 1.0) return 0.0;
    const double x = (l - 1.0) / pe_width;
    return x * x;
}

double HillCurves::parallelElasticSlope(double l) const {
    return l <= 1.0 ? 0.0 : 2.0 * (l - 1.0) / (pe_width * pe_width);
}

double HillCurves::buffer(double l) const {
    const double lmin = 1.0 - fl_width;
    if (l >= lmin) return 0.0;
    const double x = (l - lmin) / (0.5 * fl_width);
    return x * x;
}

double HillCurves::bufferSlope(double l) const {
    const double lmin = 1.0 - fl_width;
    if (l >= lmin) return 0.0;
    const double h = 0.5 * fl_width;
    return 2.0 * (l - lmin) / (h * h);
}

double HillCurves::tendon(double strain) const {
    if (strain <= 0.0) return 0.0;
    const double x = strain / tendon_reference_strain;
    return x * x;
}

double HillCurves::tendonSlope(double strain) const {
    return strain <= 0.0 ? 0.0 : 2.0 * strain / (tendon_reference_strain * tendon_reference_strain);
}

double HillCurves::tendonStrain(double f) const {
    return f <= 0.0 ? 0.0 : tendon_reference_strain * std::sqrt(f);
}

} // namespace rg
