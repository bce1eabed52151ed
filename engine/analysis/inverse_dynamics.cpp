#include "engine/analysis/inverse_dynamics.hpp"

#include <cmath>
#include <limits>

namespace rg {

namespace {
Eigen::Vector3d ev(const Vec3& v) { return {v[0], v[1], v[2]}; }
const char* kAxes[3] = {"x", "y", "z"};
} // namespace

InverseDynamicsResult inverseDynamics(const Model& model, const BodyKinematics& kin,
                                      const std::vector<ExternalLoad>& loads, const Eigen::Vector3d& gravity) {
    const auto& segs = model.segments();
    const std::size_t ns = segs.size();
    // Per segment: the net force and moment (about the world origin) the rest of the body must
    // supply through the segment's joint: Newton–Euler demand minus the external loads.
    std::vector<Eigen::Vector3d> F(ns), M(ns);
    for (std::size_t i = 0; i < ns; ++i) {
        const SegmentKinematics& k = kin.segments[i];
        const SegmentInertia& in = segs[i].inertial;
        const Eigen::Matrix3d I = k.rotation * Eigen::Vector3d(ev(in.inertia)).asDiagonal() * k.rotation.transpose();
        const Eigen::Vector3d f = in.mass * (k.com_acceleration - gravity);
        const Eigen::Vector3d m = I * k.angular_acceleration + k.angular_velocity.cross(I * k.angular_velocity);
        F[i] = f;
        M[i] = m + k.com.cross(f);
    }
    for (const ExternalLoad& l : loads) {
        F[l.segment] -= l.force;
        M[l.segment] -= l.torque + l.point.cross(l.force);
    }
    InverseDynamicsResult r;
    r.joints.resize(model.joints().size());
    r.generalised_forces = Eigen::VectorXd::Zero(model.coordinates().size());
    // Joints are in tree order (parents first): sweep from the leaves towards the pelvis.
    for (int ji = int(model.joints().size()) - 1; ji >= 0; --ji) {
        const Joint& j = model.joints()[ji];
        const Eigen::Vector3d o = kin.segments[j.child].origin;
        JointLoad& jl = r.joints[ji];
        jl.force = F[j.child];
        jl.moment = M[j.child] - o.cross(F[j.child]);
        for (int c : j.coordinates) r.generalised_forces[c] = kin.coordinate_axes[c].dot(jl.moment);
        F[j.parent] += F[j.child];
        M[j.parent] += M[j.child];
    }
    r.residual_force = F[0];
    r.residual_moment = M[0] - kin.segments[0].origin.cross(F[0]);
    return r;
}

InverseDynamicsSeries inverseDynamicsOfRecording(const Recording& rec, double gravity, Differencing scheme, double dt_step) {
    const Model& model = rec.model();
    const auto& coords = model.coordinates();
    const int nc = int(coords.size());
    std::vector<std::string> names{"time", "pelvis_tilt_moment", "pelvis_list_moment", "pelvis_rotation_moment",
                                   "pelvis_tx_force", "pelvis_ty_force", "pelvis_tz_force"};
    for (const auto& c : coords) names.push_back(c.name + "_moment");
    std::vector<std::string> jnames{"time"};
    for (const auto& j : model.joints()) {
        for (const char* a : kAxes) jnames.push_back(j.name + "_force_" + a + "_n");
        for (const char* a : kAxes) jnames.push_back(j.name + "_moment_" + a + "_nm");
    }
    InverseDynamicsSeries out{Table(names), Table(jnames)};
    const std::size_t n = rec.rows();
    out.moments.reserve(n);
    out.joint_loads.reserve(n);
    const Eigen::Vector3d g(0, -gravity, 0);
    const int foot_seg[2] = {model.segmentIndex("foot_r"), model.segmentIndex("foot_l")};
    const Eigen::Vector3d pelvis_com_local = ev(model.segments()[0].inertial.com);
    const double nan = std::numeric_limits<double>::quiet_NaN();

    // Velocities to difference: pelvis centre of mass, pelvis angular velocity, joint rates.
    std::vector<GeneralisedState> states(n);
    std::vector<Eigen::Vector3d> vcom(n);
    for (std::size_t k = 0; k < n; ++k) {
        states[k] = rec.state(k);
        vcom[k] = states[k].pelvis_origin_velocity +
                  states[k].pelvis_angular_velocity.cross(states[k].pelvis_rotation * pelvis_com_local);
    }
    std::vector<double> row(names.size()), jrow(jnames.size());
    GeneralisedState st;
    GeneralisedAcceleration acc;
    // The state and accelerations inverse dynamics is evaluated at, for row k.
    auto evaluationPoint = [&](std::size_t k) -> bool {
        if (scheme == Differencing::RecordedStep) {
            if (!rec.hasAccelerations() || !(dt_step > 0)) return false;
            const GeneralisedState& e = states[k];
            acc = rec.acceleration(k);
            if (!acc.qdd.allFinite() || !acc.pelvis_origin.allFinite() || !acc.pelvis_angular.allFinite()) return false;
            // Semi-implicit Euler backwards: v(n−1) = v(n) − h·a, q(n−1) = q(n) − h·v(n); the pelvis
            // centre of mass moved by h·v_com(n) and turned by h·ω(n).
            st.q = e.q - dt_step * e.qd;
            st.qd = e.qd - dt_step * acc.qdd;
            st.pelvis_angular_velocity = e.pelvis_angular_velocity - dt_step * acc.pelvis_angular;
            st.pelvis_origin_velocity = e.pelvis_origin_velocity - dt_step * acc.pelvis_origin;
            const Eigen::Vector3d w = e.pelvis_angular_velocity * dt_step;
            st.pelvis_rotation = (w.norm() > 0 ? Eigen::Matrix3d(Eigen::AngleAxisd(-w.norm(), w.normalized())) : Eigen::Matrix3d::Identity()) *
                                 e.pelvis_rotation;
            const Eigen::Vector3d com_n = e.pelvis_origin + e.pelvis_rotation * pelvis_com_local;
            const Eigen::Vector3d com_p = com_n - dt_step * vcom[k];
            const Eigen::Vector3d d = st.pelvis_rotation * pelvis_com_local;
            st.pelvis_origin = com_p - d;
            const Eigen::Vector3d& wp = st.pelvis_angular_velocity;
            const Eigen::Vector3d vcom_p = st.pelvis_origin_velocity + wp.cross(d);
            const Eigen::Vector3d acom = (vcom[k] - vcom_p) / dt_step;
            acc.pelvis_origin = acom - acc.pelvis_angular.cross(d) - wp.cross(wp.cross(d));
            return true;
        }
        std::size_t s = k, a = k, b = k;  // evaluation row, difference rows
        if (scheme == Differencing::StepConsistent) {
            if (k == 0) return false;
            s = a = k - 1;
        } else {
            a = k > 0 ? k - 1 : k;
            b = k + 1 < n ? k + 1 : k;
        }
        const double dt = rec.time(b) - rec.time(a);
        if (n < 2 || !(dt > 0)) return false;
        st = states[s];
        acc.qdd = (states[b].qd - states[a].qd) / dt;
        acc.pelvis_angular = (states[b].pelvis_angular_velocity - states[a].pelvis_angular_velocity) / dt;
        const Eigen::Vector3d acom = (vcom[b] - vcom[a]) / dt;
        const Eigen::Vector3d d = st.pelvis_rotation * pelvis_com_local;
        const Eigen::Vector3d& w = st.pelvis_angular_velocity;
        acc.pelvis_origin = acom - acc.pelvis_angular.cross(d) - w.cross(w.cross(d));
        return true;
    };
    for (std::size_t k = 0; k < n; ++k) {
        row.assign(row.size(), nan);
        jrow.assign(jrow.size(), nan);
        row[0] = jrow[0] = rec.time(k);
        if (!evaluationPoint(k)) {
            out.moments.addRow(row);
            out.joint_loads.addRow(jrow);
            continue;
        }
        const BodyKinematics kin = forwardKinematics(model, st, &acc);

        std::vector<ExternalLoad> loads;
        for (int side = 0; side < 2; ++side) {
            if (foot_seg[side] < 0) continue;
            const FootLoad f = rec.foot(k, side);
            if (f.force.squaredNorm() == 0 && f.torque.squaredNorm() == 0) continue;
            loads.push_back({foot_seg[side], f.force, f.cop, f.torque});
        }
        const Eigen::Vector3d push = rec.pelvisPush(k);
        if (push.squaredNorm() > 0) loads.push_back({0, push, kin.segments[0].com, Eigen::Vector3d::Zero()});
        const InverseDynamicsResult r = inverseDynamics(model, kin, loads, g);

        const double tilt = std::atan2(-st.pelvis_rotation(0, 1), st.pelvis_rotation(1, 1));
        const double list = std::asin(std::clamp(st.pelvis_rotation(2, 1), -1.0, 1.0));
        const auto axes = pelvisRotationAxes(tilt, list);
        for (int i = 0; i < 3; ++i) row[1 + i] = axes[i].dot(r.residual_moment);
        for (int i = 0; i < 3; ++i) row[4 + i] = r.residual_force[i];
        for (int c = 0; c < nc; ++c) row[7 + c] = r.generalised_forces[c];
        std::size_t q = 1;
        for (const JointLoad& jl : r.joints) {
            for (int i = 0; i < 3; ++i) jrow[q++] = jl.force[i];
            for (int i = 0; i < 3; ++i) jrow[q++] = jl.moment[i];
        }
        out.moments.addRow(row);
        out.joint_loads.addRow(jrow);
    }
    return out;
}

} // namespace rg
