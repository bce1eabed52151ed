#pragma once
/// Parameters of the walking controller and the control file that holds them per gait and
/// speed (models/walking_control.json). Gait parameters are inputs (target angles, gains,
/// timing); nothing in them encodes a load, an energy or any other reported outcome.
#include "engine/core/json_fields.hpp"
#include "engine/model/scene_desc.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace rg {

struct WalkingParams {
    double speed = 1.25;            ///< m/s relative to the surface
    Gait gait = Gait::Forward;
    /// Step length / cadence (m per step/min): 0.0064 for adults (Sekiya & Nagasaki 1998,
    /// Eur J Appl Physiol 77:41); with speed it fixes the cadence: C = sqrt(60 v / ratio).
    double walk_ratio = 0.0064;
    /// The step time comes from the larger of the speed and this floor (m/s): near a stop the
    /// walker keeps stepping at the cadence of this speed instead of ever longer steps. A
    /// controller choice, not a physiological value (0.3 m/s gives about 53 steps/min at the
    /// adult walk ratio).
    double step_speed_floor_m_per_s = 0.3;
    double double_support_fraction = 0.2;  ///< of a step (≈ 10 % of the cycle each, Winter 2009)
    double swing_lift_m = 0.12;     ///< ankle lift above its standing height at peak
    double reach_fraction = 0.85;   ///< swing fraction at which the foot is over its landing point
    double min_swing_fraction = 0.7;  ///< contact before this fraction of swing is not a landing
    double lift_peak_behind = 0.3;  ///< swing fraction of peak lift when the foot starts behind
    double step_width_margin_m = 0.03;  ///< lateral XcoM margin b_z (Hof 2008)
    double speed_gain = 0.25;       ///< m of placement offset per m/s of speed error
    double speed_integral_gain = 0.15;  ///< m per (m/s · s)
    double position_gain = 0.5;     ///< 1/s: desired speed change per m off the belt centre
    /// On a treadmill, the gait's speed is scaled by (1 + σ), σ growing by this gain times the
    /// metres the walker is behind the belt's middle per second (1/(m·s); σ within −0.5 to 1.5,
    /// zero again at each change of direction, held while the speed is below 0.1 m/s): an
    /// integral term, so the walker settles at the middle instead of where position_gain's
    /// offset makes up the gait's speed shortfall. 0 turns it off (a controller choice).
    double centring_gain = 0;
    double pushoff_ankle_rad = -0.35;   ///< trailing-leg ankle target during double support
    double pushoff_gain = 1.0;      ///< multiplies the stance ankle stiffness during push-off
    double stance_knee_rad = -0.12; ///< knee_angle target in stance (≈ 7° flexion)
    double torso_lean_rad = 0.0;    ///< desired trunk pitch (+ = forward lean) in the world
    // PD gains at 75 kg (N·m/rad, N·m·s/rad); scaled with body mass.
    double pelvis_kp = 1000, pelvis_kd = 100;
    double yaw_kp = 300, yaw_kd = 30;
    double lumbar_kp = 1000, lumbar_kd = 60;
    double swing_hip_kp = 400, swing_hip_kd = 30;
    double swing_hip_rot_kp = 100, swing_hip_rot_kd = 3;
    double swing_knee_kp = 200, swing_knee_kd = 15;
    double ankle_kp = 60, ankle_kd = 2;       ///< swing ankle (light foot: small kd)
    double stance_ankle_kp = 450, stance_ankle_kd = 3;
    double stance_knee_kp = 500, stance_knee_kd = 30;
    double full_load_fraction = 0.35;
    // SIMBICON targets (radians) instead of the inverse-kinematics swing path.
    bool simbicon = false;
    double simbicon_state0_s = 0.3, simbicon_hip0 = 0.5, simbicon_hip1 = -0.1, simbicon_knee0 = -1.1,
           simbicon_knee1 = -0.05, simbicon_ankle0 = 0.6, simbicon_ankle1 = 0.15, simbicon_cd = 0.5, simbicon_cv = 0.2;
    /// SIMBICON's balance gains in the coronal plane (rad per m, rad per m/s), when they differ
    /// from the sagittal simbicon_cd, simbicon_cv. NaN (the default): the sagittal values; a
    /// control file resolves them per entry when loading, so entries that do not give them
    /// walk exactly as before. Hof's lateral rule (foot at XcoM + margin, Hof 2008 Hum Mov Sci
    /// 27:112) is about cd = 0, cv = 1/(ω0·l) ≈ 0.33 for a 0.93 m leg; the step width
    /// also follows the centre of mass's position relative to the stance foot (Wang & Srinivasan
    /// 2014, Biol Lett 10:20140405), which is cd.
    double simbicon_cd_lateral = std::numeric_limits<double>::quiet_NaN();
    double simbicon_cv_lateral = std::numeric_limits<double>::quiet_NaN();
    /// Swing-hip PD gains about the adduction axis (N·m/rad, N·m·s/rad at 75 kg), when they
    /// differ from swing_hip_kp, swing_hip_kd (NaN, the default: the same; resolved per entry as
    /// the coronal balance gains are). The lateral foot placement is only as quick as this loop.
    double swing_hip_add_kp = std::numeric_limits<double>::quiet_NaN();
    double swing_hip_add_kd = std::numeric_limits<double>::quiet_NaN();
    /// Crossover guard (m; 0: off). The swing foot's lateral target never lies closer than this
    /// to the stance foot's line on the swing leg's side: after a sideways push toward the stance
    /// leg, the swing leg takes its step beside the stance foot instead of across it, and the step
    /// after it (the stance leg's, on the pushed side) catches the body. Human lateral stepping
    /// strategies after a push: crossover steps are the exception (Hof et al. 2010 J Exp Biol 213:2655;
    /// Bruijn & van Dieën 2018 J R Soc Interface 15:20170816).
    double min_step_width_m = 0;
    /// Pull back to the treadmill belt's middle (per metre of the centre of mass's sideways
    /// offset z from it): SIMBICON's coronal hip target turns by k·z (rad), so the swing foot
    /// lands further out and the body falls back toward the middle over a few strides, as people
    /// stay on a treadmill. Overground: no pull. Within 0–5 (a name with "_lateral" gets that
    /// range). The placement mode (no shipped file uses it) moves its foot target by −k·z (m)
    /// instead, toward the middle, which by the extrapolated-centre-of-mass rule (Hof 2008)
    /// pushes the body away from it: a sign to revisit before that mode is used on a treadmill.
    double centre_pull_lateral = 0.3;
    /// The coronal balance gains and swing-hip adduction gains in use: the *_lateral / *_add_*
    /// values when set, else the sagittal ones (the one place that rule lives).
    double coronalCd() const { return std::isnan(simbicon_cd_lateral) ? simbicon_cd : simbicon_cd_lateral; }
    double coronalCv() const { return std::isnan(simbicon_cv_lateral) ? simbicon_cv : simbicon_cv_lateral; }
    double swingHipAddKp() const { return std::isnan(swing_hip_add_kp) ? swing_hip_kp : swing_hip_add_kp; }
    double swingHipAddKd() const { return std::isnan(swing_hip_add_kd) ? swing_hip_kd : swing_hip_add_kd; }
    /// Writes those four in-use values into their fields (a set that blends or prints them).
    void resolveCoronal() {
        simbicon_cd_lateral = coronalCd();
        simbicon_cv_lateral = coronalCv();
        swing_hip_add_kp = swingHipAddKp();
        swing_hip_add_kd = swingHipAddKd();
    }
    /// Cut-off of a first-order low-pass on the output torques (Hz; 0: off). Muscles cannot
    /// follow faster demands: excitation-activation dynamics alone low-pass at a few Hz
    /// (activation/deactivation time constants 10/40 ms, Winters 1995).
    double torque_filter_hz = 0;
    /// > 0: in SIMBICON state 1 the swing foot is pitched by this angle in the world so that its
    /// trailing part lands first (heel forward, toe backward); 0: the joint target simbicon_ankle1.
    double landing_pitch_rad = 0;
    /// Speed regulation by the stance ankle (N·m per m/s at 75 kg). The body, an inverted
    /// pendulum, accelerates away from its centre of pressure (ẍ = ω0²(x − p), Hof et al. 2005),
    /// so a too-slow walker moves the pressure back against the walking direction: less
    /// plantarflexion forward, less dorsiflexion backward; a too-fast one the other way.
    double speed_ankle_gain = 0;
    /// Push-off: a plantarflexion moment (N·m per kg of body mass) added to the stance ankle,
    /// rising linearly from stance_pushoff_phase of the step to the step's end, then fading out
    /// on the trailing leg over the double support (people's ankle plantarflexion moment peaks at
    /// about 1.5 N·m/kg near 50 % of the cycle, Winter 2009). 0: none.
    double stance_pushoff_nm_per_kg = 0, stance_pushoff_phase = 0.5;
    /// A dorsiflexion stop on the stance ankle: beyond stance_ankle_stop_rad of dorsiflexion
    /// (relative to the foot flat on the surface) the ankle is held by stance_ankle_stop_kp
    /// (N·m/rad at 75 kg) more. People's plantarflexors stop the tibia's forward rotation in
    /// mid-stance at about 10° of dorsiflexion, so the centre of pressure moves to the forefoot
    /// and the heel rises (the ankle's quasi-stiffness rises in late stance: Shamaei, Sawicki &
    /// Dollar 2013, PLoS One 8:e59935). 0: no stop.
    double stance_ankle_stop_rad = 0.35, stance_ankle_stop_kp = 0;
    /// During double support the trailing leg's hip is damped (gain swing_hip_kd); this factor
    /// (0–1) scales that damping in adduction and rotation. With the trailing foot still loaded,
    /// damping those axes against a pelvis that lists and turns over the new stance leg puts a
    /// yaw moment on the pelvis that the hip rotators (about 23 N·m with their reserve,
    /// `retrogait muscles`) cannot answer: stepping in place at a direction switch, the pelvis
    /// turned 30–50° in 0.1 s after a landing. 1: damped like flexion.
    double trailing_hip_turn_damping = 1.0;
    /// The trunk helps turn the pelvis (0–1; 0: off). The stance hip's rotators hold about
    /// 16–18 N·m isometric (`retrogait muscles`), yet holding the pelvis's heading over a loaded
    /// leg asks them for a median 40–57 N·m and at times the ±100 N·m limit (sessions 16 and
    /// 18, docs/walking-dev.md): a hip flexed by f that abducts with moment M turns the pelvis by
    /// M·sin f. With trunk_yaw_assist a, the part of the stance hip's rotation demand beyond
    /// stance_hip_rotation_budget_nm is asked, times a, of the lumbar rotators (the obliques,
    /// about 58 N·m), whose reaction turns the pelvis while the trunk turns the other way; and
    /// the lumbar loop's yaw target moves from facing the walking direction (a = 0) to facing
    /// the pelvis (a = 1), so that it lets the trunk come back with the pelvis instead of
    /// pulling the pelvis around. People use the upper body's counter-rotation this way to
    /// balance the legs' angular momentum about the vertical (Herr & Popovic 2008, J Exp Biol
    /// 211:467, with the arms, which this model lumps into the trunk).
    double trunk_yaw_assist = 0;
    /// N·m at 75 kg (scaled with body mass). 30: about what the rotators deliver at their limit
    /// while stretched, with the reserve (27–28 N·m, session 16); pushes were walked on after
    /// 47, 58, 56 and 58 of 60 sideways pushes with 25, 30, 35 and 40 (session 18).
    double stance_hip_rotation_budget_nm = 30;
    /// On an incline (surface angle θ, positive when the surface rises in +x): the trunk leans
    /// by incline_lean_gain·θ and the swing hip's world targets turn by incline_hip_gain·θ, both
    /// toward the rising surface (the same rule in both directions).
    double incline_lean_gain = 0, incline_hip_gain = 0;
    double height_kp = 2000, height_kd = 200;  ///< N/m, N·s/m: virtual support force feedback  ///< stance foot load (of body weight) for the full hip rule
};

/// Every numeric parameter by name (the control file's keys).
const std::vector<std::pair<const char*, double WalkingParams::*>>& walkingParamFields();
/// Sets one parameter by name (numbers; "simbicon" takes 0/1); false when the name is unknown.
bool setWalkingParam(WalkingParams& p, const std::string& name, double value);

/// Parameter sets at a few speeds (and optionally inclines) for each gait; values between them
/// are interpolated linearly in speed within an incline, then in incline, and held constant
/// outside. Entries are grouped by incline (increasing; 0 when an entry gives none), speeds
/// increasing within a group.
struct WalkingControlDesc {
    std::string file;
    struct Entry { double speed = 0; double incline = 0; WalkingParams params; };
    std::vector<Entry> forward, backward;
};

/// Reads a control file; throws InputError naming the file and field on bad input.
WalkingControlDesc loadWalkingControl(const std::string& path);
/// The default control file shipped in models/.
std::string defaultWalkingControlPath();
/// Parameters for a gait at a speed and incline (percent, uphill in the walking direction);
/// speed and gait are set in the result.
WalkingParams walkingParamsFor(const WalkingControlDesc& d, Gait gait, double speed, double incline_percent = 0);

} // namespace rg
