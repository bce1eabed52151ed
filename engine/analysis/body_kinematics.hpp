#pragma once
/// Forward kinematics of the walker from its generalised coordinates, without Bullet: segment
/// poses, velocities and accelerations from the pelvis pose and the joint coordinates, the same
/// tree the physics builds (each coordinate a rotation about its axis in the preceding link's
/// frame, three-coordinate joints in OpenSim's body-fixed order). The analyses use it to
/// re-run on recorded files: inverse dynamics, foot clearance, the base of support.
#include "engine/model/model.hpp"

#include <Eigen/Dense>

#include <vector>

namespace rg {

/// The generalised state of the walker at one instant (SI units, world frame: y up).
struct GeneralisedState {
    Eigen::Vector3d pelvis_origin = Eigen::Vector3d::Zero();   ///< m, pelvis frame origin
    Eigen::Matrix3d pelvis_rotation = Eigen::Matrix3d::Identity();  ///< world-from-pelvis
    Eigen::Vector3d pelvis_origin_velocity = Eigen::Vector3d::Zero();  ///< m/s
    Eigen::Vector3d pelvis_angular_velocity = Eigen::Vector3d::Zero(); ///< rad/s, world
    Eigen::VectorXd q, qd;   ///< rad, rad/s, in Model::coordinates() order
};

/// Accelerations of the generalised state (for inverse dynamics).
struct GeneralisedAcceleration {
    Eigen::Vector3d pelvis_origin = Eigen::Vector3d::Zero();   ///< m/s², of the pelvis origin
    Eigen::Vector3d pelvis_angular = Eigen::Vector3d::Zero();  ///< rad/s², world
    Eigen::VectorXd qdd;                                       ///< rad/s²
};

/// Kinematics of one segment in the world frame.
struct SegmentKinematics {
    Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();   ///< world-from-segment
    Eigen::Vector3d origin = Eigen::Vector3d::Zero();         ///< m, proximal joint centre
    Eigen::Vector3d com = Eigen::Vector3d::Zero();            ///< m
    Eigen::Vector3d angular_velocity = Eigen::Vector3d::Zero();      ///< rad/s
    Eigen::Vector3d com_velocity = Eigen::Vector3d::Zero();          ///< m/s
    Eigen::Vector3d angular_acceleration = Eigen::Vector3d::Zero();  ///< rad/s²
    Eigen::Vector3d com_acceleration = Eigen::Vector3d::Zero();      ///< m/s²
    /// World position of a point given in the segment frame.
    Eigen::Vector3d point(const Eigen::Vector3d& local) const { return origin + rotation * local; }
};

/// Whole-body kinematics: one entry per segment (Model::segments() order), plus the world
/// direction of every coordinate's axis (Model::coordinates() order).
struct BodyKinematics {
    std::vector<SegmentKinematics> segments;
    std::vector<Eigen::Vector3d> coordinate_axes;
};

/// Poses and velocities; accelerations too when `acc` is given.
BodyKinematics forwardKinematics(const Model& model, const GeneralisedState& state,
                                 const GeneralisedAcceleration* acc = nullptr);

/// OpenSim Gait2392 ground-pelvis rotation: body-fixed Z (tilt), X (list), Y (rotation).
Eigen::Matrix3d pelvisRotation(double tilt, double list, double rotation);
/// World directions of the three pelvis rotation axes (Z, once-rotated X, twice-rotated Y):
/// projecting a moment on them gives the generalised forces of tilt, list and rotation.
std::array<Eigen::Vector3d, 3> pelvisRotationAxes(double tilt, double list);
/// Rotation by `angle` about the unit vector `axis`.
Eigen::Matrix3d axisRotation(const Eigen::Vector3d& axis, double angle);

} // namespace rg
