#include "engine/sim/simulation.hpp"

#include "engine/core/stage_clock.hpp"

#include <algorithm>
#include <cmath>

namespace rg {

const char* statusName(RunStatus s) {
    switch (s) {
    case RunStatus::Running: return "running";
    case RunStatus::Completed: return "completed";
    case RunStatus::Fell: return "fell";
    case RunStatus::NumericalFailure: return "numerical_failure";
    }
    return "unknown";
}

Simulation::Simulation(std::shared_ptr<const Model> model, const SceneDesc& scene, std::unique_ptr<Controller> controller,
                       const SimulationOptions& options, std::unique_ptr<Actuation> actuation)
    : model_(std::move(model)), scene_(scene), options_(options), controller_(std::move(controller)),
      actuation_(actuation ? std::move(actuation) : std::make_unique<IdealActuation>()), rng_(options.seed) {
    world_ = std::make_unique<PhysicsWorld>(model_, scene_);
    const int n = world_->numCoordinates();
    for (int c = 0; c < n; ++c) {
        const auto& co = model_->coordinates()[c];
        const double offset = options_.initial_posture_noise_rad * rng_.normal();
        world_->setCoordinate(c, std::clamp(co.neutral + offset, co.range_min, co.range_max));
    }
    if (startRampEnd(scene_) > 0) startSchedule(0.0);
    world_->setBaseVelocity(world_->beltVelocity() + options_.initial_relative_velocity + controller_->initialVelocity(*world_));
    desired_ = Eigen::VectorXd::Zero(n);
    applied_ = Eigen::VectorXd::Zero(n);
    initial_pelvis_height_ = pelvisHeightAboveSurface();
    current_gait_ = scene_.gait;
    controller_->reset(*world_);
    actuation_->reset(*world_);
}

double Simulation::pelvisHeightAboveSurface() const {
    const Eigen::Vector3d p = world_->segmentPose(0).position;
    return world_->surfaceNormal().dot(p);
}

void Simulation::step() {
    if (status_ != RunStatus::Running) return;
    StageClock clock(timing_);
    const double t = world_->time();
    if (startRampEnd(scene_) > 0) startSchedule(t);
    if (scene_.switch_at_s) directionSchedule(t);
    controller_->compute(*world_, desired_);
    clock.lap(times_.control_s);
    actuation_->apply(*world_, desired_, world_->timeStep(), applied_);
    clock.lap(times_.actuation_s);
    world_->setJointTorques(applied_);
    push_.setZero();
    for (const auto& p : scene_.pushes)
        if (t >= p.start_s && t < p.start_s + p.duration_s) push_ += Eigen::Vector3d(p.force_forward_n, 0, p.force_lateral_n);
    if (push_.squaredNorm() > 0) world_->addPelvisForce(push_);
    world_->step();
    clock.lap(times_.physics_s);
    checkHealth();
    clock.lap(times_.checks_s);
    if (timing_) ++times_.steps;
}

void Simulation::startSchedule(double t) {
    // Start-up: the desired speed (and a treadmill belt) rises linearly from the start speed to
    // the walking speed; set once more at the end of the ramp, then left alone.
    if (t > scene_.start_ramp_s + world_->timeStep()) return;
    const double f = std::clamp(t / scene_.start_ramp_s, 0.0, 1.0);
    const double v = scene_.start_speed_m_per_s + f * (scene_.speed_m_per_s - scene_.start_speed_m_per_s);
    setTravelSpeed(scene_.gait == Gait::Forward ? v : -v);
}

void Simulation::setTravelSpeed(double signed_speed) {
    controller_->setSpeed(std::fabs(signed_speed));
    if (scene_.surface == SurfaceType::Treadmill) world_->setBeltSpeed(signed_speed);
}

void Simulation::directionSchedule(double t) {
    // Slow down to a stop, step in place, speed up the other way: the desired speed (and a
    // treadmill belt) ramps linearly to zero, stays there for the stop, and ramps up in the
    // other direction. The gait changes half-way through the stop; a walking controller takes
    // it at its next foot contact, and the speed-up then starts half a stop later, so that it
    // begins at the same point of the step whenever the switch started (for controllers that do
    // not walk, at the end of the stop).
    const double t0 = *scene_.switch_at_s, ramp = scene_.switch_ramp_s, stop = scene_.switch_stop_s;
    if (t < t0 || (up_from_ && t > *up_from_ + ramp + world_->timeStep())) return;
    const double from = scene_.gait == Gait::Forward ? 1.0 : -1.0;  // signed travel before the switch
    const bool turned = t - t0 >= ramp + 0.5 * stop;
    const Gait gait = turned == (from > 0) ? Gait::Backward : Gait::Forward;
    if (turned && !up_from_) {
        const auto active = controller_->activeGait();
        if (!active) up_from_ = t0 + ramp + stop;
        else if (*active == gait) up_from_ = t + 0.5 * stop;
    }
    const double down = std::clamp(1.0 - (t - t0) / ramp, 0.0, 1.0);
    const double up = up_from_ ? std::clamp((t - *up_from_) / ramp, 0.0, 1.0) : 0.0;
    const double signed_speed = from * scene_.speed_m_per_s * (down - up);
    if (gait != current_gait_) {
        current_gait_ = gait;
        controller_->setGait(gait);
    }
    setTravelSpeed(signed_speed);
}

void Simulation::checkHealth() {
    auto end = [&](RunStatus s, const std::string& why) {
        status_ = s;
        end_time_ = world_->time();
        end_reason_ = why;
    };
    if (!world_->healthy()) return end(RunStatus::NumericalFailure, "non-finite or runaway state");
    if (pelvisHeightAboveSurface() < options_.fall_pelvis_height_fraction * initial_pelvis_height_)
        return end(RunStatus::Fell, "pelvis dropped below " + std::to_string(int(options_.fall_pelvis_height_fraction * 100)) +
                                        "% of its standing height");
    const int torso = model_->segmentIndex("torso");
    if (torso >= 0) {
        const Eigen::Vector3d up = world_->segmentPose(torso).orientation * Eigen::Vector3d::UnitY();
        if (std::acos(std::clamp(up.y(), -1.0, 1.0)) > options_.fall_trunk_tilt_rad)
            return end(RunStatus::Fell, "trunk tilted beyond " + std::to_string(int(options_.fall_trunk_tilt_rad * 57.2958)) + " degrees");
    }
    if (world_->nonFootContact()) return end(RunStatus::Fell, "a segment other than a foot touched the ground");
    if (scene_.surface == SurfaceType::Treadmill) {
        const Eigen::Vector3d p = world_->segmentPose(0).position;
        const double along = world_->surfaceTangent().dot(p);
        if (std::fabs(along) > scene_.belt_length_m / 2 || std::fabs(p.z()) > scene_.belt_width_m / 2)
            return end(RunStatus::Fell, "walked off the treadmill belt");
    }
}

void Simulation::runUntil(double t_end, const std::function<void(double)>& progress) {
    double next_report = std::floor(time()) + 1.0;
    const double eps = 0.5 * world_->timeStep();
    while (status_ == RunStatus::Running && time() + eps < t_end) {
        step();
        if (progress && time() >= next_report) {
            progress(time());
            next_report += 1.0;
        }
    }
}

void Simulation::finish() {
    if (status_ == RunStatus::Running) {
        status_ = RunStatus::Completed;
        end_time_ = time();
    }
}

} // namespace rg
