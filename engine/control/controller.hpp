#pragma once
/// A controller turns the sensed state into desired generalised joint torques (N·m per
/// coordinate, Model::coordinates() order). The actuation stage (ideal torque actuators, or
/// muscles with reserves) realises them.
#include "engine/model/scene_desc.hpp"
#include "engine/physics/physics_world.hpp"

#include <Eigen/Dense>
#include <optional>
#include <string>

namespace rg {

class Controller {
public:
    virtual ~Controller() = default;
    virtual std::string name() const = 0;
    /// Called once before the first step.
    virtual void reset(const PhysicsWorld& world) = 0;
    /// Desired joint torques for the coming step.
    virtual void compute(const PhysicsWorld& world, Eigen::VectorXd& tau) = 0;
    /// Walking direction and speed relative to the surface (m/s), changed during a run (a
    /// direction switch, the studio's controls). Controllers that do not walk ignore them.
    virtual void setGait(Gait) {}
    /// The gait the controller walks now (a walking controller takes a new one at the next foot
    /// contact); nullopt for controllers that do not walk.
    virtual std::optional<Gait> activeGait() const { return std::nullopt; }
    /// Centre-of-mass velocity relative to the surface to start the run with (m/s, world).
    virtual Eigen::Vector3d initialVelocity(const PhysicsWorld&) const { return Eigen::Vector3d::Zero(); }
    virtual void setSpeed(double /*m_per_s*/) {}
};

} // namespace rg
