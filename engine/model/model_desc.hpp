#pragma once
/// Plain descriptions of a walker model, as read from a model JSON file. Lengths are given at
/// the anthropometric table's reference stature and scaled to the chosen height by
/// buildModel(); masses are fractions of body mass. Nothing here touches Bullet.
///
/// Frames: world y up, x the walker's facing direction at start, z to its right (OpenSim's
/// convention). Every segment frame has its origin at the segment's proximal joint centre
/// (the pelvis: at the mid-point of the hip joint centres) and, in the neutral standing pose,
/// axes parallel to the world's.
#include <nlohmann/json.hpp>

#include <array>
#include <string>
#include <vector>

namespace rg {

using Vec3 = std::array<double, 3>;

/// One row of an anthropometric table, placed in a segment: a rigid part whose centre of
/// mass lies at com_fraction of its length from `start` along `axis`.
struct PartDesc {
    std::string name;               ///< table row, e.g. "thigh", "upper_arm"
    double mass_fraction = 0;       ///< of body mass
    double length = 0;              ///< m, at the reference stature
    double com_fraction = 0;        ///< of length, from `start`
    Vec3 gyration{0, 0, 0};         ///< radii of gyration / length: about the sagittal (x),
                                    ///< transverse (z) and longitudinal (part axis) axes
    Vec3 start{0, 0, 0};            ///< m, in the segment frame at the reference stature
    Vec3 axis{0, -1, 0};            ///< unit vector from start towards the other end
};

enum class ShapeType { Box, Capsule, Sphere };

/// A collision shape in a segment frame (dimensions at the reference stature).
struct ShapeDesc {
    ShapeType type = ShapeType::Box;
    Vec3 size{0.1, 0.1, 0.1};       ///< box: full extents x,y,z; capsule: radius, length (along y), -; sphere: radius
    Vec3 centre{0, 0, 0};           ///< m, segment frame
};

struct SegmentDesc {
    std::string name;
    std::vector<PartDesc> parts;
    std::vector<ShapeDesc> shapes;
};

enum class JointType { Free, Gimbal, Revolute };

/// A rotational degree of freedom, named as in OpenSim's Gait2392 model.
struct CoordinateDesc {
    std::string name;               ///< e.g. "hip_flexion_r"
    Vec3 axis{0, 0, 1};             ///< rotation axis in the parent frame at zero angle
    double range_min = 0;           ///< rad
    double range_max = 0;           ///< rad
    double neutral = 0;             ///< rad, the initial standing value
    /// Passive rotational spring and damper about `neutral` (the physics applies them; no
    /// actuator is asked for them): N·m/rad and N·m·s/rad. 0: none (the default).
    double passive_stiffness = 0, passive_damping = 0;
};

struct JointDesc {
    std::string name;               ///< "lumbar", "hip_r", ...
    JointType type = JointType::Revolute;
    std::string parent, child;
    Vec3 location{0, 0, 0};         ///< m, joint centre in the parent frame (reference stature)
    std::vector<CoordinateDesc> coordinates;  ///< Gimbal: 3, body-fixed sequence; Revolute: 1
};

struct ModelDesc {
    std::string file;               ///< where it was read from (for messages)
    std::string name;
    std::string anthropometry_source;
    double body_mass = 75.0;        ///< kg
    double height = 1.75;           ///< m
    double reference_stature = 1.741;  ///< m, of the anthropometric table
    double contact_friction = 0.9;  ///< foot-ground friction coefficient (multiplies the scene's)
    /// Compliant contact ("foot_contact"): normal stiffness (N/m) and damping (N·s/m) of each
    /// contact point between the body and the ground (a flat box foot has four). 0: rigid.
    double contact_stiffness = 0.0;
    double contact_damping = 0.0;
    std::vector<SegmentDesc> segments;   ///< segments[0] is the floating base (pelvis)
    std::vector<JointDesc> joints;       ///< in tree order, parents before children
    /// The raw "muscles" section (an array, or null when absent), parsed and validated by the
    /// muscle module against `file`.
    nlohmann::json muscles;
    /// Walking-controller parameter file ("walking_control", relative to the model file), for
    /// a body whose entries were tuned for it; empty: the scene's, else
    /// models/walking_control.json (engine/sim/factory.hpp, walkingControlFile).
    std::string walking_control_file;
};

} // namespace rg
