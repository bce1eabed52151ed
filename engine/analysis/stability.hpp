#pragma once
/// Dynamic stability and trip risk: the margin of stability (Hof, Gazendam & Sinke 2005,
/// J Biomech 38:1) at every step, and the minimum foot clearance of the leading part of the
/// swing foot (the toe walking forward, the heel walking backward).
#include "engine/analysis/gait_events.hpp"
#include "engine/analysis/recording.hpp"

#include <Eigen/Dense>

#include <vector>

namespace rg {

/// The walking surface and direction, as the analyses need them.
struct SurfaceFrame {
    Eigen::Vector3d normal = Eigen::Vector3d::UnitY();    ///< unit, the surface passes through the origin
    Eigen::Vector3d tangent = Eigen::Vector3d::UnitX();   ///< unit, along the surface towards +x
    double travel = 1;    ///< +1 walking towards +x (forward gait), −1 towards −x (backward gait)
    double gravity = 9.81;
    /// Surface tangent and normal for an incline (percent grade, uphill in the direction of
    /// travel) and a travel direction, as engine/physics builds them.
    static SurfaceFrame of(double incline_percent, double travel, double gravity = 9.81);
};

/// The sole of a foot: the bottom corners of its box, in the foot frame.
struct FootSole {
    Eigen::Vector3d heel = Eigen::Vector3d::Zero();   ///< back edge, midline
    Eigen::Vector3d toe = Eigen::Vector3d::Zero();    ///< front edge, midline
    std::array<Eigen::Vector3d, 4> corners;           ///< heel-medial, heel-lateral, toe-medial, toe-lateral
};
/// From the first box shape of foot_r / foot_l (side 0 / 1). Throws std::runtime_error when the
/// model's foot has no box.
FootSole footSole(const Model& model, int side);

/// Leg length for the extrapolated centre of mass: the height of the hip joint centre above the
/// sole in the model's neutral standing pose (m).
double legLength(const Model& model);

/// Margins of stability at one initial contact (m; positive: the extrapolated centre of mass
/// lies inside the base of support in that direction).
struct StepStability {
    int side = 0;        ///< the landing foot
    double time = 0;     ///< s
    double anterior = 0;       ///< front edge of the base of support − XcoM (along the facing direction +x)
    double posterior = 0;      ///< XcoM − rear edge of the base of support
    double medial_lateral = 0; ///< lateral edge of the landing foot − XcoM, outwards
};

/// At each initial contact: XcoM = x + v/ω0, ω0 = √(g/l) (l = legLength), v the centre-of-mass
/// velocity relative to the surface under the feet (the belt on a treadmill); the base of
/// support is the sole corners of the feet in contact at that instant.
std::vector<StepStability> marginsOfStability(const Recording& rec, const GaitEvents& events, const SurfaceFrame& surface);

/// Minimum foot clearance of one swing (m above the surface).
struct SwingClearance {
    int side = 0;
    double start = 0, end = 0;   ///< toe-off and the next initial contact, s
    double time = 0;             ///< when the minimum occurs, s
    double clearance = 0;        ///< m
};
/// For each swing (toe-off to the next initial contact of the same foot): the height of the
/// leading part of the foot (toe when travel > 0, heel when travel < 0) at its smallest local
/// minimum in mid-swing (between 10 % and 90 % of the swing), or, when it has no local minimum
/// there, its lowest value between 25 % and 75 % of the swing.
std::vector<SwingClearance> minimumFootClearance(const Recording& rec, const GaitEvents& events, const SurfaceFrame& surface);

} // namespace rg
