#pragma once
/// The built, immutable walker model: segment inertial properties scaled to the body mass and
/// height, joint locations in SI units, and the list of coordinates (degrees of freedom).
/// One Model serves any number of simulation States (see engine/sim).
#include "engine/model/model_desc.hpp"

#include <Eigen/Core>

#include <memory>
#include <string>
#include <vector>

namespace rg {

/// Inertial properties of a segment in its own frame (origin at its proximal joint).
struct SegmentInertia {
    double mass = 0;                ///< kg
    Vec3 com{0, 0, 0};              ///< m, segment frame
    Vec3 inertia{0, 0, 0};          ///< kg·m², principal moments about the centre of mass
                                    ///< (x, y, z segment axes; products of inertia dropped)
};

struct Segment {
    std::string name;
    SegmentInertia inertial;
    std::vector<ShapeDesc> shapes;  ///< scaled to the model's height
    int parent_joint = -1;          ///< index in Model::joints, -1 for the floating base
};

struct Coordinate {
    std::string name;
    Vec3 axis{0, 0, 1};
    double range_min = 0, range_max = 0, neutral = 0;  ///< rad
    double passive_stiffness = 0, passive_damping = 0;  ///< N·m/rad, N·m·s/rad (CoordinateDesc)
    int joint = -1;                 ///< index in Model::joints
};

struct Joint {
    std::string name;
    JointType type = JointType::Revolute;
    int parent = -1, child = -1;    ///< segment indices
    Vec3 location{0, 0, 0};         ///< m, in the parent segment frame
    std::vector<int> coordinates;   ///< indices into Model::coordinates
};

class Model {
public:
    /// Scales the description to desc.body_mass and desc.height. Throws InputError on an
    /// inconsistent description (unknown parent, cycles, ...).
    static std::shared_ptr<const Model> build(const ModelDesc& desc);

    const ModelDesc& desc() const { return desc_; }
    double bodyMass() const { return desc_.body_mass; }
    double height() const { return desc_.height; }
    /// Length scale: height / reference stature of the table.
    double lengthScale() const { return desc_.height / desc_.reference_stature; }
    const std::vector<Segment>& segments() const { return segments_; }
    const std::vector<Joint>& joints() const { return joints_; }
    const std::vector<Coordinate>& coordinates() const { return coordinates_; }
    /// Every coordinate at its neutral value (rad or m), in coordinate order.
    Eigen::VectorXd neutralPose() const;
    int segmentIndex(const std::string& name) const;     ///< -1 when absent
    int coordinateIndex(const std::string& name) const;  ///< -1 when absent
    int jointIndex(const std::string& name) const;       ///< -1 when absent
    /// Sum of segment masses (equals body mass when the table's fractions sum to 1).
    double totalMass() const;

private:
    ModelDesc desc_;
    std::vector<Segment> segments_;
    std::vector<Joint> joints_;
    std::vector<Coordinate> coordinates_;
};

/// Inertial properties of one table part at the given body mass and length scale, in the
/// segment frame (centre of mass; inertia about the centre of mass, segment axes).
SegmentInertia partInertia(const PartDesc& p, double body_mass, double length_scale);
/// Combines parts with the parallel-axis theorem.
SegmentInertia combine(const std::vector<SegmentInertia>& parts);

} // namespace rg
