#include "engine/control/walking_controller.hpp"

#include "engine/core/units.hpp"

#include <algorithm>
#include <cmath>

namespace rg {

namespace {
double minimumJerk(double s) {
    s = std::clamp(s, 0.0, 1.0);
    return s * s * s * (10 - 15 * s + 6 * s * s);
}
/// Smooth bump: 0 at s = 0 and 1, 1 at s = peak, zero slope at all three.
double liftProfile(double s, double peak) {
    if (s <= 0 || s >= 1) return 0;
    const double a = s < peak ? 0.5 * kPi * s / peak : 0.5 * kPi * (1 - s) / (1 - peak);
    const double v = std::sin(a);
    return v * v;
}
} // namespace

WalkingController::WalkingController(WalkingControlDesc desc, Gait gait, double speed, double incline_percent)
    : p_(walkingParamsFor(desc, gait, speed, incline_percent)), desc_(std::move(desc)), incline_percent_(incline_percent) {}

void WalkingController::setSpeed(double v) {
    if (desc_) p_ = walkingParamsFor(*desc_, p_.gait, v, incline_percent_);
    p_.speed = v;
}

Eigen::Vector3d WalkingController::initialVelocity(const PhysicsWorld& w) const {
    return (p_.gait == Gait::Forward ? 0.5 : -0.5) * p_.speed * w.surfaceTangent();
}

void WalkingController::setGait(Gait g) {
    // During a walk the new direction starts with the next step (at the swing foot's contact),
    // so that no swing is reversed half-way.
    if (started_) {
        pending_gait_ = g;
        return;
    }
    applyGait(g);
}

void WalkingController::applyGait(Gait g) {
    pending_gait_.reset();
    if (desc_) p_ = walkingParamsFor(*desc_, g, p_.speed, incline_percent_);
    p_.gait = g;
    direction_ = g == Gait::Forward ? 1.0 : -1.0;
    speed_integral_ = 0;
    speed_scale_ = 0;
}

double WalkingController::stepTime() const {
    const double u = std::max(p_.speed, p_.step_speed_floor_m_per_s);
    const double cadence = std::sqrt(60.0 * u / p_.walk_ratio);  // steps/min
    return 60.0 / cadence;
}
double WalkingController::swingTime() const { return stepTime() * (1.0 - p_.double_support_fraction); }

void WalkingController::reset(const PhysicsWorld& w) {
    const Model& m = w.model();
    const char* sides[2] = {"r", "l"};
    for (int i = 0; i < 2; ++i) {
        Leg& L = legs_[i];
        const std::string s = sides[i];
        L.hip_flex = m.coordinateIndex("hip_flexion_" + s);
        L.hip_add = m.coordinateIndex("hip_adduction_" + s);
        L.hip_rot = m.coordinateIndex("hip_rotation_" + s);
        L.knee = m.coordinateIndex("knee_angle_" + s);
        L.ankle = m.coordinateIndex("ankle_angle_" + s);
        L.thigh = m.segmentIndex("thigh_" + s);
        L.shank = m.segmentIndex("shank_" + s);
        L.foot = m.segmentIndex("foot_" + s);
        L.side = i == 0 ? 1.0 : -1.0;
    }
    lumbar_[0] = m.coordinateIndex("lumbar_extension");
    lumbar_[1] = m.coordinateIndex("lumbar_bending");
    lumbar_[2] = m.coordinateIndex("lumbar_rotation");
    mass_ = m.bodyMass();
    // Torque limits, about the muscles' isometric capacity at 75 kg, scaled with body mass.
    torque_limit_.resize(w.numCoordinates());
    for (int c = 0; c < w.numCoordinates(); ++c) {
        const std::string& name = m.coordinates()[c].name;
        const double lim = name.rfind("hip_rotation", 0) == 0 ? 100 : name.rfind("ankle", 0) == 0 ? 200 : 300;
        torque_limit_[c] = lim * mass_ / 75.0;
    }
    thigh_len_ = -m.joints()[m.jointIndex("knee_r")].location[1];
    shank_len_ = -m.joints()[m.jointIndex("ankle_r")].location[1];
    // Ankle height: from the ankle joint down to the sole of the foot's collision box.
    ankle_height_ = 0;
    for (const auto& sh : m.segments()[legs_[0].foot].shapes)
        ankle_height_ = std::max(ankle_height_, -(sh.centre[1] - sh.size[1] / 2));
    const double hip_height = thigh_len_ + shank_len_ + ankle_height_;
    omega0_ = std::sqrt(w.scene().gravity / hip_height);  // Hof et al. 2005: ω0 = sqrt(g/l)
    dt_ = w.timeStep();
    com_height_ = w.centreOfMass().y() - 0.02;
    direction_ = p_.gait == Gait::Forward ? 1.0 : -1.0;
    stance_ = 0;
    t_phase_ = stepTime() * p_.double_support_fraction;  // the left leg swings first
    swing_started_ = false;
    speed_integral_ = 0;
    speed_scale_ = 0;
    filtered_.resize(0);
}

Eigen::Vector3d WalkingController::gravityTorque(const PhysicsWorld& w, int coord, std::initializer_list<int> segs) const {
    // Torque about the coordinate's joint of the weight of the segments distal to it.
    const Model& m = w.model();
    const Eigen::Vector3d p = w.segmentPose(m.joints()[m.coordinates()[coord].joint].child).position;
    Eigen::Vector3d g = Eigen::Vector3d::Zero();
    for (int s : segs)
        g += (w.segmentComPosition(s) - p).cross(Eigen::Vector3d(0, -w.scene().gravity * m.segments()[s].inertial.mass, 0));
    return g;
}

void WalkingController::compute(const PhysicsWorld& w, Eigen::VectorXd& tau) {
    const int n = w.numCoordinates();
    tau = Eigen::VectorXd::Zero(n);
    const double k = mass_ / 75.0;  // gains scale with body mass
    const double g = w.scene().gravity;
    started_ = true;
    // ---- sensing ----
    const Eigen::Vector3d com = w.centreOfMass();
    const Eigen::Vector3d vrel = w.centreOfMassVelocity() - w.beltVelocity();
    const Eigen::Vector3d pel = w.pelvisAngles();  // tilt (z), list (x), rotation (y)
    const Eigen::Vector3d wp = w.segmentAngularVelocity(0);
    const Eigen::Vector3d t_surf = w.surfaceTangent();
    const double surface_angle = std::atan2(t_surf.y(), t_surf.x());
    auto surfaceY = [&](double x) { return x * t_surf.y() / t_surf.x(); };

    // ---- timing and state machine ----
    const double T_step = stepTime();
    const double T_ds = T_step * p_.double_support_fraction;
    const double T_sw = T_step - T_ds;
    t_phase_ += dt_;
    const double body_weight = mass_ * g;
    {
        const int sw0 = 1 - stance_;
        if (!swing_started_ && t_phase_ >= T_ds) {
            swing_started_ = true;
            swing_cleared_ = false;
            liftoff_ = w.segmentPose(legs_[sw0].foot).position - w.segmentPose(legs_[sw0].thigh).position;
        }
        const bool loaded = w.foot(Side(sw0)).force.y() > 0.05 * body_weight;
        if (swing_started_ && !loaded) swing_cleared_ = true;
        const double s0 = swing_started_ ? (t_phase_ - T_ds) / T_sw : 0.0;
        if (swing_started_ && swing_cleared_ && s0 > p_.min_swing_fraction && loaded) {
            stance_ = sw0;  // initial contact of the swing foot
            if (pending_gait_) applyGait(*pending_gait_);
            t_phase_ = dt_;
            swing_started_ = T_ds <= dt_;
            swing_cleared_ = false;
            if (swing_started_)
                liftoff_ = w.segmentPose(legs_[1 - stance_].foot).position - w.segmentPose(legs_[1 - stance_].thigh).position;
        }
    }
    const double dir = direction_;
    const int sw = 1 - stance_;
    const Leg& S = legs_[stance_];
    const Leg& W = legs_[sw];
    const double s = swing_started_ ? (t_phase_ - T_ds) / T_sw : 0.0;
    const double ds_progress = std::clamp(t_phase_ / std::max(T_ds, 1e-6), 0.0, 1.0);  // through the double support

    // ---- speed regulation and foot placement (Hof 2008: foot at XcoM − b) ----
    const double u = dir * vrel.x();
    double u_des = p_.speed;
    if (w.scene().surface == SurfaceType::Treadmill) {
        // WalkingParams::centring_gain: the integral of the distance behind the belt's middle
        // (held near a stop, bounded so that it never reverses or triples the gait's speed).
        constexpr double kHoldBelow = 0.1, kScaleMin = -0.5, kScaleMax = 1.5;  // m/s; σ
        const double behind = -dir * com.x();  // m behind the belt's middle
        if (p_.speed > kHoldBelow)
            speed_scale_ = std::clamp(speed_scale_ + p_.centring_gain * behind * dt_, kScaleMin, kScaleMax);
        u_des = p_.speed * (1.0 + speed_scale_) + p_.position_gain * behind;
    }
    speed_integral_ = std::clamp(speed_integral_ + (u_des - u) * dt_, -1.0, 1.0);
    const double L = p_.speed * T_step;
    const double b0 = L / (std::exp(omega0_ * T_step) + 1.0);  // steady linear-inverted-pendulum offset
    const double b = b0 + p_.speed_gain * (u_des - u) + p_.speed_integral_gain * speed_integral_;
    Eigen::Vector3d target = com;
    target.x() += vrel.x() / omega0_ - dir * b;
    // pull back to the belt's middle (WalkingParams::centre_pull_lateral)
    const double centre_pull = w.scene().surface == SurfaceType::Treadmill ? -p_.centre_pull_lateral * com.z() : 0.0;
    target.z() += vrel.z() / omega0_ + W.side * p_.step_width_margin_m + centre_pull;
    if (p_.min_step_width_m > 0) {  // crossover guard (see WalkingParams::min_step_width_m)
        const double st_z = w.segmentPose(S.foot).position.z();
        target.z() = st_z + W.side * std::max(W.side * (target.z() - st_z), p_.min_step_width_m);
    }
    // Coronal balance gains (the sagittal ones unless set apart).
    const double cd_lat = p_.coronalCd(), cv_lat = p_.coronalCv();

    // ---- pelvis and trunk (world frame) ----
    Eigen::Vector3d T_pelvis(k * (p_.pelvis_kp * (0 - pel[1]) - p_.pelvis_kd * wp.x()),
                             k * (p_.yaw_kp * (0 - pel[2]) - p_.yaw_kd * wp.y()),
                             k * (p_.pelvis_kp * (0 - pel[0]) - p_.pelvis_kd * wp.z()));
    // On a slope the trunk leans toward the rising surface (people lean into a hill: Leroux et al.
    // 2002, Gait Posture 15:64), by incline_lean_gain times the surface angle.
    const double lean = p_.torso_lean_rad + p_.incline_lean_gain * surface_angle;
    const double lum_t[3] = {-lean - pel[0], -pel[1], -(1.0 - p_.trunk_yaw_assist) * pel[2]};
    for (int i = 0; i < 3; ++i) {
        const int c = lumbar_[i];
        tau[c] = k * (p_.lumbar_kp * (lum_t[i] - w.q(c)) - p_.lumbar_kd * w.qd(c));
        T_pelvis += w.coordinateAxisWorld(c) * tau[c];  // the hips also carry the lumbar reaction
    }

    // ---- swing leg ----
    auto pd = [&](int c, double target_q, double kp, double kd) {
        return k * (kp * (target_q - w.q(c)) - kd * w.qd(c));
    };
    const Eigen::Vector3d hip = w.segmentPose(W.thigh).position;
    Eigen::Matrix3d A_sw, A_st;
    const int swc[3] = {W.hip_flex, W.hip_add, W.hip_rot}, stc[3] = {S.hip_flex, S.hip_add, S.hip_rot};
    for (int i = 0; i < 3; ++i) {
        A_sw.col(i) = w.coordinateAxisWorld(swc[i]);
        A_st.col(i) = w.coordinateAxisWorld(stc[i]);
    }
    Eigen::Vector3d Q_sw = Eigen::Vector3d::Zero();
    if (swing_started_) {
        Eigen::Vector3d rel_target = target - hip;
        const Eigen::Vector3d rel0 = liftoff_;
        const double sr = s / p_.reach_fraction;  // the foot arrives over its landing point early
        const double mj = minimumJerk(sr);
        Eigen::Vector3d r = rel0 + (rel_target - rel0) * mj;
        const double peak = dir * rel0.x() < 0 ? p_.lift_peak_behind : 1.0 - p_.lift_peak_behind;
        const double x_world = hip.x() + r.x();
        double ankle_y = surfaceY(x_world) + ankle_height_ + p_.swing_lift_m * liftProfile(sr, peak);
        if (sr > 1) ankle_y -= 0.03 * std::min(1.0, (sr - 1) / 0.2);  // reach down for contact
        r.y() = ankle_y - hip.y();
        // heading frame: undo the pelvis yaw
        const double cy = std::cos(-pel[2]), sy = std::sin(-pel[2]);
        const Eigen::Vector3d h(cy * r.x() + sy * r.z(), r.y(), -sy * r.x() + cy * r.z());
        const double D = h.norm();
        const double l1 = thigh_len_, l2 = shank_len_;
        const double c_k = std::clamp((D * D - l1 * l1 - l2 * l2) / (2 * l1 * l2), -1.0, 1.0);
        const double kappa = std::acos(c_k);  // knee flexion
        const double alpha = std::atan2(h.x(), std::sqrt(h.y() * h.y() + h.z() * h.z()));
        const double beta = std::atan2(l2 * std::sin(kappa), l1 + l2 * std::cos(kappa));
        const double pitch = alpha + beta;
        const double add_world = std::atan2(-W.side * h.z(), -h.y());
        double q_flex = pitch - pel[0];
        double q_add = add_world - W.side * pel[1];
        const double q_rot = W.side * (0 - pel[2]);
        double q_knee = -kappa;
        const double foot_pitch = surface_angle + dir * 0.12;
        double q_ankle = foot_pitch - (pel[0] + w.q(W.hip_flex) + w.q(W.knee));
        const double add_kp = p_.swingHipAddKp(), add_kd = p_.swingHipAddKd();
        if (p_.simbicon) {
            // SIMBICON (Yin et al. 2007): world-frame swing-hip targets with balance feedback
            // θ = θ0 + cd·d + cv·v in the sagittal and coronal planes, joint targets per state.
            const Eigen::Vector3d st_ankle = w.segmentPose(S.foot).position;
            const double d = com.x() - st_ankle.x(), dz = com.z() - st_ankle.z();
            const bool state0 = (t_phase_ - T_ds) < p_.simbicon_state0_s;
            const double th0 = dir * (state0 ? p_.simbicon_hip0 : p_.simbicon_hip1) + p_.incline_hip_gain * surface_angle;
            const double pitch_t = th0 + p_.simbicon_cd * d + p_.simbicon_cv * (vrel.x() - dir * u_des);
            double roll_t = -W.side * (cd_lat * dz + cv_lat * vrel.z() - centre_pull);
            if (p_.min_step_width_m > 0) {
                // Crossover guard: the leg, turned by roll_t in the coronal plane, puts the ankle
                // (h below the hip) at hip.z − side·h·tan(roll_t); keep it min_step_width_m
                // outside the stance ankle's line. The PD loop lags its target by about kd/kp
                // times the leg's adduction rate (the thigh's world angular velocity about the
                // walking direction, signed per side), so the limit is lowered by that much: the
                // leg stops at it instead of overshooting (near it the loop doubles its damping).
                const double h = std::max(hip.y() - st_ankle.y(), 0.5 * (thigh_len_ + shank_len_));
                const double room = W.side * (hip.z() - st_ankle.z()) - p_.min_step_width_m;
                const double add_rate = W.side * w.segmentAngularVelocity(W.thigh).x();
                const double lag = add_kp > 0 ? add_kd / add_kp : 0.0;
                roll_t = std::min(roll_t, std::atan(room / h) - lag * add_rate);
            }
            q_flex = pitch_t - pel[0];
            q_add = roll_t - W.side * pel[1];
            q_knee = state0 ? p_.simbicon_knee0 : p_.simbicon_knee1;
            q_ankle = state0 ? p_.simbicon_ankle0 : p_.simbicon_ankle1;
            // Landing with the trailing part of the foot first, in both directions (heel when
            // walking forward, toe when walking backward): a world-frame foot pitch in state 1.
            if (!state0 && p_.landing_pitch_rad > 0)
                q_ankle = surface_angle + dir * p_.landing_pitch_rad - (pel[0] + w.q(W.hip_flex) + w.q(W.knee));
        }
        Q_sw[0] = pd(W.hip_flex, q_flex, p_.swing_hip_kp, p_.swing_hip_kd);
        Q_sw[1] = pd(W.hip_add, q_add, add_kp, add_kd);
        Q_sw[2] = pd(W.hip_rot, q_rot, p_.swing_hip_rot_kp, p_.swing_hip_rot_kd);
        const Eigen::Vector3d G_hip = gravityTorque(w, W.hip_flex, {W.thigh, W.shank, W.foot});
        for (int i = 0; i < 3; ++i) Q_sw[i] -= A_sw.col(i).dot(G_hip);
        tau[W.knee] = pd(W.knee, q_knee, p_.swing_knee_kp, p_.swing_knee_kd) -
                      w.coordinateAxisWorld(W.knee).dot(gravityTorque(w, W.knee, {W.shank, W.foot}));
        tau[W.ankle] = pd(W.ankle, q_ankle, p_.ankle_kp, p_.ankle_kd) -
                       w.coordinateAxisWorld(W.ankle).dot(gravityTorque(w, W.ankle, {W.foot}));
    } else {
        // double support: the trailing leg pushes off and starts to flex its knee
        tau[W.knee] = pd(W.knee, -0.35, p_.stance_knee_kp, p_.stance_knee_kd);
        tau[W.ankle] = pd(W.ankle, surface_angle + p_.pushoff_ankle_rad, p_.stance_ankle_kp * p_.pushoff_gain, p_.stance_ankle_kd) -
                       p_.stance_pushoff_nm_per_kg * mass_ * (1.0 - ds_progress);
        // the trailing leg's hip damping (in adduction and rotation scaled by trailing_hip_turn_damping)
        const double f = p_.trailing_hip_turn_damping;
        Q_sw = -k * p_.swing_hip_kd * Eigen::Vector3d(w.qd(W.hip_flex), f * w.qd(W.hip_add), f * w.qd(W.hip_rot));
    }
    for (int i = 0; i < 3; ++i) tau[swc[i]] = Q_sw[i];

    // ---- stance leg ----
    tau[S.knee] = pd(S.knee, p_.stance_knee_rad, p_.stance_knee_kp, p_.stance_knee_kd);
    tau[S.ankle] = pd(S.ankle, surface_angle, p_.stance_ankle_kp, p_.stance_ankle_kd) +
                   dir * k * p_.speed_ankle_gain * (u_des - u);
    if (p_.stance_ankle_stop_kp > 0) {
        const double beyond = w.q(S.ankle) - surface_angle - p_.stance_ankle_stop_rad;
        if (beyond > 0) tau[S.ankle] -= k * p_.stance_ankle_stop_kp * beyond;
    }
    if (p_.stance_pushoff_nm_per_kg > 0) {
        const double phi0 = std::min(p_.stance_pushoff_phase, 0.99);  // the file allows 0–1
        const double ramp = std::clamp((t_phase_ / T_step - phi0) / (1.0 - phi0), 0.0, 1.0);
        tau[S.ankle] -= p_.stance_pushoff_nm_per_kg * mass_ * ramp;
    }
    // Weight support by a virtual force (Coros et al. 2010): the stance legs push the body up
    // with its weight plus a height feedback, through knee torques J^T F. In double support the
    // load passes from the trailing to the leading leg over the double-support time.
    {
        const double vy = w.centreOfMassVelocity().y() - w.beltVelocity().y();
        const double F = body_weight + k * (p_.height_kp * (com_height_ - (com.y() - surfaceY(com.x()))) - p_.height_kd * vy);
        const double lead_share = swing_started_ ? 1.0 : ds_progress;
        auto support = [&](const Leg& leg, double share) {
            const Eigen::Vector3d ankle = w.segmentPose(leg.foot).position;
            const Eigen::Vector3d ground(ankle.x(), surfaceY(ankle.x()), ankle.z());
            const Eigen::Vector3d knee = w.segmentPose(leg.shank).position;
            const Eigen::Vector3d force(0, share * F, 0);
            tau[leg.knee] += -w.coordinateAxisWorld(leg.knee).dot((ground - knee).cross(force));
        };
        support(S, lead_share);
        if (!swing_started_) support(W, 1.0 - lead_share);
    }
    // The hips must put T_pelvis on the pelvis: −A_st Q_st − A_sw Q_sw = T_pelvis.
    const auto A_st_qr = A_st.colPivHouseholderQr();
    Eigen::Vector3d Q_rule = A_st_qr.solve(-T_pelvis - A_sw * Q_sw);
    const double load = std::clamp(w.foot(Side(stance_)).force.y() / (p_.full_load_fraction * body_weight), 0.0, 1.0);
    // The trunk's help with the pelvis's heading (see WalkingParams::trunk_yaw_assist): the lumbar
    // rotation takes the yaw of the stance hip's rotation demand beyond its budget, and the
    // stance hip is solved again (same factorisation) with that reaction on the pelvis.
    const double budget = k * p_.stance_hip_rotation_budget_nm;
    if (p_.trunk_yaw_assist > 0 && std::abs(Q_rule[2]) > budget) {
        const int lum_rot = lumbar_[2];
        const Eigen::Vector3d lum_axis = w.coordinateAxisWorld(lum_rot);
        if (std::abs(lum_axis.y()) > 0.5) {  // the lumbar rotation axis near vertical
            const double excess = Q_rule[2] - std::clamp(Q_rule[2], -budget, budget);
            const double want = p_.trunk_yaw_assist * load * excess * A_st.col(2).y() / lum_axis.y();
            const double lim = torque_limit_[lum_rot];
            const double extra = std::clamp(tau[lum_rot] + want, -lim, lim) - tau[lum_rot];
            tau[lum_rot] += extra;
            T_pelvis += lum_axis * extra;
            Q_rule = A_st_qr.solve(-T_pelvis - A_sw * Q_sw);
        }
    }
    const Eigen::Vector3d Q_hold = -k * p_.swing_hip_kd * Eigen::Vector3d(w.qd(S.hip_flex), w.qd(S.hip_add), w.qd(S.hip_rot));
    const Eigen::Vector3d Q_st = load * Q_rule + (1 - load) * Q_hold;
    for (int i = 0; i < 3; ++i) tau[stc[i]] = Q_st[i];

    // ---- torque limits (about the muscles' isometric capacity at 75 kg) ----
    for (int c = 0; c < n; ++c) tau[c] = std::clamp(tau[c], -torque_limit_[c], torque_limit_[c]);
    if (p_.torque_filter_hz > 0) {
        if (filtered_.size() != n) filtered_ = tau;
        const double a = 1.0 - std::exp(-2.0 * kPi * p_.torque_filter_hz * dt_);
        filtered_ += a * (tau - filtered_);
        tau = filtered_;
    }
}

} // namespace rg
