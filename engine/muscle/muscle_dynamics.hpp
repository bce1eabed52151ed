#pragma once
/// Dynamics of one Hill-type muscle-tendon unit with a compliant tendon: first-order activation
/// dynamics (Geyer & Herr 2010) and the fibre length state, advanced with a backward-Euler step
/// so that the stiff fibre-tendon equation stays stable at the simulator's 1 ms step.
///
/// Force balance along the unit (Geyer & Herr 2010, with the fibre damping of Millard et al.
/// 2013):   F_tendon = Fmax·[A·fL(l)·fV(v) + fPE(l) − fBE(l) + β·v].
/// The unit length lMTU = lCE + lSE; the tendon force acts along the muscle-tendon path.
#include "engine/muscle/hill_curves.hpp"

namespace rg {

/// Parameters of one muscle-tendon unit, already scaled to the body.
struct MuscleParameters {
    double max_isometric_force = 0;      ///< Fmax, N
    double optimal_fibre_length = 0;     ///< lopt, m
    double tendon_slack_length = 0;      ///< lslack, m
    double max_shortening_velocity = 0;  ///< vmax, optimal fibre lengths per second
};

/// The evolving state of one unit.
struct MuscleState {
    double excitation = 0;       ///< neural excitation u (the activation dynamics' input)
    double activation = 0;       ///< A, 0..1
    double fibre_length = 0;     ///< lCE, m
    double fibre_velocity = 0;   ///< vCE, m/s, lengthening positive
    double force = 0;            ///< tendon force, N (what acts on the skeleton)
};

/// Fibre force split into the part that scales with activation and the rest, at a fibre state.
struct FibreForces {
    double fl = 0;               ///< force-length factor
    double fv = 0;               ///< force-velocity factor
    double active_capacity = 0;  ///< Fmax·fL·fV: fibre force per unit activation, N
    double passive = 0;          ///< Fmax·(fPE − fBE + β·v), N
};

FibreForces fibreForces(const HillCurves& c, const MuscleParameters& p, double fibre_length, double fibre_velocity);

/// Tendon force (N) for a unit length and a fibre length.
double tendonForce(const HillCurves& c, const MuscleParameters& p, double mtu_length, double fibre_length);

/// Activation after dt under constant excitation u: exact solution of dA/dt = (u − A)/τ.
double activationAfter(double activation, double excitation, double tau, double dt);
/// activationAfter with the step's decay factor exp(−dt/τ) given (same result).
inline double activationAfterDecay(double activation, double excitation, double decay) {
    return excitation + (activation - excitation) * decay;
}

/// The excitation, clamped to [u_min, u_max], that brings the activation from `activation`
/// to `target` in one step dt (inverse of activationAfter).
double excitationForActivation(double activation, double target, double tau, double dt, double u_min, double u_max);
/// excitationForActivation with the step's decay factor exp(−dt/τ) given (same result).
double excitationForActivationDecay(double activation, double target, double decay, double u_min, double u_max);

/// Advances the fibre of `s` by dt at the unit length lMTU (held over the step) and the
/// activation already in `s` (backward Euler on lCE; unique root, since the residual grows
/// monotonically with lCE). Updates fibre_length, fibre_velocity and force; returns the
/// sensitivity of the new force to the activation, dF/dA (N).
double advanceFibre(const HillCurves& c, const MuscleParameters& p, double mtu_length, double dt, MuscleState& s);

/// Sensitivities of a fibre step's end to the activation.
struct FibreStepSensitivity {
    double force = 0;         ///< dF/dA, N
    double fibre_length = 0;  ///< dlCE/dA, m
};

/// advanceFibre searching from `first_guess` (m) for the new fibre length instead of the last
/// velocity continued (same root, to the same tolerance); returns both sensitivities.
FibreStepSensitivity advanceFibreFrom(const HillCurves& c, const MuscleParameters& p, double mtu_length, double dt, MuscleState& s,
                                      double first_guess);

/// One fibre step of advanceFibresFrom: the unit, its length, its state (advanced in place), the
/// first guess of the new fibre length (m), and the step's sensitivities (output).
struct FibreStepJob {
    const MuscleParameters* params = nullptr;
    double mtu_length = 0;
    MuscleState* state = nullptr;
    double first_guess = 0;
    FibreStepSensitivity sensitivity;
};

/// advanceFibreFrom for several units over the same dt: the same results, unit by unit, with the
/// units' searches interleaved so that the processor overlaps them (the fibre steps are about a
/// quarter of a muscle-driven walking step).
void advanceFibresFrom(const HillCurves& c, double dt, FibreStepJob* jobs, int count);

/// Inverse of advanceFibre in the activation: the state at the end of the step of `s` over dt at
/// unit length lMTU that ends at tendon force `force` (N), with the activation that step needs in
/// its `activation` (other fields of `s` carried over). The force fixes the tendon strain (the
/// tendon curve inverted), hence the fibre length, its velocity over the step, and the activation
/// from the force balance, A = (F/Fmax − fPE + fBE − β·v) / (fL·fV): the same backward-Euler
/// equation advanceFibre solves for the length. Returns false where the activation does not set
/// the force: no tendon force (slack tendon), fL·fV ≈ 0, or a fibre length at or below the
/// fibre step's floor.
bool fibreStepForForce(const HillCurves& c, const MuscleParameters& p, double mtu_length, double dt, const MuscleState& s,
                       double force, MuscleState& end);

/// Fibre length (m) in static equilibrium (v = 0) at activation A and unit length lMTU.
double isometricFibreLength(const HillCurves& c, const MuscleParameters& p, double activation, double mtu_length);

/// Rigid tendon (Geyer & Herr 2010's rigid case): the fibre follows the unit, lCE = lMTU − lslack
/// and vCE = dlMTU/dt, and the force Fmax·(A·fL·fV + fPE) is algebraic in the activation already
/// in `s`. Sets fibre_length, fibre_velocity and force.
void rigidTendonState(const HillCurves& c, const MuscleParameters& p, double mtu_length, double mtu_velocity, MuscleState& s);

/// Static fibre length at activation A: the compliant equilibrium, or lMTU − lslack when rigid.
double steadyFibreLength(const HillCurves& c, const MuscleParameters& p, bool rigid_tendon, double activation, double mtu_length);

/// Static force (N) at activation A and unit length lMTU (v = 0).
double steadyForce(const HillCurves& c, const MuscleParameters& p, bool rigid_tendon, double activation, double mtu_length);

} // namespace rg
