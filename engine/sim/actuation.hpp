#pragma once
/// The actuation stage of a step: turns the controller's desired joint torques into the
/// torques actually applied to the skeleton. IdealActuation passes them through (torque
/// motors); the muscle stage (engine/muscle) realises them with muscles plus reserves.
#include "engine/physics/physics_world.hpp"

#include <Eigen/Dense>
#include <string>
#include <vector>

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
    /// Extra recorded channels (e.g. "GLU_r_activation", "GLU_r_force_n", "reserve_hip_rotation_r_nm",
    /// "metabolic_power_w"), units in the names; the Recorder appends them to every row.
    virtual std::vector<std::string> channelNames() const { return {}; }
    /// Values of channelNames() after the last apply(), in the same order (appended to `out`).
    virtual void channelValues(std::vector<double>& out) const { (void)out; }
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
