#include "engine/muscle/muscle_dynamics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rg {

FibreForces fibreForces(const HillCurves& c, const MuscleParameters& p, double fibre_length, double fibre_velocity) {
    FibreForces f;
    const double l = fibre_length / p.optimal_fibre_length;
    const double v = fibre_velocity / (p.max_shortening_velocity * p.optimal_fibre_length);
    f.fl = c.forceLength(l);
    f.fv = c.forceVelocity(v);
    f.active_capacity = p.max_isometric_force * f.fl * f.fv;
    f.passive = p.max_isometric_force * (c.parallelElastic(l) - c.buffer(l) + c.fibre_damping * v);
    return f;
}

double tendonForce(const HillCurves& c, const MuscleParameters& p, double mtu_length, double fibre_length) {
    return p.max_isometric_force * c.tendon((mtu_length - fibre_length) / p.tendon_slack_length - 1.0);
}

double activationAfter(double a, double u, double tau, double dt) { return activationAfterDecay(a, u, std::exp(-dt / tau)); }

double excitationForActivation(double a, double target, double tau, double dt, double u_min, double u_max) {
    return excitationForActivationDecay(a, target, std::exp(-dt / tau), u_min, u_max);
}

double excitationForActivationDecay(double a, double target, double e, double u_min, double u_max) {
    const double u = (target - a * e) / (1.0 - e);
    return std::clamp(u, u_min, u_max);
}

namespace {

/// Residual of the backward-Euler fibre equation in normalised units, and its slope. The curves
/// are HillCurves' own expressions, evaluated with the step's constants kept here (by value, so
/// that they stay in registers across the exponential) and the quantities that do not depend on
/// the fibre length computed once per step: the same operations on the same operands, so the
/// same numbers as HillCurves' functions.
struct FibreResidual {
    FibreResidual() = default;
    FibreResidual(const HillCurves& c, double A_, double l0_, double h_, double mtu_norm_, double ratio_)
        : A(A_), l0(l0_), h(h_), mtu_norm(mtu_norm_), ratio(ratio_), w(c.fl_width), log_c(rememberedLog(c.fl_residual)),
          K(c.fv_shape), N(c.fv_eccentric_plateau), N_1(N - 1.0), K_ecc(7.56 * K), ecc_slope_num((N - 1.0) * (1.0 + 7.56 * K)),
          pe_w(c.pe_width), pe_w2(c.pe_width * c.pe_width), lmin(1.0 - c.fl_width), bw(0.5 * c.fl_width),
          bw2((0.5 * c.fl_width) * (0.5 * c.fl_width)), eref(c.tendon_reference_strain),
          eref2(c.tendon_reference_strain * c.tendon_reference_strain), beta(c.fibre_damping), beta_h(c.fibre_damping / h_) {}
    double A = 0, l0 = 0, h = 1, mtu_norm = 0, ratio = 0;  // ratio = lopt / lslack; mtu_norm = lMTU / lslack
    double w = 1, log_c = 0;                               // force-length width and ln(fL at l = 1 ± w)
    double K = 0, N = 0, N_1 = 0, K_ecc = 0, ecc_slope_num = 0;
    double pe_w = 1, pe_w2 = 1, lmin = 0, bw = 1, bw2 = 1, eref = 1, eref2 = 1, beta = 0, beta_h = 0;
    /// The residual at l, its slope, and the fL·fV it used (for dF/dA).
    struct Value {
        double g, slope, flfv;
    };
    Value value(double l) const {
        const double v = (l - l0) / h;
        // fL and its slope with one exponential (the hot path of every step).
        const double x = (l - 1.0) / w, ax = std::fabs(x);
        const double fl = std::exp(log_c * ax * ax * ax);
        const double dfl = fl * 3.0 * log_c * x * ax / w;
        // fV and its slope (HillCurves::forceVelocity, forceVelocitySlope).
        double fv, dfv;
        if (v < 0.0) {
            if (v <= -1.0) {
                fv = 0.0;
                dfv = 0.0;
            } else {
                const double d = 1.0 - K * v;
                fv = (1.0 + v) / d;
                dfv = (1.0 + K) / (d * d);
            }
        } else {
            const double d = 1.0 + K_ecc * v;
            fv = N + N_1 * (v - 1.0) / d;
            dfv = ecc_slope_num / (d * d);
        }
        // Parallel elastic and buffer elements, tendon (HillCurves' expressions).
        double pe = 0.0, dpe = 0.0, be = 0.0, dbe = 0.0, se = 0.0, dse = 0.0;
        if (l > 1.0) {
            const double xp = (l - 1.0) / pe_w;
            pe = xp * xp;
            dpe = 2.0 * (l - 1.0) / pe_w2;
        }
        if (l < lmin) {
            const double xb = (l - lmin) / bw;
            be = xb * xb;
            dbe = 2.0 * (l - lmin) / bw2;
        }
        const double strain = mtu_norm - l * ratio - 1.0;
        if (strain > 0.0) {
            const double xs = strain / eref;
            se = xs * xs;
            dse = 2.0 * strain / eref2;
        }
        Value out;
        out.g = A * fl * fv + pe - be + beta * v - se;
        out.slope = A * dfl * fv + A * fl * dfv / h + dpe - dbe + beta_h + dse * ratio;
        out.flfv = fl * fv;
        return out;
    }
};

/// One fibre step's safeguarded Newton search, advanced one residual evaluation at a time, so
/// that the searches of several units can be interleaved (advanceFibresFrom).
class FibreNewton {
public:
    FibreNewton() = default;
    void start(const HillCurves& c, const MuscleParameters& p, double mtu_length, double dt, const MuscleState& s, double first_guess) {
        const double lopt = p.optimal_fibre_length;
        r_ = FibreResidual{c, s.activation, s.fibre_length / lopt, dt * p.max_shortening_velocity, mtu_length / p.tendon_slack_length,
                           lopt / p.tendon_slack_length};
        lo_ = 1e-6;
        hi_ = std::numeric_limits<double>::infinity();
        x_ = std::max(lo_, first_guess / lopt);
        val_ = FibreResidual::Value{0.0, 0.0, 0.0};
        it_ = 0;
    }
    /// One residual evaluation and Newton update; true when the search has ended.
    bool iterate() {
        // Safeguarded Newton on the increasing residual. Its root is bracketed from below by
        // l → 0 (buffer element, damping of fast shortening, tendon tension all make it negative);
        // the upper side is found on the way. A Newton step within the tolerance ends the search
        // before the bracket test (at a root the step points at the bracket's own end, which the
        // bracket test would reject).
        if (it_++ >= 100) return true;
        val_ = r_.value(x_);
        if (val_.g == 0.0) return true;
        if (val_.g < 0.0) lo_ = x_; else hi_ = x_;
        const double tol = 1e-13 * (1.0 + x_);
        double next = val_.slope > 0.0 ? x_ - val_.g / val_.slope : x_;
        // Newton converges quadratically on either side of the fV corner (error after a step δ
        // ≲ 1e4·δ² at the stiffest, the lengthening side of fV at dt = 0.5 ms), so a step below
        // 1e-9 that stays on its side leaves < 1e-13; across the corner the slope jumps, and the
        // search goes on (ending on the 1e-13 step).
        const double step = std::fabs(next - x_);
        const bool same_side = (x_ - r_.l0) * (next - r_.l0) > 0.0;
        if (val_.slope > 0.0 && (step <= tol || (same_side && step <= 1e-9 * (1.0 + x_)))) {
            x_ = next;
            return true;
        }
        // fV has a corner at v = 0 (l = l0): Newton steps across it can cycle, so a step that
        // crosses it stops there first (unless already there); after that l0 ends the bracket.
        if (!same_side && std::fabs(x_ - r_.l0) > tol && r_.l0 > lo_ && r_.l0 < hi_) next = r_.l0;
        if (!(next > lo_ && next < hi_)) next = std::isfinite(hi_) ? 0.5 * (lo_ + hi_) : std::max(2.0 * x_, x_ + 0.1);
        x_ = std::min(next, x_ + 1.0);
        return hi_ - lo_ <= 2.0 * tol;  // the bracket has closed on the root
    }
    /// Writes the step's end into `s` and returns its sensitivities.
    FibreStepSensitivity finish(const HillCurves& c, const MuscleParameters& p, double mtu_length, double dt, MuscleState& s) const {
        const double lopt = p.optimal_fibre_length;
        const double new_length = x_ * lopt;
        s.fibre_velocity = (new_length - s.fibre_length) / dt;
        s.fibre_length = new_length;
        s.force = tendonForce(c, p, mtu_length, new_length);
        // dF/dA through the step's implicit function: ∂l/∂A = −fL·fV / (∂g/∂l), with the slope and
        // fL·fV of the last residual evaluation (within the tolerance of the root).
        const double dl_dA = val_.slope > 0.0 ? -val_.flfv / val_.slope : 0.0;
        FibreStepSensitivity d;
        d.force = -p.max_isometric_force * c.tendonSlope(mtu_length / p.tendon_slack_length - x_ * r_.ratio - 1.0) * r_.ratio * dl_dA;
        d.fibre_length = dl_dA * lopt;
        return d;
    }

private:
    FibreResidual r_{};
    double lo_ = 0, hi_ = 0, x_ = 0;
    FibreResidual::Value val_{0.0, 0.0, 0.0};
    int it_ = 0;
};

} // namespace

double advanceFibre(const HillCurves& c, const MuscleParameters& p, double mtu_length, double dt, MuscleState& s) {
    // The first guess continues the last velocity.
    return advanceFibreFrom(c, p, mtu_length, dt, s, s.fibre_length + s.fibre_velocity * dt).force;
}

FibreStepSensitivity advanceFibreFrom(const HillCurves& c, const MuscleParameters& p, double mtu_length, double dt, MuscleState& s,
                                      double first_guess) {
    FibreNewton n;
    n.start(c, p, mtu_length, dt, s, first_guess);
    while (!n.iterate()) {
    }
    return n.finish(c, p, mtu_length, dt, s);
}

void advanceFibresFrom(const HillCurves& c, double dt, FibreStepJob* jobs, int count) {
    // Groups of units whose searches advance in lockstep: each search is a chain of dependent
    // operations (the exponential, divisions, the Newton update), and interleaving independent
    // chains lets the processor overlap them. Each unit's own operations are those of
    // advanceFibreFrom, so the results are the same.
    constexpr int kGroup = 4;
    FibreNewton n[kGroup];
    bool done[kGroup];
    for (int first = 0; first < count; first += kGroup) {
        const int g = std::min(kGroup, count - first);
        for (int k = 0; k < g; ++k) {
            const FibreStepJob& j = jobs[first + k];
            n[k].start(c, *j.params, j.mtu_length, dt, *j.state, j.first_guess);
            done[k] = false;
        }
        for (int left = g; left > 0;)
            for (int k = 0; k < g; ++k)
                if (!done[k] && n[k].iterate()) {
                    done[k] = true;
                    --left;
                }
        for (int k = 0; k < g; ++k) {
            FibreStepJob& j = jobs[first + k];
            j.sensitivity = n[k].finish(c, *j.params, j.mtu_length, dt, *j.state);
        }
    }
}

bool fibreStepForForce(const HillCurves& c, const MuscleParameters& p, double mtu_length, double dt, const MuscleState& s,
                       double force, MuscleState& end) {
    if (!(force > 0.0)) return false;
    const double lopt = p.optimal_fibre_length, ratio = lopt / p.tendon_slack_length;
    const double f = force / p.max_isometric_force;
    const double strain = c.tendonStrain(f);
    const double l = (mtu_length / p.tendon_slack_length - 1.0 - strain) / ratio;
    if (!(l > 1e-6)) return false;  // advanceFibre's floor
    const double v = (l - s.fibre_length / lopt) / (dt * p.max_shortening_velocity);
    const double flfv = c.forceLength(l) * c.forceVelocity(v);
    if (!(flfv > 1e-12)) return false;
    end = s;
    end.activation = (f - c.parallelElastic(l) + c.buffer(l) - c.fibre_damping * v) / flfv;
    end.fibre_length = l * lopt;
    end.fibre_velocity = (end.fibre_length - s.fibre_length) / dt;
    end.force = tendonForce(c, p, mtu_length, end.fibre_length);
    return true;
}

double isometricFibreLength(const HillCurves& c, const MuscleParameters& p, double activation, double mtu_length) {
    // h(l) = A·fL + fPE − fBE − fSE: negative at l → 0 (buffer), positive once the tendon is
    // slack (l ≥ lMTU/lopt − lslack/lopt) and the fibre is beyond the buffer range; bisection.
    const double lopt = p.optimal_fibre_length, ratio = lopt / p.tendon_slack_length;
    const double mtu_norm = mtu_length / p.tendon_slack_length;
    auto h = [&](double l) {
        return activation * c.forceLength(l) + c.parallelElastic(l) - c.buffer(l) - c.tendon(mtu_norm - l * ratio - 1.0);
    };
    double lo = 1e-6, hi = std::max((mtu_length - p.tendon_slack_length) / lopt, 1.0 - c.fl_width) + 1e-6;
    while (h(hi) <= 0.0) hi *= 1.5;  // only when the unit is stretched far beyond its range
    for (int it = 0; it < 200 && hi - lo > 1e-15; ++it) {
        const double m = 0.5 * (lo + hi);
        if (h(m) < 0.0) lo = m; else hi = m;
    }
    return 0.5 * (lo + hi) * lopt;
}

void rigidTendonState(const HillCurves& c, const MuscleParameters& p, double mtu_length, double mtu_velocity, MuscleState& s) {
    s.fibre_length = std::max(mtu_length - p.tendon_slack_length, 1e-6);
    s.fibre_velocity = mtu_velocity;
    const double l = s.fibre_length / p.optimal_fibre_length;
    const double v = mtu_velocity / (p.max_shortening_velocity * p.optimal_fibre_length);
    s.force = p.max_isometric_force * (s.activation * c.forceLength(l) * c.forceVelocity(v) + c.parallelElastic(l));
}

double steadyFibreLength(const HillCurves& c, const MuscleParameters& p, bool rigid, double activation, double mtu_length) {
    return rigid ? std::max(mtu_length - p.tendon_slack_length, 1e-6) : isometricFibreLength(c, p, activation, mtu_length);
}

double steadyForce(const HillCurves& c, const MuscleParameters& p, bool rigid, double activation, double mtu_length) {
    if (!rigid) return tendonForce(c, p, mtu_length, isometricFibreLength(c, p, activation, mtu_length));
    const double l = std::max(mtu_length - p.tendon_slack_length, 1e-6) / p.optimal_fibre_length;
    return p.max_isometric_force * (activation * c.forceLength(l) + c.parallelElastic(l));
}

} // namespace rg
