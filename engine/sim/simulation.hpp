#pragma once
/// A simulation State: one PhysicsWorld built from a shared immutable Model, a controller,
/// the actuation stage and the run's status. Many Simulations can share one Model (and run in
/// parallel threads). The step is fixed and staged:
///   sense → control (desired torques) → actuation → external forces → physics step →
///   contacts → health and fall checks.
#include "engine/control/controller.hpp"
#include "engine/sim/actuation.hpp"
#include "engine/core/random.hpp"
#include "engine/physics/physics_world.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace rg {

enum class RunStatus { Running, Completed, Fell, NumericalFailure };
const char* statusName(RunStatus s);

struct SimulationOptions {
    std::uint64_t seed = 1;
    /// Standard deviation of the random initial joint-angle offsets (rad); the seed drives it.
    double initial_posture_noise_rad = 0.002;
    /// A fall: pelvis origin lower than this fraction of its initial height above the surface.
    double fall_pelvis_height_fraction = 0.6;
    /// A fall: torso tilted more than this from vertical (rad).
    double fall_trunk_tilt_rad = 1.05;
    /// Initial whole-body velocity relative to the walking surface (m/s, world), e.g. to start
    /// a walk from a standing posture with the momentum of the first step.
    Eigen::Vector3d initial_relative_velocity = Eigen::Vector3d::Zero();
};

class Simulation {
public:
    /// `actuation` null: ideal torque actuators.
    Simulation(std::shared_ptr<const Model> model, const SceneDesc& scene, std::unique_ptr<Controller> controller,
               const SimulationOptions& options = {}, std::unique_ptr<Actuation> actuation = nullptr);

    /// One fixed step. Does nothing once the run has ended.
    void step();
    /// Steps until `t_end` (s) or until the run ends. `progress` (optional) is called about
    /// every simulated second with the current time.
    void runUntil(double t_end, const std::function<void(double)>& progress = {});
    /// Marks a run that reached its end time as completed.
    void finish();
    /// Adds a push to the scene's (e.g. from the studio's push button): applied, and reported
    /// by pelvisForce() and the recorder, like the scene's own pushes.
    void addPush(const PushDesc& push) { scene_.pushes.push_back(push); }

    const PhysicsWorld& world() const { return *world_; }
    PhysicsWorld& world() { return *world_; }
    const Model& model() const { return *model_; }
    std::shared_ptr<const Model> modelPtr() const { return model_; }
    const SceneDesc& scene() const { return scene_; }
    Controller& controller() { return *controller_; }
    const Controller& controller() const { return *controller_; }
    Actuation& actuation() { return *actuation_; }
    const Actuation& actuation() const { return *actuation_; }
    /// Desired joint torques of the last step (N·m, per coordinate), before actuation.
    const Eigen::VectorXd& desiredTorques() const { return desired_; }
    double time() const { return world_->time(); }
    RunStatus status() const { return status_; }
    double endTime() const { return end_time_; }
    const std::string& endReason() const { return end_reason_; }
    /// Joint torques applied in the last step (N·m, per coordinate).
    const Eigen::VectorXd& appliedTorques() const { return applied_; }
    /// External force applied to the pelvis in the last step (N, world).
    const Eigen::Vector3d& pelvisForce() const { return push_; }
    /// Pelvis origin height above the walking surface (m).
    double pelvisHeightAboveSurface() const;

    /// Wall-clock seconds spent in the parts of step(), summed over the steps since timing was
    /// switched on (for benchmarks; never part of a result).
    struct StageTimes {
        double control_s = 0;    ///< the controller's desired torques
        double actuation_s = 0;  ///< muscles and reserves (or ideal torques)
        double physics_s = 0;    ///< external forces, Bullet's step, contact readout
        double checks_s = 0;     ///< health and fall checks
        long steps = 0;
    };
    /// Switches the stage timing on (and clears it) or off.
    void setStageTiming(bool on) {
        timing_ = on;
        times_ = StageTimes{};
    }
    const StageTimes& stageTimes() const { return times_; }

private:
    void checkHealth();
    std::shared_ptr<const Model> model_;
    SceneDesc scene_;
    SimulationOptions options_;
    std::unique_ptr<PhysicsWorld> world_;
    std::unique_ptr<Controller> controller_;
    Gait current_gait_ = Gait::Forward;
    /// Direction switch: when the speed-up starts (s), known once the controller took the new gait.
    std::optional<double> up_from_;
    void directionSchedule(double t);
    void startSchedule(double t);
    /// Sets the controller's desired speed to |signed_speed| and a treadmill belt to signed_speed
    /// (+: the belt surface moves towards −x, as under a forward walker).
    void setTravelSpeed(double signed_speed);
    std::unique_ptr<Actuation> actuation_;
    Random rng_;
    Eigen::VectorXd desired_, applied_;
    Eigen::Vector3d push_ = Eigen::Vector3d::Zero();
    double initial_pelvis_height_ = 0;
    RunStatus status_ = RunStatus::Running;
    double end_time_ = 0;
    std::string end_reason_;
    bool timing_ = false;
    StageTimes times_;
};

} // namespace rg
