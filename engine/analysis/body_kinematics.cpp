#include "engine/analysis/body_kinematics.hpp"

#include <cmath>

namespace rg {

namespace {
Eigen::Vector3d ev(const Vec3& v) { return {v[0], v[1], v[2]}; }
} // namespace

Eigen::Matrix3d axisRotation(const Eigen::Vector3d& axis, double angle) {
    return Eigen::AngleAxisd(angle, axis.normalized()).toRotationMatrix();
}

Eigen::Matrix3d pelvisRotation(double tilt, double list, double rotation) {
    return axisRotation(Eigen::Vector3d::UnitZ(), tilt) * axisRotation(Eigen::Vector3d::UnitX(), list) *
           axisRotation(Eigen::Vector3d::UnitY(), rotation);
}

std::array<Eigen::Vector3d, 3> pelvisRotationAxes(double tilt, double list) {
    const Eigen::Matrix3d rz = axisRotation(Eigen::Vector3d::UnitZ(), tilt);
    const Eigen::Matrix3d rzx = rz * axisRotation(Eigen::Vector3d::UnitX(), list);
    return {Eigen::Vector3d::UnitZ(), rz * Eigen::Vector3d::UnitX(), rzx * Eigen::Vector3d::UnitY()};
}

BodyKinematics forwardKinematics(const Model& model, const GeneralisedState& s, const GeneralisedAcceleration* acc) {
    BodyKinematics out;
    const auto& segs = model.segments();
    out.segments.resize(segs.size());
    out.coordinate_axes.assign(model.coordinates().size(), Eigen::Vector3d::Zero());
    // Origin accelerations are kept per segment while walking down the tree.
    std::vector<Eigen::Vector3d> origin_vel(segs.size()), origin_acc(segs.size(), Eigen::Vector3d::Zero());

    auto finishSegment = [&](int i) {
        SegmentKinematics& k = out.segments[i];
        const Eigen::Vector3d d = k.rotation * ev(segs[i].inertial.com);
        k.com = k.origin + d;
        k.com_velocity = origin_vel[i] + k.angular_velocity.cross(d);
        if (acc)
            k.com_acceleration = origin_acc[i] + k.angular_acceleration.cross(d) +
                                 k.angular_velocity.cross(k.angular_velocity.cross(d));
    };

    SegmentKinematics& pelvis = out.segments[0];
    pelvis.rotation = s.pelvis_rotation;
    pelvis.origin = s.pelvis_origin;
    pelvis.angular_velocity = s.pelvis_angular_velocity;
    origin_vel[0] = s.pelvis_origin_velocity;
    if (acc) {
        pelvis.angular_acceleration = acc->pelvis_angular;
        origin_acc[0] = acc->pelvis_origin;
    }
    finishSegment(0);

    for (const Joint& j : model.joints()) {
        const SegmentKinematics& p = out.segments[j.parent];
        SegmentKinematics& c = out.segments[j.child];
        const Eigen::Vector3d r = p.rotation * ev(j.location);
        c.origin = p.origin + r;
        origin_vel[j.child] = origin_vel[j.parent] + p.angular_velocity.cross(r);
        if (acc)
            origin_acc[j.child] = origin_acc[j.parent] + p.angular_acceleration.cross(r) +
                                  p.angular_velocity.cross(p.angular_velocity.cross(r));
        Eigen::Matrix3d R = p.rotation;
        Eigen::Vector3d w = p.angular_velocity, a = p.angular_acceleration;
        for (int ci : j.coordinates) {
            const Eigen::Vector3d axis_local = ev(model.coordinates()[ci].axis).normalized();
            const Eigen::Vector3d e = R * axis_local;  // the axis is fixed in the preceding link
            out.coordinate_axes[ci] = e;
            const Eigen::Vector3d wrel = e * s.qd[ci];
            if (acc) a += w.cross(wrel) + e * acc->qdd[ci];
            w += wrel;
            R = R * axisRotation(axis_local, s.q[ci]);
        }
        c.rotation = R;
        c.angular_velocity = w;
        c.angular_acceleration = acc ? a : Eigen::Vector3d::Zero();
        finishSegment(j.child);
    }
    return out;
}

} // namespace rg
