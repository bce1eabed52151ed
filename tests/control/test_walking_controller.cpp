// Pieces of the walking controller, checked on the standing walker at the first step: the
// stance-ankle speed term (its size and its sign in each direction) and the lean on an incline.
#include "engine/control/walking_controller.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/physics/physics_world.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace rg;

namespace {
/// The default walker, built once.
std::shared_ptr<const Model> defaultModel() {
    static const auto model = Model::build(loadModelFile(defaultModelPath()));
    return model;
}

/// Desired torques of a walking controller computed once, at the first step, on the walker
/// standing still on a treadmill belt at rest (`incline_percent` uphill in the walking
/// direction); `tune` sets parameters. The right leg is the first stance leg.
template <class Tune>
Eigen::VectorXd firstTorques(Gait gait, double speed, double incline_percent, Tune tune) {
    const auto model = defaultModel();
    SceneDesc scene = loadSceneFile(std::string(RETROGAIT_SOURCE_DIR) + "/scenes/treadmill.json");
    scene.speed_m_per_s = 0;  // belt at rest: the walker's speed relative to it is zero
    scene.gait = gait;
    scene.incline_percent = incline_percent;
    PhysicsWorld world(model, scene);
    WalkingParams p;
    p.speed = speed;
    p.gait = gait;
    p.simbicon = true;
    p.position_gain = 0;  // the desired speed is the set speed (no pull toward the belt centre)
    tune(p);
    WalkingController c(p);
    c.reset(world);
    Eigen::VectorXd tau;
    c.compute(world, tau);
    REQUIRE(c.stanceLeg() == 0);
    return tau;
}

int coordinate(const char* name) { return defaultModel()->coordinateIndex(name); }
double massScale() { return defaultModel()->bodyMass() / 75.0; }
} // namespace

TEST_CASE("the stance ankle's speed term moves the centre of pressure back when the walker is too slow",
          "[control]") {
    // Standing still with a desired speed of 1 m/s is 1 m/s too slow. The linear inverted
    // pendulum accelerates away from its centre of pressure, so a too-slow walker needs the
    // pressure moved against the walking direction: less plantarflexion (a dorsiflexing, +,
    // torque) forward, less dorsiflexion (a plantarflexing, −, torque) backward. The term is
    // gain (N·m per m/s) × speed error × body mass / 75 kg, signed by the direction.
    const double gain = 40, v = 1.0;
    const int ankle = coordinate("ankle_angle_r");
    for (Gait g : {Gait::Forward, Gait::Backward}) {
        const Eigen::VectorXd with = firstTorques(g, v, 0, [&](WalkingParams& p) { p.speed_ankle_gain = gain; });
        const Eigen::VectorXd without = firstTorques(g, v, 0, [](WalkingParams&) {});
        const double dir = g == Gait::Forward ? 1.0 : -1.0;
        const double change = with[ankle] - without[ankle];
        CHECK(change == Approx(dir * gain * v * massScale()).epsilon(1e-9));
        CHECK(dir * change > 0);
        // nothing else changes
        Eigen::VectorXd rest = with - without;
        rest[ankle] = 0;
        CHECK(rest.cwiseAbs().maxCoeff() == 0.0);
    }
}

TEST_CASE("on an incline the trunk leans toward the rising surface in both directions", "[control]") {
    // incline_lean_gain·θ of lean: the lumbar extension target drops by that much walking
    // forward uphill (the surface rises ahead, +x: lean forward, a flexing torque) and rises
    // walking backward uphill (the surface rises toward −x, behind the walker's back: lean
    // back, an extending torque). The lumbar PD turns it into kp·Δtarget.
    const double gain = 2.0, incline = 10, kp = 1000;
    const double theta = std::atan(incline / 100);
    const int lumbar = coordinate("lumbar_extension");
    for (Gait g : {Gait::Forward, Gait::Backward}) {
        auto tune = [&](double lean_gain) {
            return [=](WalkingParams& p) {
                p.lumbar_kp = kp;
                p.incline_lean_gain = lean_gain;
            };
        };
        const Eigen::VectorXd with = firstTorques(g, 1.0, incline, tune(gain));
        const Eigen::VectorXd without = firstTorques(g, 1.0, incline, tune(0.0));
        const double dir = g == Gait::Forward ? 1.0 : -1.0;
        CHECK(with[lumbar] - without[lumbar] == Approx(-dir * kp * gain * theta * massScale()).epsilon(1e-9));
        // on level ground the gain does nothing
        CHECK((firstTorques(g, 1.0, 0, tune(gain)) - firstTorques(g, 1.0, 0, tune(0.0))).cwiseAbs().maxCoeff() == 0.0);
    }
}
