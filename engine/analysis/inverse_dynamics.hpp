#pragma once
/// Inverse dynamics: net joint moments and forces from the motion and the external loads, by
/// Newton–Euler over the segments (recursive, from the leaves of the tree to the pelvis).
/// For each joint it gives the force and moment the parent exerts on the child through the
/// joint (muscles, ligaments and bone together); the moment projected on a coordinate's axis is
/// that coordinate's net joint moment (OpenSim's generalised force). What is left at the
/// pelvis is the residual: zero when motion and ground reaction forces are consistent.
#include "engine/analysis/body_kinematics.hpp"
#include "engine/analysis/recording.hpp"
#include "engine/io/table.hpp"

#include <Eigen/Dense>

#include <vector>

namespace rg {

/// An external load on a segment: a force through a point plus a free couple (world frame).
struct ExternalLoad {
    int segment = -1;
    Eigen::Vector3d force = Eigen::Vector3d::Zero();   ///< N
    Eigen::Vector3d point = Eigen::Vector3d::Zero();   ///< m, where the force acts
    Eigen::Vector3d torque = Eigen::Vector3d::Zero();  ///< N·m, free couple
};

/// Net load transmitted by a joint: from the parent on the child (world frame).
struct JointLoad {
    Eigen::Vector3d force = Eigen::Vector3d::Zero();   ///< N
    Eigen::Vector3d moment = Eigen::Vector3d::Zero();  ///< N·m, about the joint centre
};

struct InverseDynamicsResult {
    Eigen::VectorXd generalised_forces;   ///< N·m per coordinate (Model::coordinates() order)
    std::vector<JointLoad> joints;        ///< per Model::joints()
    Eigen::Vector3d residual_force = Eigen::Vector3d::Zero();   ///< N, missing on the pelvis
    Eigen::Vector3d residual_moment = Eigen::Vector3d::Zero();  ///< N·m, about the pelvis origin
};

/// One instant. `kin` must carry accelerations (forwardKinematics with `acc`).
/// `gravity`: the gravitational acceleration vector (m/s², e.g. (0, −9.81, 0)).
InverseDynamicsResult inverseDynamics(const Model& model, const BodyKinematics& kin,
                                      const std::vector<ExternalLoad>& loads, const Eigen::Vector3d& gravity);

/// How accelerations are obtained from recorded velocities.
enum class Differencing {
    /// Central differences at each row (the usual choice for recorded data at any rate).
    Central,
    /// For recordings taken at every physics step: the state of row k−1 and the velocity change
    /// to row k, i.e. exactly the semi-implicit Euler step that produced row k with the torques
    /// and contact forces recorded in row k. Row 0 is NaN.
    StepConsistent,
    /// For recordings with the accelerations of each sampled step (Recording::hasAccelerations):
    /// the state at the start of that step is reconstructed from the end state, the recorded
    /// accelerations and the time step (semi-implicit Euler run backwards), so inverse dynamics
    /// matches the step's torques and contact forces at any sampling rate.
    RecordedStep,
};

struct InverseDynamicsSeries {
    /// OpenSim inverse-dynamics layout: time, pelvis_tilt_moment, pelvis_list_moment,
    /// pelvis_rotation_moment, pelvis_tx_force, pelvis_ty_force, pelvis_tz_force (pelvis
    /// residuals), then <coordinate>_moment (N·m) for every joint coordinate.
    Table moments;
    /// time, then per joint <joint>_force_<x|y|z>_n and <joint>_moment_<x|y|z>_nm (world frame,
    /// from parent on child, moment about the joint centre).
    Table joint_loads;
};

/// Inverse dynamics of every row of a recording. Gravity points along −y. `time_step_s`: the
/// physics step (needed by RecordedStep).
InverseDynamicsSeries inverseDynamicsOfRecording(const Recording& rec, double gravity,
                                                 Differencing differencing = Differencing::Central,
                                                 double time_step_s = 0);

} // namespace rg
