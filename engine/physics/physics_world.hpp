#pragma once
/// The Bullet world built from a Model and a SceneDesc: the walker as a floating-base
/// btMultiBody (pelvis base; every rotational coordinate a revolute link, three-coordinate
/// joints as chains of massless links), the walking surface (a static floor, or a treadmill
/// whose belt surface really moves), contact readout and state readout.
///
/// Step contract: set joint torques and external forces, then step() advances exactly one
/// fixed time step (stepSimulation(dt, 0)); torques and forces are cleared by Bullet after it.
///
/// The readouts derived from the whole body's velocities (link velocities, centre of mass and
/// its velocity) are computed once per state and kept until the state changes through this
/// class (step, setCoordinate, setBaseVelocity, setBasePose): the controller, the muscles and
/// the recorder ask for them several times a step. A caller that changes the state through
/// multiBody() must call stateChanged(). Being cached, the readouts of one world must not be
/// called from two threads at once.
#include "engine/model/model.hpp"
#include "engine/model/scene_desc.hpp"

#include <Eigen/Dense>

#include <array>
#include <memory>
#include <vector>

class btMultiBody;
class btMultiBodyDynamicsWorld;

namespace rg {

/// Ground reaction on one foot in one step: force from the surface on the foot (N, world)
/// and centre of pressure (m, world), from the solver's contact impulses.
struct FootContact {
    Eigen::Vector3d force = Eigen::Vector3d::Zero();
    Eigen::Vector3d cop = Eigen::Vector3d::Zero();   ///< valid when loaded
    int points = 0;
    bool loaded() const { return points > 0 && force.y() > 0; }
};

/// A rigid transform of a segment frame (origin at its proximal joint) in the world.
struct Pose {
    Eigen::Vector3d position = Eigen::Vector3d::Zero();
    Eigen::Quaterniond orientation = Eigen::Quaterniond::Identity();
};

enum Side { kRight = 0, kLeft = 1 };

class PhysicsWorld {
public:
    PhysicsWorld(std::shared_ptr<const Model> model, const SceneDesc& scene);
    ~PhysicsWorld();
    PhysicsWorld(const PhysicsWorld&) = delete;
    PhysicsWorld& operator=(const PhysicsWorld&) = delete;

    // ---- actuation (valid for the next step only) ----
    /// Generalised torque on every coordinate (N·m), in Model::coordinates() order.
    void setJointTorques(const Eigen::VectorXd& tau);
    /// External force on the pelvis centre of mass (N, world frame), e.g. a push.
    void addPelvisForce(const Eigen::Vector3d& f);

    /// Advances one fixed step and reads the contacts.
    void step();

    // ---- surface ----
    /// Sets the belt surface speed (m/s along the belt, positive towards −x: the direction a
    /// forward walker is carried). No effect overground.
    void setBeltSpeed(double v);
    double beltSpeed() const { return belt_speed_; }
    /// Unit vector along the surface in the +x direction (tilted by the incline).
    Eigen::Vector3d surfaceTangent() const;
    Eigen::Vector3d surfaceNormal() const;
    /// Velocity of the belt surface (m/s, world); zero overground.
    Eigen::Vector3d beltVelocity() const;

    // ---- state readout ----
    double time() const { return time_; }
    double timeStep() const { return dt_; }
    int numCoordinates() const { return int(link_of_coord_.size()); }
    double q(int coord) const;      ///< rad
    double qd(int coord) const;     ///< rad/s
    Eigen::VectorXd positions() const;
    Eigen::VectorXd velocities() const;
    void setCoordinate(int coord, double q, double qd = 0);
    Pose segmentPose(int segment) const;
    /// World direction of a coordinate's rotation axis (unit). A generalised torque Q on the
    /// coordinate applies the torque Q·axis to the child side and −Q·axis to the parent.
    Eigen::Vector3d coordinateAxisWorld(int coord) const;
    /// Linear velocity of a segment's centre of mass (m/s, world).
    Eigen::Vector3d segmentComVelocity(int segment) const;
    Eigen::Vector3d segmentComPosition(int segment) const;
    /// Angular velocity of a segment (rad/s, world).
    Eigen::Vector3d segmentAngularVelocity(int segment) const;
    Eigen::Vector3d centreOfMass() const;
    Eigen::Vector3d centreOfMassVelocity() const;
    /// Pelvis orientation as OpenSim's ground_pelvis body-fixed Z-X-Y angles (tilt, list, rotation), rad.
    Eigen::Vector3d pelvisAngles() const;
    const FootContact& foot(Side s) const { return feet_[s]; }
    /// Force from all contacts on the walker (N, world), including non-foot segments.
    const Eigen::Vector3d& totalContactForce() const { return total_contact_; }
    /// True when a segment other than a foot touches the surface or floor.
    bool nonFootContact() const { return non_foot_contact_; }
    /// Every position and velocity finite and below runaway bounds.
    bool healthy() const;
    /// Total mechanical energy of the walker (J): kinetic + gravitational potential (y up).
    double mechanicalEnergy() const;

    void setBaseVelocity(const Eigen::Vector3d& v);
    void setBasePose(const Pose& p);

    const Model& model() const { return *model_; }
    const SceneDesc& scene() const { return scene_; }
    int footSegment(Side s) const { return foot_segment_[s]; }
    /// The Bullet body; after changing its state directly, call stateChanged().
    btMultiBody* multiBody() { return body_; }
    /// Forgets the readouts cached for the current state.
    void stateChanged() { cache_.velocities = cache_.com = cache_.com_velocity = false; }
    btMultiBodyDynamicsWorld* dynamicsWorld();

private:
    struct Impl;
    void build();
    void readContacts();
    int linkOfSegment(int seg) const { return link_of_segment_[seg]; }
    /// Angular and linear velocities of the base and every link, in their local frames (index
    /// link + 1), computed once per state.
    void linkVelocities() const;
    /// Readouts of the current state, filled on first use.
    struct Cache {
        bool velocities = false, com = false, com_velocity = false;
        std::vector<Eigen::Vector3d> omega, vel;
        Eigen::Vector3d com_position = Eigen::Vector3d::Zero(), com_linear_velocity = Eigen::Vector3d::Zero();
    };
    mutable Cache cache_;

    std::shared_ptr<const Model> model_;
    SceneDesc scene_;
    std::unique_ptr<Impl> impl_;
    btMultiBody* body_ = nullptr;
    std::vector<int> link_of_coord_;     ///< Bullet link index per coordinate
    std::vector<int> link_of_segment_;   ///< Bullet link per segment (-1: base)
    std::array<int, 2> foot_segment_{-1, -1};
    std::vector<int> side_of_segment_;  ///< segment -> side whose foot it belongs to (foot, toes), -1
    struct Passive { int coord; double inertia; };  ///< inertia: kg·m², the child's about the axis
    std::vector<Passive> passive_;      ///< coordinates with a passive spring or damper
    std::array<FootContact, 2> feet_;
    Eigen::Vector3d total_contact_ = Eigen::Vector3d::Zero();
    bool non_foot_contact_ = false;
    double belt_speed_ = 0;
    double incline_angle_ = 0;           ///< rad, rotation of the surface about +z
    double dt_ = 0.001;
    double time_ = 0;
};

} // namespace rg
