#include "engine/muscle/metabolics.hpp"

#include <cmath>
#include <limits>

namespace rg {

MuscleEnergyRate umbergerRate(const MuscleParameters& p, double mass, double fast_twitch_percent,
                              const UmbergerConstants& k, const MuscleEnergyInput& in) {
    MuscleEnergyRate r;
    const double ft = fast_twitch_percent / 100.0;
    const double a_bar = in.excitation > in.activation ? in.excitation : 0.5 * (in.excitation + in.activation);
    const double S = k.aerobic_scale;
    const bool long_fibre = in.fibre_length > p.optimal_fibre_length;

    // Activation and maintenance heat, W/kg (Umberger et al. 2003, eq. for ḣ_AM).
    double h_am = (1.28 * fast_twitch_percent + 25.0) * std::pow(a_bar, 0.6) * S;
    if (long_fibre) h_am *= 0.4 + 0.6 * in.fl;
    r.activation_maintenance = mass * h_am;

    // Shortening / lengthening heat, W/kg.
    const double v_bar = in.fibre_velocity / p.optimal_fibre_length;  // lopt/s
    const double vmax_ft = p.max_shortening_velocity;
    const double vmax_st = vmax_ft / k.fast_to_slow_vmax_ratio;
    const double alpha_st = 100.0 / vmax_st, alpha_ft = 153.0 / vmax_ft;
    double h_sl;
    if (v_bar <= 0.0) {
        h_sl = (-alpha_st * v_bar * (1.0 - ft) - alpha_ft * v_bar * ft) * a_bar * a_bar * S;
        if (long_fibre) h_sl *= in.fl;
    } else {
        h_sl = k.lengthening_heat_factor * alpha_st * v_bar * a_bar * S;
    }
    r.shortening_lengthening = mass * h_sl;

    // Mechanical work rate of the contractile element (positive when shortening).
    r.mechanical_work = -in.active_fibre_force * in.fibre_velocity;
    return r;
}

double costOfTransport(double mean_power_w, double body_mass_kg, double speed_m_per_s) {
    if (!(speed_m_per_s > 0.0) || !(body_mass_kg > 0.0)) return std::numeric_limits<double>::quiet_NaN();
    return mean_power_w / (body_mass_kg * speed_m_per_s);
}

} // namespace rg
