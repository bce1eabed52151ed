#pragma once
/// The muscles of a built Model: every muscle of the model file instantiated on each side,
/// scaled to the body (Fmax with body mass, lengths with height) and to the requested strength,
/// with its geometry bound to the model's coordinates. Immutable; shared by any number of
/// simulations (the states live in MuscleActuation).
#include "engine/model/model.hpp"
#include "engine/muscle/muscle_desc.hpp"
#include "engine/muscle/muscle_dynamics.hpp"

#include <Eigen/Dense>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace rg {

class PhysicsWorld;

/// Factors on Fmax by muscle ("VAS"), muscle and side ("VAS_r") or group ("plantarflexors");
/// when several keys match a muscle their factors multiply.
using StrengthScale = std::map<std::string, double>;

/// A joint crossed by a muscle, bound to a coordinate (angles rad, lengths m, scaled).
struct MuscleSpan {
    int coordinate = -1;
    double angle_offset = 0, angle_sign = 1;  ///< φ = offset + sign·q
    MomentArmShape shape = MomentArmShape::Constant;
    double r = 0;            ///< m
    double s = 1;            ///< cosine shape factor
    double phi_max = 0, phi_ref = 0, rho = 1;
    double direction = -1;   ///< +1: lengthens as φ grows
    double sin_ref = 0;      ///< sin(s·(φ_ref − φ_max)) of the cosine shape (set by MuscleSet::build)
};

struct MusclePathPoint {
    int segment = -1;
    Eigen::Vector3d point = Eigen::Vector3d::Zero();  ///< m, segment frame, scaled to the model
};

struct Muscle {
    std::string name;        ///< with side, e.g. "SOL_r"
    std::string base;        ///< e.g. "SOL"
    std::string side;        ///< "r" or "l"
    std::string description;
    std::vector<std::string> groups;
    MuscleParameters params; ///< scaled to the body and the strength factor
    double strength_scale = 1;
    double fast_twitch_percent = 50;
    double mass = 0;         ///< kg: Fmax / specific tension · density · lopt (Umberger et al. 2003)
    std::vector<MuscleSpan> spans;
    std::vector<MusclePathPoint> path;
};

class MuscleSet {
public:
    /// Builds the muscles of model.desc().muscles. `overrides` replace same-named entries of the
    /// file's strength_scale; `overrides_source` names where they came from (for messages).
    /// Throws InputError on a bad muscles section or an unknown muscle/group in a strength key.
    static std::shared_ptr<const MuscleSet> build(const Model& model, const StrengthScale& overrides = {},
                                                  const std::string& overrides_source = "command line");

    const std::vector<Muscle>& muscles() const { return muscles_; }
    int size() const { return int(muscles_.size()); }
    int numCoordinates() const { return n_coords_; }
    const std::string& coordinateName(int c) const { return coordinate_names_[c]; }
    int index(const std::string& name) const;  ///< -1 when absent
    const MuscleSettingsDesc& settings() const { return desc_.settings; }
    const HillCurves& curves() const { return desc_.settings.curves; }
    const std::string& file() const { return desc_.file; }
    double bodyMass() const { return body_mass_; }
    /// Coordinates crossed by at least one muscle.
    bool actuated(int coordinate) const { return actuated_[coordinate]; }

    /// Muscle-tendon length (m) at the coordinate values q (rad, Model::coordinates() order).
    double length(int muscle, const Eigen::VectorXd& q) const;
    /// Moment arm (m) of a muscle about a coordinate: −∂lMTU/∂q; positive means the muscle's
    /// pull makes a positive generalised torque.
    double momentArm(int muscle, int coordinate, const Eigen::VectorXd& q) const;
    /// All lengths (size()) and moment arms (numCoordinates() × size()) at once.
    void lengthsAndMomentArms(const Eigen::VectorXd& q, Eigen::VectorXd& lengths, Eigen::MatrixXd& moment_arms) const;
    /// Path points (origin, via points, insertion) in world coordinates, for drawing.
    std::vector<Eigen::Vector3d> pathInWorld(int muscle, const PhysicsWorld& world) const;

private:
    MuscleSetDesc desc_;
    std::vector<Muscle> muscles_;
    std::vector<bool> actuated_;
    std::vector<std::string> coordinate_names_;
    int n_coords_ = 0;
    double body_mass_ = 0;
};

/// Parses "VAS=0.5,plantarflexors=0.8" (factors 0..10); InputError names `option`.
StrengthScale parseStrengthScale(const std::string& text, const std::string& option = "--strength");

} // namespace rg
