#pragma once
/// The actuation stage of a step: turns the controller's desired joint torques into the
/// torques actually applied to the skeleton. IdealActuation passes them through (torque
/// motors); the muscle stage (engine/muscle) realises them with muscles plus reserves.
#include "engine/physics/physics_world.hpp"

#include <Eigen/Dense>
#include <string>

namespace rg {

class Actuation {
public:
    virtual ~Actuation() = default;
    virtual std::string name() const = 0;
    virtual void reset(const PhysicsWorld& world) = 0;
    /// Computes `applied` (N·m per coordinate) for the coming step of length dt and advances
    /// any internal state (e.g. activation dynamics) by dt.
    virtual void apply(const PhysicsWorld& world, const Eigen::VectorXd& desired, double dt,
                       Eigen::VectorXd& applied) = 0;
};

class IdealActuation : public Actuation {
public:
    std::string name() const override { return "ideal-torque"; }
    void reset(const PhysicsWorld&) override {}
    void apply(const PhysicsWorld&, const Eigen::VectorXd& desired, double, Eigen::VectorXd& applied) override {
        applied = desired;
    }
};

} // namespace rg
