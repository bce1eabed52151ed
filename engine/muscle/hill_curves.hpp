#pragma once
/// Normalised curves of a Hill-type muscle-tendon unit (Geyer & Herr 2010, IEEE TNSRE 18:263,
/// after Geyer, Seyfarth & Blickhan 2003), plus the fibre damping of Millard et al. 2013
/// (J Biomech Eng 135:021005) that keeps the compliant-tendon fibre equation well posed at
/// zero activation.
///
/// Normalisation: fibre length l = lCE / lopt; fibre velocity v = vCE / (vmax · lopt), negative
/// when shortening; forces in units of the maximal isometric force Fmax; tendon strain
/// ε = lSE / lslack − 1.
#include <cmath>

namespace rg {

struct HillCurves {
    double fl_width = 0.56;             ///< w of the force-length curve (Geyer & Herr 2010)
    double fl_residual = 0.05;          ///< fL at l = 1 ± w, i.e. c = ln(0.05) (Geyer & Herr 2010)
    double fv_eccentric_plateau = 1.5;  ///< N, eccentric force enhancement (Geyer & Herr 2010)
    double fv_shape = 5.0;              ///< K, curvature of the force-velocity curve (Geyer & Herr 2010)
    double pe_width = 0.56;             ///< strain scale of the parallel elastic element
    double tendon_reference_strain = 0.04;  ///< eref: tendon strain at Fmax (Geyer & Herr 2010)
    double fibre_damping = 0.1;         ///< β, normalised fibre damping (Millard et al. 2013)

    /// Active force-length: exp(c·|(l − 1)/w|³); 1 at l = 1.
    double forceLength(double l) const;
    double forceLengthSlope(double l) const;
    /// Force-velocity: (1 + v)/(1 − K·v) when shortening (0 at v = −1 and below),
    /// N + (N − 1)(v − 1)/(1 + 7.56·K·v) when lengthening (plateau towards N).
    double forceVelocity(double v) const;
    double forceVelocitySlope(double v) const;
    /// Parallel elastic element: ((l − 1)/w_pe)² for l > 1.
    double parallelElastic(double l) const;
    double parallelElasticSlope(double l) const;
    /// Buffer element (keeps the fibre from collapsing): ((l − (1 − w))/(w/2))² for l < 1 − w.
    double buffer(double l) const;
    double bufferSlope(double l) const;
    /// Series elastic element (tendon): (ε/eref)² for ε > 0.
    double tendon(double strain) const;
    double tendonSlope(double strain) const;
    /// Inverse of tendon(): the strain at normalised force f ≥ 0.
    double tendonStrain(double f) const;
};

/// ln(r), remembered for the last r asked for on this thread: the force-length curve needs
/// ln(fl_residual) at every evaluation, and the curves of a run do not change (std::log is
/// deterministic, so the remembered value is the same number).
inline double rememberedLog(double r) {
    thread_local double last_r = 1.0, last_log = 0.0;
    if (r != last_r) {
        last_log = std::log(r);
        last_r = r;
    }
    return last_log;
}

// Inline: the fibre step evaluates them several times per muscle and step.
inline double HillCurves::forceLength(double l) const {
    const double x = std::fabs((l - 1.0) / fl_width);
    return std::exp(rememberedLog(fl_residual) * x * x * x);
}

inline double HillCurves::forceLengthSlope(double l) const {
    const double x = (l - 1.0) / fl_width;
    // d/dl exp(c |x|³) = exp(c |x|³) · 3c·x·|x| / w
    return forceLength(l) * 3.0 * rememberedLog(fl_residual) * x * std::fabs(x) / fl_width;
}

inline double HillCurves::forceVelocity(double v) const {
    const double K = fv_shape, N = fv_eccentric_plateau;
    if (v < 0.0) return v <= -1.0 ? 0.0 : (1.0 + v) / (1.0 - K * v);
    return N + (N - 1.0) * (v - 1.0) / (1.0 + 7.56 * K * v);
}

inline double HillCurves::forceVelocitySlope(double v) const {
    const double K = fv_shape, N = fv_eccentric_plateau;
    if (v < 0.0) {
        if (v <= -1.0) return 0.0;
        const double d = 1.0 - K * v;
        return (1.0 + K) / (d * d);
    }
    const double d = 1.0 + 7.56 * K * v;
    return (N - 1.0) * (1.0 + 7.56 * K) / (d * d);
}

inline double HillCurves::parallelElastic(double l) const {
    if (l <= 1.0) return 0.0;
    const double x = (l - 1.0) / pe_width;
    return x * x;
}

inline double HillCurves::parallelElasticSlope(double l) const {
    return l <= 1.0 ? 0.0 : 2.0 * (l - 1.0) / (pe_width * pe_width);
}

inline double HillCurves::buffer(double l) const {
    const double lmin = 1.0 - fl_width;
    if (l >= lmin) return 0.0;
    const double x = (l - lmin) / (0.5 * fl_width);
    return x * x;
}

inline double HillCurves::bufferSlope(double l) const {
    const double lmin = 1.0 - fl_width;
    if (l >= lmin) return 0.0;
    const double h = 0.5 * fl_width;
    return 2.0 * (l - lmin) / (h * h);
}

inline double HillCurves::tendon(double strain) const {
    if (strain <= 0.0) return 0.0;
    const double x = strain / tendon_reference_strain;
    return x * x;
}

inline double HillCurves::tendonSlope(double strain) const {
    return strain <= 0.0 ? 0.0 : 2.0 * strain / (tendon_reference_strain * tendon_reference_strain);
}

inline double HillCurves::tendonStrain(double f) const {
    return f <= 0.0 ? 0.0 : tendon_reference_strain * std::sqrt(f);
}

} // namespace rg
