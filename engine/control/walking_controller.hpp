#pragma once
/// A 3D walking controller for forward and backward gait (SIMBICON-style, Yin et al. 2007,
/// with foot placement by the extrapolated centre of mass, Hof 2008).
///
/// Per leg a two-state machine: stance, and swing that starts a double-support time after the
/// other foot's initial contact and ends at this foot's initial contact. The swing foot
/// follows a smooth path from lift-off to a landing point placed relative to the extrapolated
/// centre of mass (XcoM = x + v/ω0) with an offset that regulates speed; two-link inverse
/// kinematics turns the path into hip and knee targets tracked by PD control with gravity
/// compensation. The pelvis and trunk are held upright in the world frame through the stance
/// hip (the torque the pelvis needs, minus what the swing hip applies; blended with a local
/// hold by the stance foot's load). The same rules serve both directions: backward gait is
/// the direction sign flipped, not a separate pattern. Gait timing follows one walk-ratio rule
/// for both directions (Sekiya & Nagasaki 1998), so no direction-specific outcome is built in.
#include "engine/control/controller.hpp"
#include "engine/model/scene_desc.hpp"

#include <array>

namespace rg {

struct WalkingParams {
    double speed = 1.25;            ///< m/s relative to the surface
    Gait gait = Gait::Forward;
    /// Step length / cadence (m per step/min): 0.0064 for adults (Sekiya & Nagasaki 1998,
    /// Eur J Appl Physiol 77:41); with speed it fixes the cadence: C = sqrt(60 v / ratio).
    double walk_ratio = 0.0064;
    double double_support_fraction = 0.2;  ///< of a step (≈ 10 % of the cycle each, Winter 2009)
    double swing_lift_m = 0.12;     ///< ankle lift above its standing height at peak
    double reach_fraction = 0.85;   ///< swing fraction at which the foot is over its landing point
    double min_swing_fraction = 0.7;  ///< contact before this fraction of swing is not a landing
    double lift_peak_behind = 0.3;  ///< swing fraction of peak lift when the foot starts behind
    double step_width_margin_m = 0.03;  ///< lateral XcoM margin b_z (Hof 2008)
    double speed_gain = 0.25;       ///< m of placement offset per m/s of speed error
    double speed_integral_gain = 0.15;  ///< m per (m/s · s)
    double position_gain = 0.5;     ///< 1/s: desired speed change per m off the belt centre
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
    double height_kp = 2000, height_kd = 200;  ///< N/m, N·s/m: virtual support force feedback  ///< stance foot load (of body weight) for the full hip rule
};

class WalkingController : public Controller {
public:
    explicit WalkingController(const WalkingParams& p) : p_(p) {}
    std::string name() const override { return "walking-xcom-simbicon"; }
    void reset(const PhysicsWorld& world) override;
    void compute(const PhysicsWorld& world, Eigen::VectorXd& tau) override;

    WalkingParams& params() { return p_; }
    /// Changes the walking direction (the controller slows down and turns around).
    void setGait(Gait g);
    int stanceLeg() const { return stance_; }
    double stepTime() const;
    double swingTime() const;

private:
    struct Leg {
        int hip_flex = -1, hip_add = -1, hip_rot = -1, knee = -1, ankle = -1;
        int thigh = -1, shank = -1, foot = -1;
        double side = 1;  ///< +1 right (z > 0), −1 left
    };
    Eigen::Vector3d gravityTorque(const PhysicsWorld& w, int coord, std::initializer_list<int> segments) const;

    WalkingParams p_;
    std::array<Leg, 2> legs_;
    int lumbar_[3] = {-1, -1, -1};
    int stance_ = 0;
    double t_phase_ = 0;        ///< since the stance foot's initial contact
    double dt_ = 0.001;
    double speed_integral_ = 0;
    Eigen::Vector3d liftoff_ = Eigen::Vector3d::Zero();  ///< swing ankle at lift-off (world, rel. to hip)
    bool swing_started_ = false;
    bool swing_cleared_ = false;  ///< the swing foot has left the ground since lift-off
    double mass_ = 75, ankle_height_ = 0.068, thigh_len_ = 0.42, shank_len_ = 0.44, omega0_ = 3.2;
    double com_height_ = 0.97;  ///< desired centre-of-mass height above the surface (m)
    double direction_ = 1;      ///< +1 forward, −1 backward (may ramp during a switch)
};

} // namespace rg
