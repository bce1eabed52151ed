#pragma once
/// Joint contact (bone-on-bone) forces, the way OpenSim's JointReaction analysis defines them:
/// the net joint reaction force from inverse dynamics minus the pull of the muscles that cross
/// the joint, which compresses it (the simulated muscles act as joint torques, so the net
/// reaction alone misses their compression).
///
/// Models used:
/// - Muscle crossings: from the model's muscle set (engine/muscle: the coordinates each muscle
///   spans), or, for recordings without a muscle set, the set of Geyer & Herr 2010 (IEEE TNSRE
///   18:263) and Song & Geyer 2015 (J Physiol 593:3493): hip HFL GLU HAM RF HAB HAD; knee HAM RF
///   VAS BFSH GAS; ankle GAS SOL TA; lumbar the trunk muscles.
/// - Line of action: as OpenSim, along the muscle's path (origin, via points, insertion as the
///   model gives them): the path element that crosses the joint, pulling the distal side towards
///   the proximal one. Without paths, along the long axis of the bone the muscle runs along
///   (thigh for the hip, shank for the knee and ankle, trunk for L5/S1): the "muscles parallel
///   to the bone" simplification.
/// - Patellofemoral: quadriceps force (VAS + RF) times the knee-angle-dependent ratio of
///   van Eijden et al. 1986 (J Biomech 19:219) in the curve fit used by Brechter & Powers 2002
///   (Gait Posture 16:115); see patellofemoralRatio().
/// - Lumbar (L5/S1) compression: the contact force's component along the trunk axis.
#include "engine/analysis/body_kinematics.hpp"
#include "engine/analysis/recording.hpp"
#include "engine/io/table.hpp"
#include "engine/muscle/muscle_set.hpp"

#include <functional>
#include <string>
#include <vector>

namespace rg {

/// Patellofemoral joint reaction force / quadriceps force at a knee flexion angle (degrees,
/// ISB, 0 = straight): k(θ) = (0.462 + 0.00147·θ − 3.84·10⁻⁵·θ²) /
/// (1 − 0.0162·θ + 1.55·10⁻⁴·θ² − 6.98·10⁻⁷·θ³) — Brechter & Powers 2002's fit to the data of
/// van Eijden et al. 1986. θ is clamped to [0°, 120°]: the fit's denominator vanishes near 128°.
double patellofemoralRatio(double knee_flexion_deg);

/// One muscle force acting across one joint.
struct MuscleCrossing {
    std::string force_column;   ///< recorded force column, e.g. "VAS_r_force_n"
    std::string muscle;         ///< e.g. "VAS_r"
    int joint = -1;             ///< Model::joints() index
};

/// The muscles of the Geyer/Song set (and trunk muscles on the lumbar joint) whose force
/// columns are present in the recording, with the joints each crosses.
std::vector<MuscleCrossing> musclesCrossingJoints(const Model& model, const Table& recording);

/// The muscles of `muscles` whose force columns are present, with every joint whose coordinates
/// they span.
std::vector<MuscleCrossing> musclesCrossingJoints(const Model& model, const MuscleSet& muscles, const Table& recording);

/// Unit vector (world) along which a muscle crossing joint `joint` pulls the distal side.
using LineOfAction = std::function<Eigen::Vector3d(const Model&, const BodyKinematics&, int joint, const std::string& muscle)>;

/// The parallel-to-bone line of action: from the child's distal joint centre towards the joint
/// (thigh, shank); for a child without a distal joint (foot, trunk), from the joint towards the
/// parent's origin (along the shank up for the ankle, along the trunk down for L5/S1).
Eigen::Vector3d alongBoneLineOfAction(const Model& model, const BodyKinematics& kin, int joint, const std::string& muscle);

/// Along the muscle's path: the first path element running from a segment outside the joint's
/// distal subtree to one inside it (or back), pointing from its inside point to its outside
/// point. Falls back to alongBoneLineOfAction for a muscle not in the set or whose path does
/// not cross the joint. `muscles` must outlive the returned function.
LineOfAction pathLineOfAction(const MuscleSet& muscles);

/// Contact forces of every row. `joint_loads` is InverseDynamicsSeries::joint_loads of the same
/// recording. Columns: time, then per leg joint (hip_r, knee_r, ankle_r, ..._l)
/// <joint>_contact_<x|y|z>_n (world, from the proximal on the distal bone) and
/// <joint>_contact_bw (magnitude in body weights), patellofemoral_<r|l>_bw,
/// lumbar_contact_<x|y|z>_n, lumbar_contact_bw and lumbar_compression_bw.
Table jointContactForces(const Recording& rec, const Table& joint_loads, const std::vector<MuscleCrossing>& muscles,
                         double body_weight_n, const LineOfAction& line = alongBoneLineOfAction);

} // namespace rg
