#pragma once
// A synthetic recording of treadmill walking with every column the Recorder writes (plus muscle
// channels), built from closed-form signals so the analyses' results are known in advance:
// - vertical GRF: a piecewise-linear double hump over a stance of 0.6 stride (knots at 0, 0.03,
//   0.12, 0.30, 0.48, 0.57, 0.60 stride: 0, 0.5, 1.15, 0.75, 1.10, 0.5, 0 body weight), the
//   right foot landing at k·T, the left at k·T + T/2;
// - joint angles: sinusoids of the stride period (hip 10 ± 20°, knee flexion 30 ± 30°,
//   ankle ± 10°), the left leg half a stride later;
// - pelvis and centre of mass still (on a treadmill the belt carries the feet);
// - muscle activation 0.1 + 0.05·sin (both legs, mean 0.1), force 1000 N × activation;
//   reserves a fixed fraction of the applied torques; metabolic power constant.
#include "engine/core/units.hpp"
#include "engine/io/table.hpp"
#include "engine/model/model.hpp"
#include "engine/sim/recorder.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace rgtest {

/// Column names of a still-pose test table: time, pelvis pose, every coordinate and its
/// velocity, then per foot (r, l) the ground reaction force and the centre of pressure.
inline std::vector<std::string> poseAndContactColumns(const rg::Model& m) {
    std::vector<std::string> n{"time_s", "pelvis_tx_m", "pelvis_ty_m", "pelvis_tz_m", "pelvis_tilt_deg", "pelvis_list_deg", "pelvis_rotation_deg"};
    for (const auto& c : m.coordinates()) n.push_back(c.name + "_deg");
    for (const auto& c : m.coordinates()) n.push_back(c.name + "_vel_deg_per_s");
    for (const char* s : {"r", "l"})
        for (const char* q : {"grf", "cop"})
            for (const char* a : {"x", "y", "z"}) n.push_back(std::string(q) + "_" + s + "_" + a + (q[0] == 'g' ? "_n" : "_m"));
    return n;
}


struct SyntheticWalk {
    double stride_s = 1.0;
    double belt_speed = 1.25;     ///< m/s (negative: backward walking on the treadmill)
    double duration_s = 6.0;
    double sample_hz = 200;
    double metabolic_w = 300;
    double reserve_fraction = 0.1;
    double shortfall_fraction = 0.25;  ///< desired = applied × (1 + this)
    double gravity = 9.81;
    std::vector<std::string> muscles{"HFL", "GLU", "HAM", "RF", "VAS", "BFSH", "GAS", "SOL", "TA", "HAB", "HAD", "ERS"};
};

/// Vertical GRF shape over stance, in body weights, at stride fraction u ∈ [0, 0.6].
inline double grfShape(double u) {
    static const double x[] = {0, 0.03, 0.12, 0.30, 0.48, 0.57, 0.60};
    static const double y[] = {0, 0.5, 1.15, 0.75, 1.10, 0.5, 0};
    if (u <= 0 || u >= 0.6) return 0;
    for (int i = 1; i < 7; ++i)
        if (u <= x[i]) return y[i - 1] + (y[i] - y[i - 1]) * (u - x[i - 1]) / (x[i] - x[i - 1]);
    return 0;
}

inline rg::Table synthesiseWalk(const rg::Model& m, const SyntheticWalk& w) {
    using rg::deg2rad;
    const char* sides[2] = {"r", "l"};
    std::vector<std::string> n = rg::recordedStateColumns(m);  // the rows below fill them in this order
    for (const auto& mu : w.muscles)
        for (const char* s : sides) {
            n.push_back(mu + "_" + s + "_activation");
            n.push_back(mu + "_" + s + "_force_n");
        }
    for (const auto& c : m.coordinates()) n.push_back("reserve_" + c.name + "_nm");
    for (const auto& c : m.coordinates()) n.push_back("shortfall_" + c.name + "_nm");
    n.push_back("metabolic_power_w");
    rg::Table t(n);

    const double T = w.stride_s, bw = m.bodyMass() * w.gravity, om = 2 * rg::kPi / T;
    const int rows = int(std::lround(w.duration_s * w.sample_hz)) + 1;
    std::vector<double> row;
    for (int k = 0; k < rows; ++k) {
        const double time = k / w.sample_hz;
        row.clear();
        row.push_back(time);
        for (double v : {0.0, 0.93, 0.0, 0.0, 0.0, 0.0}) row.push_back(v);
        auto phase = [&](int s) { return om * (time - 0.5 * T * s); };
        auto angle = [&](const std::string& name, bool rate) -> double {
            for (int s = 0; s < 2; ++s) {
                const double p = phase(s);
                const std::string sfx = std::string("_") + sides[s];
                if (name == "hip_flexion" + sfx) return rate ? 20 * om * std::cos(p) : 10 + 20 * std::sin(p);
                if (name == "knee_angle" + sfx) return rate ? 30 * om * std::sin(p) : -(30 - 30 * std::cos(p));
                if (name == "ankle_angle" + sfx) return rate ? 10 * om * std::cos(p) : 10 * std::sin(p);
            }
            return 0.0;
        };
        for (const auto& c : m.coordinates()) row.push_back(angle(c.name, false));
        for (const auto& c : m.coordinates()) row.push_back(angle(c.name, true));
        for (const char* s : sides) row.push_back(-angle(std::string("knee_angle_") + s, false));
        for (double v : {0.0, 0.95, 0.0, 0.0, 0.0, 0.0}) row.push_back(v);
        for (int s = 0; s < 2; ++s) {
            double u = std::fmod(time - 0.5 * T * s, T);
            if (u < 0) u += T;
            const double fy = bw * grfShape(u / T);
            for (double v : {0.0, fy, 0.0}) row.push_back(v);
            for (double v : {0.0, 0.0, fy > 0 ? (s == 0 ? 0.09 : -0.09) : 0.0}) row.push_back(v);
            row.push_back(fy > 0 ? 1.0 : 0.0);
        }
        std::vector<double> tau;
        for (std::size_t c = 0; c < m.coordinates().size(); ++c) tau.push_back(50 * std::sin(om * time + 0.3 * double(c)));
        for (double v : tau) row.push_back(v);
        for (double v : {w.belt_speed, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0}) row.push_back(v);
        for (int s = 0; s < 2; ++s) {  // interval means: the smooth shape's value at the row
            double u = std::fmod(time - 0.5 * T * s, T);
            if (u < 0) u += T;
            const double fy = bw * grfShape(u / T);
            for (double v : {0.0, fy, 0.0}) row.push_back(v);
            for (double v : {0.0, 0.0, fy > 0 ? (s == 0 ? 0.09 : -0.09) : 0.0}) row.push_back(v);
        }
        for (std::size_t i = 0; i < w.muscles.size(); ++i)
            for (int s = 0; s < 2; ++s) {
                const double a = 0.1 + 0.05 * std::sin(phase(s) + 0.5 * double(i));
                row.push_back(a);
                row.push_back(1000 * a);
            }
        for (double v : tau) row.push_back(w.reserve_fraction * v);
        for (double v : tau) row.push_back(w.shortfall_fraction * v);
        row.push_back(w.metabolic_w);
        t.addRow(row);
    }
    return t;
}

} // namespace rgtest
