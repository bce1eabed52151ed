#pragma once
// Shared muscle-test fixtures.
#include "engine/muscle/muscle_dynamics.hpp"

namespace rgtest {

/// Geyer & Herr 2010 vasti (VAS) parameters.
inline rg::MuscleParameters vasti() {
    rg::MuscleParameters p;
    p.max_isometric_force = 6000;
    p.optimal_fibre_length = 0.08;
    p.tendon_slack_length = 0.23;
    p.max_shortening_velocity = 12;
    return p;
}

} // namespace rgtest
