#pragma once
/// Fills a DrawList from a walker's State: the body segments' shapes, the walking surfaces
/// (with the belt's travel for moving stripes), muscles along their paths coloured by
/// activation, and the switchable overlays (ground reaction force arrows, centre of mass,
/// extrapolated centre of mass and base of support, joint contact force arrows).
#include "engine/physics/physics_world.hpp"
#include "engine/render/draw_list.hpp"

#include <string>
#include <vector>

namespace rg {

/// How the body segments look: the anthropometric figure (one solid per table part, holding
/// its mass) or the collision shapes the physics uses.
enum class BodyStyle { Anthropometric, CollisionShapes };

/// What to draw and at what scale.
struct DrawOptions {
    bool body = true;
    BodyStyle body_style = BodyStyle::Anthropometric;
    bool muscles = true;
    bool ground_reaction = true;
    bool centre_of_mass = true;      ///< CoM, extrapolated CoM and the base of support
    bool joint_contact = false;
    float body_opacity = 1.0f;       ///< < 1 shows the muscles through the body
    /// Force arrows: newtons per metre of arrow (1000 N/m draws body weight of a 75 kg adult
    /// as a 0.74 m arrow).
    double newtons_per_metre = 1000;
    /// Joint contact arrows: newtons per metre (they reach several body weights in walking, so
    /// 4000 N/m draws body weight as 0.18 m).
    double joint_newtons_per_metre = 4000;
    double muscle_radius_m = 0.011;
};

/// A muscle's state as the muscle module reports it: its path in the world and its output.
struct MuscleView {
    std::string name;                    ///< e.g. "GLU_r"
    std::vector<Eigen::Vector3d> path;   ///< m, world, origin .. insertion
    double activation = 0;               ///< 0..1
    double force_n = 0;                  ///< N
};

/// A joint contact (or reaction) force on the distal segment at the joint centre.
struct JointLoadView {
    std::string name;                    ///< e.g. "knee_r"
    Eigen::Vector3d centre = Eigen::Vector3d::Zero();  ///< m, world
    Eigen::Vector3d force_n = Eigen::Vector3d::Zero(); ///< N, world
};

/// One segment shape of the model, placed in the world by the segment's pose.
DrawSolid placeShape(const ShapeDesc& shape, const Pose& segment_pose);

/// Soft-tissue density used to give the figure's parts their volume (kg/m³): the mean of
/// Dempster's (1955) segment densities, 1.03–1.16 g/cm³, as tabulated by Winter (2009),
/// Biomechanics and Motor Control of Human Movement, 4th ed., Table 4.1.
constexpr double kTissueDensity = 1050.0;

/// The anthropometric figure of a segment, in its own frame: one capsule per table part from
/// the part's start along its axis for its length, whose volume at kTissueDensity equals the
/// part's mass. A segment's trunk parts ("*trunk*", stacked on one axis) become one trunk with
/// their summed mass and an elliptic section with the width-to-depth ratio of the segment's box
/// shape. Segments with no parts, and the feet (whose contact box is their shape), are drawn
/// with their shapes.
std::vector<DrawSolid> segmentFigure(const Model& model, int segment, bool is_foot);
/// Volume of a drawn capsule (m³): elliptic cylinder plus two half-ellipsoid caps.
double capsuleVolume(const DrawSolid& capsule);

/// The walker's segment shapes (one solid per shape of every segment).
void addWalkerBody(const PhysicsWorld& world, const DrawOptions& options, DrawList& out);
/// The walking surfaces: a treadmill's belt (stripes offset by `belt_travel_m`, the belt's
/// travel so far along its surface, m) and the room's floor; or the overground floor.
void addSurfaces(const PhysicsWorld& world, double belt_travel_m, DrawList& out);
/// One arrow per loaded foot from its centre of pressure, and a CoP marker.
void addGroundReaction(const PhysicsWorld& world, const DrawOptions& options, DrawList& out);
/// Centre of mass (with its projection onto the surface along gravity), the extrapolated
/// centre of mass (Hof, Gazendam & Sinke 2005) projected likewise, and the base of support
/// (the convex hull of the loaded feet's sole corners that touch the surface).
void addBalance(const PhysicsWorld& world, const DrawOptions& options, DrawList& out);
/// Muscles as coloured paths (throws std::invalid_argument for a path with fewer than two
/// points or non-finite points).
void addMuscles(const std::vector<MuscleView>& muscles, const DrawOptions& options, DrawList& out);
/// Joint contact force arrows, pointing at the joint centre (the force the proximal segment
/// exerts on the distal one, drawn to end at the joint).
void addJointLoads(const std::vector<JointLoadView>& loads, const DrawOptions& options, DrawList& out);

/// Everything the options ask for, for one walker.
struct WalkerFrame {
    const PhysicsWorld* world = nullptr;
    double belt_travel_m = 0;
    std::vector<MuscleView> muscles;
    std::vector<JointLoadView> joint_loads;
    Eigen::Vector3d push_n = Eigen::Vector3d::Zero();   ///< N, external force on the pelvis
};
DrawList buildDrawList(const WalkerFrame& frame, const DrawOptions& options);

/// The extrapolated centre of mass (Hof et al. 2005, J Biomech 38:1-8): x + v / ω0 with
/// ω0 = sqrt(g / l), l the height of the CoM above the surface (the inverted pendulum's
/// length) and v the CoM velocity relative to the surface under the feet (on a treadmill the
/// base of support moves with the belt). Returned on the surface plane through the origin.
Eigen::Vector3d extrapolatedCentreOfMass(const PhysicsWorld& world);

/// Convex hull (counter-clockwise seen from +normal) of points projected on the plane through
/// `origin` with unit normal `normal`; returned on that plane. Fewer than three distinct points
/// are returned as they are (projected).
std::vector<Eigen::Vector3d> convexHullOnPlane(const std::vector<Eigen::Vector3d>& points,
                                               const Eigen::Vector3d& origin, const Eigen::Vector3d& normal);

} // namespace rg
