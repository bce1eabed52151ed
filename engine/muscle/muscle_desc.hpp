#pragma once
#include <limits>
/// Plain description of a model's muscles, as read from the "muscles" array of a model file.
/// The array holds one element of "type": "settings" (curves, scaling to the body, activation
/// dynamics, static optimisation, energetics, named joint angles) and one element of
/// "type": "muscle" per muscle (listed once; instantiated on each side in `sides`).
///
/// Muscle-tendon geometry follows Geyer & Herr 2010 and Song & Geyer 2015: each joint the unit
/// crosses contributes ΔL = d·ρ·r·(φ − φref) (constant moment arm), or
/// ΔL = d·ρ·(r/s)·[sin(s(φ − φmax)) − sin(s(φref − φmax))] (cosine moment arm with
/// s = acos(rmin/r)/(φmin − φmax), or s = 1 without rmin), to lMTU = lslack + lopt + ΣΔL;
/// d = +1 when the unit lengthens as φ grows. φ is a named joint angle (e.g. Geyer's knee angle,
/// 180° straight) defined from a model coordinate in the settings. The moment arm on a
/// coordinate is derived by virtual work, r_q = −∂lMTU/∂q, so lengths and moment arms agree.
#include "engine/core/json_fields.hpp"
#include "engine/muscle/hill_curves.hpp"
#include "engine/model/model_desc.hpp"

#include <map>
#include <string>
#include <vector>

namespace rg {

/// φ = offset + sign·q, with q the coordinate (on the muscle's side when the coordinate name
/// exists with a side suffix). mirror_left flips sign for left-side muscles (trunk bending
/// and rotation, whose coordinates are shared by both sides).
struct JointAngleDesc {
    std::string name;
    std::string coordinate;          ///< base name, e.g. "knee_angle" (→ knee_angle_r / _l)
    double offset = 0;               ///< rad
    double sign = 1;
    bool mirror_left = false;
};

enum class MomentArmShape { Constant, Cosine };

/// One joint crossed by a muscle (angles in rad, lengths at the reference body).
struct MuscleSpanDesc {
    std::string joint_angle;         ///< a JointAngleDesc name
    MomentArmShape shape = MomentArmShape::Constant;
    double r = 0;                    ///< m, constant or maximal moment arm
    double r_min = 0;                ///< m, cosine shape: moment arm at phi_min (0: pure cosine)
    double phi_max = 0, phi_min = 0; ///< rad, cosine shape
    double phi_ref = 0;              ///< rad, angle where lMTU = lslack + lopt
    double rho = 1;                  ///< Geyer's ρ (pennation and fibre/tendon share)
    bool lengthens_as_angle_grows = false;
};

/// A point of the drawn muscle path, in a segment frame at the anthropometric reference stature
/// (right side; mirrored in z for the left side).
struct PathPointDesc {
    std::string segment;             ///< base name, e.g. "thigh" (→ thigh_r / thigh_l), or "pelvis"
    Vec3 point{0, 0, 0};
};

struct MuscleDesc {
    int json_index = -1;             ///< position in the "muscles" array (for messages)
    std::string name;                ///< e.g. "SOL"
    std::string description;         ///< e.g. "soleus"
    std::vector<std::string> groups; ///< e.g. {"plantarflexors", "triceps_surae"}
    double max_isometric_force = 0;  ///< N, at the reference body
    double optimal_fibre_length = 0; ///< m, at the reference body
    double tendon_slack_length = 0;  ///< m, at the reference body
    double max_shortening_velocity = 0;  ///< lopt/s
    double fast_twitch_percent = 50; ///< % of fast-twitch fibres (for the energetics)
    std::vector<MuscleSpanDesc> spans;
    std::vector<PathPointDesc> path;
};

struct MuscleSettingsDesc {
    std::string source;
    double reference_body_mass = 80;     ///< kg, of the published parameter set
    double reference_height = 1.80;      ///< m, of the published parameter set
    double force_mass_exponent = 1.0;    ///< Fmax ∝ (mass / reference mass)^exponent
    std::vector<std::string> sides{"r", "l"};
    HillCurves curves;
    /// Rigid tendons: fibre length = lMTU − lslack, force algebraic in the activation (Geyer &
    /// Herr 2010's rigid-tendon case); else compliant tendons with a fibre-length state.
    bool rigid_tendon = false;
    double activation_time_constant = 0.01;  ///< s
    double min_excitation = 0.01;
    double reserve_weight = 1e6;         ///< cost of a reserve torque per (N·m)², activations² being 1
    double activation_exponent = 2;      ///< of the static-optimisation cost (2 supported)
    /// Largest reserve torque per coordinate, N·m (infinite: the reserves make up every shortfall).
    double reserve_limit_nm = std::numeric_limits<double>::infinity();
    // energetics (Umberger et al. 2003, Umberger 2010)
    double basal_power_per_kg = 1.2;     ///< W/kg of body mass
    double specific_tension = 0.25e6;    ///< Pa
    double muscle_density = 1059.7;      ///< kg/m³
    double aerobic_scale = 1.5;          ///< S
    double lengthening_heat_factor = 0.3;    ///< α_L / α_S(ST)
    double fast_to_slow_vmax_ratio = 2.5;
    std::map<std::string, double> strength_scale;  ///< muscle, muscle_side or group → factor on Fmax
    std::vector<JointAngleDesc> joint_angles;
};

struct MuscleSetDesc {
    std::string file;
    MuscleSettingsDesc settings;
    std::vector<MuscleDesc> muscles;
};

/// Parses and validates the "muscles" array of a model file (InputError names file and field).
MuscleSetDesc parseMuscleSet(const Json& muscles, const std::string& file);

} // namespace rg
