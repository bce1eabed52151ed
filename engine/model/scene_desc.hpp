#pragma once
/// Plain description of a scene (JSON): where the walker walks and how the simulation steps.
/// Built into Bullet objects only by engine/physics.
#include "engine/core/json_fields.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rg {

enum class SurfaceType { Treadmill, Overground };
enum class Gait { Forward, Backward };

inline const char* gaitName(Gait g) { return g == Gait::Forward ? "forward" : "backward"; }

/// A horizontal push on the pelvis (perturbation), in the walker's heading frame.
struct PushDesc {
    double start_s = 0;             ///< s
    double duration_s = 0.2;        ///< s
    double force_forward_n = 0;     ///< N, along the facing direction (+x)
    double force_lateral_n = 0;     ///< N, to the walker's right (+z)
};

/// A sled dragged by a waist belt (placeholder for the sled issue: parsed and validated now).
struct SledDesc {
    double mass_kg = 0;
    double friction = 0.3;
    double rope_length_m = 2.0;
};

struct SceneDesc {
    std::string file;
    std::string name;
    SurfaceType surface = SurfaceType::Overground;
    double friction = 0.9;          ///< ground or belt friction coefficient (Bullet multiplies it by the foot's)
    /// Incline of the walking surface, percent grade (rise/run × 100). Positive: uphill in the
    /// direction of travel (so for backward walking the surface rises towards −x).
    double incline_percent = 0;
    double belt_length_m = 3.0, belt_width_m = 1.0;   ///< treadmill belt surface size
    /// Walking speed relative to the surface, m/s. On a treadmill this is also the belt speed.
    double speed_m_per_s = 1.25;
    Gait gait = Gait::Forward;
    double time_step_s = 0.001;     ///< fixed physics and control step
    int solver_iterations = 30;
    /// Bullet's warm start of the multibody contact and limit impulses (0 = off, 0–1): each
    /// step's solve starts from this fraction of the last step's impulses instead of zero
    /// (Bullet's SOLVER_USE_ARTICULATED_WARMSTARTING). It changes results: measure before use.
    double solver_warm_start = 0.0;
    double gravity = 9.81;          ///< m/s²
    double duration_s = 10.0;       ///< default run length
    std::optional<double> switch_at_s;  ///< change walking direction at this time
    /// Direction switch: time to slow from the walking speed to a stop, and again to reach it
    /// the other way (s).
    double switch_ramp_s = 2.0;
    /// Direction switch: time at zero speed (stepping in place) between the two ramps (s); the
    /// gait changes half-way through it, and a walking controller takes the new gait at its next
    /// foot contact, after which the speed-up waits another half of this time.
    double switch_stop_s = 1.0;
    /// Start-up: the run starts at start_speed_m_per_s (the desired speed and, on a treadmill, the
    /// belt) and ramps linearly to speed_m_per_s over start_ramp_s, as a treadmill's belt speeds
    /// up after it starts. No ramp when start_ramp_s is 0 or the start speed is not lower.
    double start_speed_m_per_s = 0.0;
    double start_ramp_s = 0.0;
    /// Walking-controller parameter file for this scene ("walker.walking_control", relative to
    /// the scene file), for scenes whose time step needs entries tuned at that step; empty: the
    /// model's. A model that names its own file keeps it.
    std::string walking_control_file;
    /// Factors on muscle strength (Fmax) by muscle ("VAS"), muscle and side ("VAS_r") or group
    /// ("plantarflexors"), for weakness what-ifs; checked against the model's muscles when built.
    std::map<std::string, double> strength_scale;
    std::vector<PushDesc> pushes;
    std::optional<SledDesc> sled;
};

/// Limits enforced on scenes and on the matching command-line options.
constexpr double kMaxSpeed = 3.0;          ///< m/s
constexpr double kMaxIncline = 30.0;       ///< percent
constexpr double kMinTimeStep = 1e-4, kMaxTimeStep = 0.01;  ///< s
constexpr double kMaxDuration = 36000.0;   ///< s
constexpr double kMinSwitchRamp = 0.5, kMaxSwitchPhase = 20.0;  ///< s: direction-switch ramp and stop
constexpr double kMaxStartRamp = 60.0;     ///< s: start-up ramp

/// The end of the scene's start-up ramp (s), 0 when it has none.
inline double startRampEnd(const SceneDesc& s) {
    return s.start_ramp_s > 0 && s.start_speed_m_per_s < s.speed_m_per_s ? s.start_ramp_s : 0.0;
}

SceneDesc loadSceneFile(const std::string& path);
SceneDesc parseScene(const Json& j, const std::string& file);

} // namespace rg
