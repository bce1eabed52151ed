#pragma once
/// A controller turns the sensed state into desired generalised joint torques (N·m per
/// coordinate, Model::coordinates() order). The actuation stage (ideal torque actuators, or
/// muscles with reserves) realises them.
#include "engine/physics/physics_world.hpp"

#include <Eigen/Dense>
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
};

} // namespace rg
