// Muscles moving the skeleton in Bullet at the simulator's 1 ms step: each muscle excited alone
// turns its joints the way its moment arm says; full co-contraction and a muscle-driven free
// foot stay stable; the walker stands on its muscles with idle reserves.
#include "engine/control/posture_controller.hpp"
#include "engine/core/units.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/muscle/muscle_actuation.hpp"
#include "engine/sim/factory.hpp"
#include "engine/sim/simulation.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace rg;

namespace {

std::shared_ptr<const Model> defaultModel() { return Model::build(loadModelFile(defaultModelPath())); }

SceneDesc weightless() {
    SceneDesc s;
    s.gravity = 0;
    return s;
}

void setPose(PhysicsWorld& w, const std::vector<std::pair<std::string, double>>& deg) {
    for (const auto& [n, d] : deg) w.setCoordinate(w.model().coordinateIndex(n), deg2rad(d));
}

const std::vector<std::pair<std::string, double>> kFlexedPose{
    {"hip_flexion_r", 30}, {"knee_angle_r", -60}, {"ankle_angle_r", 0}, {"hip_adduction_r", 0},
    {"hip_flexion_l", 30}, {"knee_angle_l", -60}, {"lumbar_extension", 0}};

/// Desired torques at step s: the ankle follows a square wave (15° dorsiflexion / 20°
/// plantarflexion, 2 Hz at 1 ms) with the swing-ankle gains of the walking controller (kp 60
/// N·m/rad, kd 2 N·m·s/rad), the other joints hold `target` stiffly. Updates target[ankle].
Eigen::VectorXd ankleSquareWave(const PhysicsWorld& world, int ankle, int s, Eigen::VectorXd& target) {
    target[ankle] = deg2rad((s / 250) % 2 == 0 ? 15.0 : -20.0);
    Eigen::VectorXd desired = 300.0 * (target - world.positions()) - 10.0 * world.velocities();
    desired[ankle] = 60.0 * (target[ankle] - world.q(ankle)) - 2.0 * world.qd(ankle);
    return desired;
}

} // namespace

TEST_CASE("a muscle excited alone turns its joints the way its moment arm says", "[muscle][driven]") {
    auto model = defaultModel();
    auto set = MuscleSet::build(*model);
    struct Case { const char* muscle; const char* coordinate; };
    const std::vector<Case> cases{{"VAS_r", "knee_angle_r"}, {"BFSH_r", "knee_angle_r"}, {"SOL_r", "ankle_angle_r"},
                                  {"TA_r", "ankle_angle_r"},  {"GLU_r", "hip_flexion_r"}, {"HFL_r", "hip_flexion_r"},
                                  {"HAB_r", "hip_adduction_r"}, {"HAD_l", "hip_adduction_l"}, {"ERS_l", "lumbar_extension"},
                                  {"EO_r", "lumbar_rotation"}};
    for (const auto& k : cases) {
        PhysicsWorld world(model, weightless());
        setPose(world, kFlexedPose);
        MuscleActuation act(set);
        act.reset(world);
        Eigen::VectorXd u = Eigen::VectorXd::Constant(set->size(), 0.01);
        u[set->index(k.muscle)] = 1.0;
        act.setExcitationOverride(u);
        const int c = model->coordinateIndex(k.coordinate);
        const double r = set->momentArm(set->index(k.muscle), c, world.positions());
        const double q0 = world.q(c);
        Eigen::VectorXd applied, zero = Eigen::VectorXd::Zero(model->coordinates().size());
        for (int s = 0; s < 100; ++s) {
            act.apply(world, zero, world.timeStep(), applied);
            world.setJointTorques(applied);
            world.step();
        }
        INFO(k.muscle << " on " << k.coordinate << ": moment arm " << r << " m, moved " << rad2deg(world.q(c) - q0) << " deg");
        CHECK(act.reserveTorques().isZero());
        CHECK(act.states()[set->index(k.muscle)].activation > 0.99);
        CHECK(r * (world.q(c) - q0) > 0.0);
        CHECK(std::fabs(world.q(c) - q0) > deg2rad(2.0));
    }
}

TEST_CASE("full co-contraction of every muscle stays stable at dt = 1 ms", "[muscle][driven][stability]") {
    auto model = defaultModel();
    PhysicsWorld world(model, weightless());
    setPose(world, kFlexedPose);
    // A swinging foot and shank to start with.
    world.setCoordinate(model->coordinateIndex("ankle_angle_r"), 0.0, 8.0);
    world.setCoordinate(model->coordinateIndex("knee_angle_r"), deg2rad(-60), -5.0);
    MuscleActuation act(*model);
    act.reset(world);
    act.setExcitationOverride(Eigen::VectorXd::Ones(act.muscles().size()));
    Eigen::VectorXd applied, zero = Eigen::VectorXd::Zero(model->coordinates().size());
    double peak_late = 0;
    for (int s = 0; s < 1500; ++s) {
        act.apply(world, zero, world.timeStep(), applied);
        world.setJointTorques(applied);
        world.step();
        REQUIRE(world.healthy());
        if (s >= 1000) peak_late = std::max(peak_late, world.velocities().cwiseAbs().maxCoeff());
    }
    // Settled: the muscles damp the motion instead of feeding it.
    CHECK(peak_late < 0.5);
    for (const auto& st : act.states()) CHECK(st.activation > 0.99);
}

TEST_CASE("a muscle-driven free foot tracks a PD target through static optimisation without blowing up", "[muscle][driven][stability]") {
    // The swing-ankle gains of the walking controller (kp 60 N·m/rad, kd 2 N·m·s/rad) on the
    // light foot (≈ 0.009 kg·m²); both tendon models.
    for (const char* tendon : {"compliant", "rigid"}) {
        ModelDesc d = loadModelFile(defaultModelPath());
        for (auto& e : d.muscles)
            if (e["type"] == "settings") {
                e["tendon"] = tendon;
                e["static_optimisation"].erase("reserve_limit_nm");  // unbounded reserves here
            }
        auto model = Model::build(d);
        PhysicsWorld world(model, weightless());
        setPose(world, kFlexedPose);
        MuscleActuation act(*model);
        act.reset(world);
        const int ankle = model->coordinateIndex("ankle_angle_r"), knee = model->coordinateIndex("knee_angle_r");
        Eigen::VectorXd target = world.positions(), applied;
        double worst_error = 0, peak_speed = 0, worst_mismatch = 0;
        for (int s = 0; s < 2000; ++s) {
            const Eigen::VectorXd desired = ankleSquareWave(world, ankle, s, target);
            act.apply(world, desired, world.timeStep(), applied);
            worst_mismatch = std::max(worst_mismatch, (applied - desired).cwiseAbs().maxCoeff());
            world.setJointTorques(applied);
            world.step();
            REQUIRE(world.healthy());
            peak_speed = std::max(peak_speed, std::fabs(world.qd(ankle)));
            if (s % 250 > 200) worst_error = std::max(worst_error, std::fabs(world.q(ankle) - target[ankle]));
        }
        INFO(tendon << " tendons: peak ankle speed " << peak_speed << " rad/s, worst settled error " << rad2deg(worst_error)
                    << " deg, largest |applied - desired| " << worst_mismatch << " N m");
        // Muscles and reserves together deliver the desired torques, so the muscles add no
        // lag or undamped stiffness to the loop.
        CHECK(worst_mismatch < 1e-6);
        CHECK(peak_speed < 30.0);
        CHECK(rad2deg(worst_error) < 5.0);
        CHECK(std::fabs(world.q(knee) - deg2rad(-60)) < deg2rad(3));
    }
}

TEST_CASE("bounded reserves: never beyond their limit, the shortfall is not applied, the muscles still track", "[muscle][driven]") {
    ModelDesc d = loadModelFile(defaultModelPath());
    double limit = 0;
    for (auto& e : d.muscles)
        if (e["type"] == "settings") limit = e["static_optimisation"]["reserve_limit_nm"].get<double>();
    REQUIRE(limit > 0);
    auto model = Model::build(d);
    PhysicsWorld world(model, weightless());
    setPose(world, kFlexedPose);
    MuscleActuation act(*model);
    act.reset(world);
    const int ankle = model->coordinateIndex("ankle_angle_r");
    Eigen::VectorXd target = world.positions(), applied;
    double worst_reserve = 0, worst_error = 0, largest_shortfall = 0, worst_sum = 0;
    for (int s = 0; s < 2000; ++s) {
        const Eigen::VectorXd desired = ankleSquareWave(world, ankle, s, target);
        act.apply(world, desired, world.timeStep(), applied);
        worst_reserve = std::max(worst_reserve, act.reserveTorques().cwiseAbs().maxCoeff());
        worst_sum = std::max(worst_sum, (applied - act.muscleTorques() - act.reserveTorques()).cwiseAbs().maxCoeff());
        largest_shortfall = std::max(largest_shortfall, std::fabs(desired[ankle] - applied[ankle]));
        world.setJointTorques(applied);
        world.step();
        REQUIRE(world.healthy());
        if (s % 250 > 200) worst_error = std::max(worst_error, std::fabs(world.q(ankle) - target[ankle]));
    }
    INFO("largest reserve " << worst_reserve << " N m, largest ankle shortfall " << largest_shortfall
                            << " N m, worst settled error " << rad2deg(worst_error) << " deg");
    CHECK(worst_reserve <= limit + 1e-12);
    CHECK(worst_sum < 1e-9);
    CHECK(largest_shortfall > 1.0);  // the square wave's jumps are beyond one step of muscle: not applied
    CHECK(rad2deg(worst_error) < 5.0);
}

TEST_CASE("the walker stands on its muscles: reserves idle, channels recorded, deterministic", "[muscle][driven]") {
    auto model = defaultModel();
    SceneDesc scene = loadSceneFile(std::string(RETROGAIT_SOURCE_DIR) + "/scenes/standing.json");
    auto run = [&] {
        auto actuation = makeActuation(*model, scene);
        REQUIRE(actuation->name() == "muscles+reserves");
        Simulation sim(model, scene, std::make_unique<PostureController>(), SimulationOptions{}, std::move(actuation));
        std::vector<double> channels;
        double reserve2 = 0, applied2 = 0;
        const auto* muscles = dynamic_cast<const MuscleActuation*>(&sim.actuation());
        REQUIRE(muscles);
        while (sim.time() < 2.0 && sim.status() == RunStatus::Running) {
            sim.step();
            // From rest the muscle forces rise at the rate the tendons allow: reserves carry
            // the load for the first ~0.1 s, then stay idle.
            if (sim.time() < 0.2) continue;
            for (int c = 0; c < 13; ++c)
                if (muscles->muscles().actuated(c)) {
                    reserve2 += std::pow(muscles->reserveTorques()[c], 2);
                    applied2 += std::pow(sim.appliedTorques()[c], 2);
                }
        }
        CHECK(sim.status() == RunStatus::Running);
        INFO("reserve/applied RMS " << std::sqrt(reserve2 / applied2));
        CHECK(std::sqrt(reserve2 / applied2) < 0.01);
        sim.actuation().channelValues(channels);
        const auto names = sim.actuation().channelNames();
        REQUIRE(names.size() == channels.size());
        CHECK(names.front() == "HFL_r_activation");
        CHECK(names[1] == "HFL_r_force_n");
        CHECK(names.back() == "metabolic_power_w");
        CHECK(std::find(names.begin(), names.end(), "reserve_hip_rotation_l_nm") != names.end());
        CHECK(channels.back() > 1.2 * 75.0);  // standing costs more than the basal rate
        return channels;
    };
    const auto a = run(), b = run();
    CHECK(a == b);
}
