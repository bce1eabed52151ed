// Pieces of the walking controller, checked on the standing walker at the first step: the
// stance-ankle speed term (its size and its sign in each direction).
#include "engine/control/walking_controller.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/physics/physics_world.hpp"

#include <catch2/catch.hpp>

using namespace rg;

namespace {
/// Desired torques of a controller with `gain` on the stance-ankle speed term, computed once on
/// the walker standing still on a level treadmill belt at rest. `ankle` receives the index of
/// the first stance leg's (the right leg's) ankle coordinate.
Eigen::VectorXd firstTorques(Gait gait, double speed, double gain, int& ankle) {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    SceneDesc scene = loadSceneFile(std::string(RETROGAIT_SOURCE_DIR) + "/scenes/treadmill.json");
    scene.speed_m_per_s = 0;  // belt at rest: the walker's speed relative to it is zero
    PhysicsWorld world(model, scene);
    WalkingParams p;
    p.speed = speed;
    p.gait = gait;
    p.simbicon = true;
    p.speed_ankle_gain = gain;
    p.position_gain = 0;  // the desired speed is the set speed (no pull toward the belt centre)
    WalkingController c(p);
    c.reset(world);
    Eigen::VectorXd tau;
    c.compute(world, tau);
    ankle = model->coordinateIndex("ankle_angle_r");
    REQUIRE(c.stanceLeg() == 0);
    return tau;
}
} // namespace

TEST_CASE("the stance ankle's speed term moves the centre of pressure back when the walker is too slow",
          "[control]") {
    // Standing still with a desired speed of 1 m/s is 1 m/s too slow. The linear inverted
    // pendulum accelerates away from its centre of pressure, so a too-slow walker needs the
    // pressure moved against the walking direction: less plantarflexion (a dorsiflexing, +,
    // torque) forward, less dorsiflexion (a plantarflexing, −, torque) backward. The term is
    // gain (N·m per m/s) × speed error × body mass / 75 kg, signed by the direction.
    const double gain = 40, v = 1.0;
    const double scale = Model::build(loadModelFile(defaultModelPath()))->bodyMass() / 75.0;
    for (Gait g : {Gait::Forward, Gait::Backward}) {
        int ankle = -1;
        const Eigen::VectorXd with = firstTorques(g, v, gain, ankle);
        const Eigen::VectorXd without = firstTorques(g, v, 0.0, ankle);
        const double dir = g == Gait::Forward ? 1.0 : -1.0;
        const double change = with[ankle] - without[ankle];
        CHECK(change == Approx(dir * gain * v * scale).epsilon(1e-9));
        CHECK(dir * change > 0);
        // nothing else changes
        Eigen::VectorXd rest = with - without;
        rest[ankle] = 0;
        CHECK(rest.cwiseAbs().maxCoeff() == 0.0);
    }
}
