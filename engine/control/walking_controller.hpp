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
#include "engine/control/walking_params.hpp"

#include <array>
#include <optional>

namespace rg {



class WalkingController : public Controller {
public:
    explicit WalkingController(const WalkingParams& p) : p_(p) {}
    /// Parameters from a control file, for the scene's gait, speed and incline (percent; switching
    /// gait takes the other gait's parameters from the same file).
    WalkingController(WalkingControlDesc desc, Gait gait, double speed, double incline_percent = 0);
    std::string name() const override { return "walking-xcom-simbicon"; }
    void reset(const PhysicsWorld& world) override;
    void compute(const PhysicsWorld& world, Eigen::VectorXd& tau) override;

    WalkingParams& params() { return p_; }
    /// Changes the walking direction (with a control file: to that gait's parameters).
    void setGait(Gait g) override;
    /// Changes the desired speed (with a control file: parameters interpolated at that speed).
    void setSpeed(double v) override;
    std::optional<Gait> activeGait() const override { return p_.gait; }
    /// Half the walking speed along the surface in the walking direction (the first step
    /// brings it to speed).
    Eigen::Vector3d initialVelocity(const PhysicsWorld& world) const override;
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
    std::optional<WalkingControlDesc> desc_;
    double incline_percent_ = 0;  ///< the surface's, for the control file's entries
    std::array<Leg, 2> legs_;
    int lumbar_[3] = {-1, -1, -1};
    int stance_ = 0;
    double t_phase_ = 0;        ///< since the stance foot's initial contact
    double dt_ = 0.001;
    double speed_integral_ = 0;
    double speed_scale_ = 0;    ///< σ of WalkingParams::centring_gain
    Eigen::Vector3d liftoff_ = Eigen::Vector3d::Zero();  ///< swing ankle at lift-off (world, rel. to hip)
    bool swing_started_ = false;
    bool swing_cleared_ = false;  ///< the swing foot has left the ground since lift-off
    double mass_ = 75, ankle_height_ = 0.068, thigh_len_ = 0.42, shank_len_ = 0.44, omega0_ = 3.2;
    double com_height_ = 0.97;  ///< desired centre-of-mass height above the surface (m)
    void applyGait(Gait g);
    std::optional<Gait> pending_gait_;  ///< direction to take at the next initial contact
    bool started_ = false;
    Eigen::VectorXd filtered_;
    Eigen::VectorXd torque_limit_;  ///< N·m per coordinate  ///< low-passed output torques
    double direction_ = 1;      ///< +1 forward, −1 backward (may ramp during a switch)
};

} // namespace rg
