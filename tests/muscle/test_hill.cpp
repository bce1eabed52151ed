// The Hill-type unit against its closed forms (Geyer & Herr 2010): force-length, force-velocity,
// tendon, activation dynamics, and the backward-Euler fibre step.
#include "engine/muscle/muscle_dynamics.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace rg;
using rgtest::vasti;

namespace {
const HillCurves kCurves;  // Geyer & Herr 2010 values


double slopeFd(double (HillCurves::*f)(double) const, double x) {
    const double h = 1e-6;
    return ((kCurves.*f)(x + h) - (kCurves.*f)(x - h)) / (2 * h);
}
} // namespace

TEST_CASE("force-length peaks at the optimal fibre length and falls to c at l = 1 ± w", "[muscle][hill]") {
    CHECK(kCurves.forceLength(1.0) == Approx(1.0));
    for (double l = 0.3; l < 1.8; l += 0.01) CHECK(kCurves.forceLength(l) <= 1.0);
    CHECK(kCurves.forceLength(1.0 + 0.56) == Approx(0.05));
    CHECK(kCurves.forceLength(1.0 - 0.56) == Approx(0.05));
    // closed form at l = 1.28: exp(ln(0.05)·0.5³)
    CHECK(kCurves.forceLength(1.28) == Approx(std::exp(std::log(0.05) * 0.125)));
    for (double l : {0.5, 0.8, 1.0, 1.2, 1.5}) CHECK(kCurves.forceLengthSlope(l) == Approx(slopeFd(&HillCurves::forceLength, l)).margin(1e-7));
}

TEST_CASE("force-velocity: 1 isometric, 0 at vmax shortening, eccentric plateau N", "[muscle][hill]") {
    CHECK(kCurves.forceVelocity(0.0) == Approx(1.0));
    CHECK(kCurves.forceVelocity(-1.0) == Approx(0.0).margin(1e-15));
    CHECK(kCurves.forceVelocity(-1.5) == 0.0);
    CHECK(kCurves.forceVelocity(-0.5) == Approx(0.5 / (1.0 + 5.0 * 0.5)));  // (1+v)/(1-Kv)
    // Lengthening: N + (N-1)(v-1)/(1 + 7.56 K v) → N + (N-1)/(7.56 K) for v → ∞ (within 1 % of N)
    CHECK(kCurves.forceVelocity(1e6) == Approx(1.5 + 0.5 / (7.56 * 5.0)).epsilon(1e-5));
    CHECK(std::fabs(kCurves.forceVelocity(1e6) - 1.5) < 0.015);
    CHECK(kCurves.forceVelocity(0.1) == Approx(1.5 + 0.5 * (0.1 - 1.0) / (1.0 + 7.56 * 5.0 * 0.1)));
    for (double v = -0.99; v < 1.0; v += 0.01) CHECK(kCurves.forceVelocity(v + 0.005) > kCurves.forceVelocity(v));
    for (double v : {-0.7, -0.2, 0.2, 0.9}) CHECK(kCurves.forceVelocitySlope(v) == Approx(slopeFd(&HillCurves::forceVelocity, v)).epsilon(1e-6));
}

TEST_CASE("tendon force-strain is quadratic with Fmax at the reference strain", "[muscle][hill]") {
    CHECK(kCurves.tendon(0.04) == Approx(1.0));
    CHECK(kCurves.tendon(0.02) == Approx(0.25));
    CHECK(kCurves.tendon(0.0) == 0.0);
    CHECK(kCurves.tendon(-0.01) == 0.0);
    CHECK(kCurves.tendonStrain(kCurves.tendon(0.031)) == Approx(0.031));
    CHECK(kCurves.tendonSlope(0.03) == Approx(slopeFd(&HillCurves::tendon, 0.03)).epsilon(1e-6));
    const MuscleParameters p = vasti();
    // lSE = lslack·(1 + eref) → Fmax
    CHECK(tendonForce(kCurves, p, 0.08 + 0.23 * 1.04, 0.08) == Approx(6000.0));
    CHECK(kCurves.parallelElastic(1.0 + 0.56) == Approx(1.0));
    CHECK(kCurves.parallelElastic(0.9) == 0.0);
    CHECK(kCurves.buffer(0.5) == 0.0);
    CHECK(kCurves.buffer(0.44 - 0.28) == Approx(1.0));
}

TEST_CASE("activation step response reaches 63 % at one time constant", "[muscle][hill]") {
    const double tau = 0.01, dt = 0.001;
    double a = 0.0;
    for (int k = 0; k < 10; ++k) a = activationAfter(a, 1.0, tau, dt);
    CHECK(a == Approx(1.0 - std::exp(-1.0)).epsilon(1e-12));
    CHECK(a == Approx(0.632).margin(0.001));
    // deactivation to 37 %
    for (int k = 0; k < 10; ++k) a = activationAfter(a, 0.0, tau, dt);
    CHECK(a == Approx((1.0 - std::exp(-1.0)) * std::exp(-1.0)).epsilon(1e-12));
    // The excitation that reaches a target in one step does so exactly when it is within bounds.
    const double u = excitationForActivation(0.2, 0.25, tau, dt, 0.01, 1.0);
    CHECK(activationAfter(0.2, u, tau, dt) == Approx(0.25).epsilon(1e-12));
    CHECK(excitationForActivation(0.2, 0.9, tau, dt, 0.01, 1.0) == 1.0);  // clamped: too fast a rise
}

TEST_CASE("the fibre step settles on the isometric equilibrium and balances the forces", "[muscle][hill]") {
    const MuscleParameters p = vasti();
    const double L = 0.08 + 0.23 * 1.02;
    MuscleState s;
    s.activation = 0.6;
    s.fibre_length = 0.08;
    for (int k = 0; k < 3000; ++k) advanceFibre(kCurves, p, L, 0.001, s);
    const double l_eq = isometricFibreLength(kCurves, p, 0.6, L);
    CHECK(s.fibre_length == Approx(l_eq).epsilon(1e-8));
    CHECK(std::fabs(s.fibre_velocity) < 1e-9);
    const double l = l_eq / p.optimal_fibre_length;
    CHECK(s.force == Approx(p.max_isometric_force * (0.6 * kCurves.forceLength(l) + kCurves.parallelElastic(l))).epsilon(1e-8));
}

TEST_CASE("a unit shortening at constant speed carries A·Fmax·fL·fV (+ damping)", "[muscle][hill]") {
    // A nearly rigid tendon (eref 1e-4) makes the fibre follow the unit; after the transient
    // the tendon force equals the fibre force at the imposed velocity.
    HillCurves c;
    c.tendon_reference_strain = 1e-4;
    const MuscleParameters p = vasti();
    const double v_norm = -0.3, speed = v_norm * p.max_shortening_velocity * p.optimal_fibre_length;
    double L = 0.08 + 0.23 + 0.02;
    MuscleState s;
    s.activation = 1.0;
    s.fibre_length = isometricFibreLength(c, p, 1.0, L);
    const double dt = 0.0005;
    for (int k = 0; k < 60; ++k) {
        L += speed * dt;
        advanceFibre(c, p, L, dt, s);
    }
    const double l = s.fibre_length / p.optimal_fibre_length;
    const double v = s.fibre_velocity / (p.max_shortening_velocity * p.optimal_fibre_length);
    CHECK(v == Approx(v_norm).epsilon(1e-3));
    const double expected = p.max_isometric_force * (c.forceLength(l) * c.forceVelocity(v) + c.parallelElastic(l) + c.fibre_damping * v);
    CHECK(s.force == Approx(expected).epsilon(1e-6));
    CHECK(c.forceVelocity(v) == Approx(0.7 / 2.5).epsilon(2e-3));  // (1 − 0.3)/(1 + 5·0.3)
}
