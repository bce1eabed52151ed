#pragma once
/// A GL-free description of what to draw: the engine fills a DrawList from a simulation State
/// and a viewer draws it (in the way MuJoCo's abstract scene or Box2D's debug draw keep
/// rendering out of the physics). Everything is in world coordinates (m; y up, x the walker's
/// facing direction at start, z to its right). Nothing here includes or links GL.
#include <Eigen/Dense>
#include <Eigen/Geometry>

#include <string>
#include <vector>

namespace rg {

/// Linear RGB in [0, 1] with opacity.
struct Colour {
    float r = 1, g = 1, b = 1, a = 1;
};
inline bool operator==(const Colour& x, const Colour& y) {
    return x.r == y.r && x.g == y.g && x.b == y.b && x.a == y.a;
}
inline bool operator!=(const Colour& x, const Colour& y) { return !(x == y); }

enum class SolidShape { Box, Capsule, Sphere };

/// A lit solid: a body segment's shape, or a part of an overlay.
struct DrawSolid {
    SolidShape shape = SolidShape::Box;
    Eigen::Vector3d position = Eigen::Vector3d::Zero();          ///< m, centre of the shape
    Eigen::Quaterniond orientation = Eigen::Quaterniond::Identity();
    /// Box: full extents along its local x, y, z. Capsule: radius along local x, half-length
    /// of the cylinder along local y, radius along local z (0: the same as along x). Sphere:
    /// radius, unused, unused. (m)
    Eigen::Vector3d size = Eigen::Vector3d::Zero();
    /// Capsule only: height of each end cap along local y (m); negative: a hemisphere (the
    /// radius along x).
    double cap_m = -1;
    Colour colour;
    int segment = -1;                ///< Model segment index, -1 for overlays
};

/// A muscle drawn along its path (origin, via points, insertion), coloured by activation.
struct DrawMuscle {
    std::string name;                ///< e.g. "GLU_r"
    std::vector<Eigen::Vector3d> path;   ///< m, world, at least two points
    double activation = 0;           ///< 0..1
    double force_n = 0;              ///< N, tendon force
    double radius_m = 0.01;          ///< drawn thickness
    Colour colour;
};

enum class ArrowKind { GroundReaction, JointContact, Push };

/// A force arrow: `vector` is the force scaled to metres (force / newtons_per_metre).
struct DrawArrow {
    ArrowKind kind = ArrowKind::GroundReaction;
    std::string label;
    Eigen::Vector3d tail = Eigen::Vector3d::Zero();   ///< m, point of application
    Eigen::Vector3d vector = Eigen::Vector3d::Zero(); ///< m
    double force_n = 0;              ///< magnitude, N
    double radius_m = 0.008;         ///< shaft radius
    Colour colour;
};

enum class MarkerKind { CentreOfMass, ExtrapolatedCentreOfMass, CentreOfPressure, GroundProjection };

struct DrawMarker {
    MarkerKind kind = MarkerKind::CentreOfMass;
    std::string label;
    Eigen::Vector3d position = Eigen::Vector3d::Zero();  ///< m
    double radius_m = 0.02;
    Colour colour;
};

/// A polyline of thin tubes (e.g. the base of support outline, a plumb line).
struct DrawOutline {
    std::string label;
    std::vector<Eigen::Vector3d> points;   ///< m
    bool closed = false;
    double radius_m = 0.004;
    Colour colour;
};

enum class SurfaceKind { Belt, Floor };

/// A flat walking surface; the viewer paints stripes across it (texture-free) that move with
/// the belt: a material line at belt coordinate u0 is drawn where u + stripe_offset_m = u0
/// (mod stripe_spacing_m), u measured along the surface's local x from its centre.
struct DrawSurface {
    SurfaceKind kind = SurfaceKind::Floor;
    Eigen::Vector3d centre = Eigen::Vector3d::Zero();   ///< m, centre of the top face
    Eigen::Quaterniond orientation = Eigen::Quaterniond::Identity();  ///< local y = normal
    Eigen::Vector2d half_extents{1, 1};   ///< m, along local x and z
    double thickness_m = 0.05;
    double stripe_offset_m = 0;       ///< belt travel so far (m); 0 for a floor
    double stripe_spacing_m = 0.25;   ///< 0: no stripes (a floor gets a grid instead)
    Colour colour, stripe_colour;
};

/// A colour legend: stops of a colour map over [min, max] of a named quantity.
struct ColourLegend {
    std::string title;               ///< e.g. "muscle activation"
    std::string unit;                ///< e.g. "" (fraction), "N"
    double min = 0, max = 1;
    std::vector<double> values;      ///< sample values, ascending
    std::vector<Colour> colours;     ///< colour at each value
};

/// Everything to draw for one frame of one walker.
struct DrawList {
    double time_s = 0;
    std::vector<DrawSolid> solids;
    std::vector<DrawMuscle> muscles;
    std::vector<DrawArrow> arrows;
    std::vector<DrawMarker> markers;
    std::vector<DrawOutline> outlines;
    std::vector<DrawSurface> surfaces;
    ColourLegend legend;
    /// A point for a following camera to look at (the pelvis), m.
    Eigen::Vector3d focus = Eigen::Vector3d::Zero();

    void clear();
    /// Moves every item by `offset` (m), e.g. to show two walkers side by side.
    void translate(const Eigen::Vector3d& offset);
};

} // namespace rg
