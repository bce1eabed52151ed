#pragma once
/// Metabolic energy of muscles: the model of Umberger, Gerritsen & Martin 2003 (Comput Methods
/// Biomech Biomed Engin 6:99) with the lengthening-heat coefficient of Umberger 2010
/// (J R Soc Interface 7:1329, α_L = 0.3·α_S(ST)), plus a whole-body basal rate.
///
/// Per muscle of mass m (kg), with Ā = u if u > a else (u + a)/2, FT the fast-twitch fraction,
/// S the aerobic scale (1.5), v̄ the fibre velocity in lopt/s (shortening negative):
///   activation-maintenance heat  Ḣ_AM = m·(1.28·%FT + 25)·Ā^0.6·S, times (0.4 + 0.6·fL) when l > lopt
///   shortening heat (v̄ ≤ 0)      Ḣ_SL = m·(−α_S(ST)·v̄·(1 − FT) − α_S(FT)·v̄·FT)·Ā²·S, times fL when l > lopt
///   lengthening heat (v̄ > 0)     Ḣ_SL = m·α_L·v̄·Ā·S
///   mechanical work rate          Ẇ = −F_CE·v_CE   (negative work included, as in the 2003 model)
/// with α_S(ST) = 100/v̄max(ST), α_S(FT) = 153/v̄max(FT), v̄max(FT) = the muscle's vmax and
/// v̄max(ST) = v̄max(FT)/2.5. No per-muscle minimum rate is imposed.
#include "engine/muscle/muscle_dynamics.hpp"

namespace rg {

struct UmbergerConstants {
    double aerobic_scale = 1.5;          ///< S (Umberger et al. 2003)
    double lengthening_heat_factor = 0.3;///< α_L / α_S(ST) (Umberger 2010; 4.0 in 2003)
    double fast_to_slow_vmax_ratio = 2.5;///< v̄max(FT)/v̄max(ST) (Umberger et al. 2003)
};

/// What the energy model needs from one muscle at one instant.
struct MuscleEnergyInput {
    double excitation = 0, activation = 0;
    double fibre_length = 0;        ///< m
    double fibre_velocity = 0;      ///< m/s, lengthening positive
    double active_fibre_force = 0;  ///< N, A·Fmax·fL·fV (the contractile element)
    double fl = 1;                  ///< force-length factor at the fibre length
};

struct MuscleEnergyRate {
    double activation_maintenance = 0;  ///< W
    double shortening_lengthening = 0;  ///< W
    double mechanical_work = 0;         ///< W
    double total() const { return activation_maintenance + shortening_lengthening + mechanical_work; }
};

/// Rates of one muscle of mass `mass` (kg) and fast-twitch percentage `fast_twitch_percent`.
MuscleEnergyRate umbergerRate(const MuscleParameters& p, double mass, double fast_twitch_percent,
                              const UmbergerConstants& k, const MuscleEnergyInput& in);

/// Gross cost of transport, J/(kg·m): mean metabolic power / (body mass · distance per second).
double costOfTransport(double mean_power_w, double body_mass_kg, double speed_m_per_s);

} // namespace rg
