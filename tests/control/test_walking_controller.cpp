// Pieces of the walking controller, checked on the standing walker at the first step: the
// stance-ankle speed term (its size and its sign in each direction) and the lean on an incline.
#include "engine/control/walking_controller.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/physics/physics_world.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace rg;

namespace {
/// The default walker, built once.
std::shared_ptr<const Model> defaultModel() {
    static const auto model = Model::build(loadModelFile(defaultModelPath()));
    return model;
}

/// The treadmill scene with its belt at rest: the walker's speed relative to it is zero.
SceneDesc restingTreadmill() {
    SceneDesc scene = loadSceneFile(std::string(RETROGAIT_SOURCE_DIR) + "/scenes/treadmill.json");
    scene.speed_m_per_s = 0;
    return scene;
}

/// Desired torques of a walking controller computed once, at the first step, on the walker
/// standing still on a treadmill belt at rest (`incline_percent` uphill in the walking
/// direction); `tune` sets parameters. The right leg is the first stance leg.
template <class Tune>
Eigen::VectorXd firstTorques(Gait gait, double speed, double incline_percent, Tune tune,
                             const Eigen::Vector3d& base_velocity = Eigen::Vector3d::Zero(),
                             double base_shift_z = 0, SurfaceType surface = SurfaceType::Treadmill) {
    const auto model = defaultModel();
    SceneDesc scene = restingTreadmill();
    scene.gait = gait;
    scene.incline_percent = incline_percent;
    scene.surface = surface;
    PhysicsWorld world(model, scene);
    if (base_velocity.squaredNorm() > 0) world.setBaseVelocity(base_velocity);
    if (base_shift_z != 0) {  // the whole walker moved sideways (+z: to the right)
        Pose base = world.segmentPose(model->segmentIndex("pelvis"));
        base.position.z() += base_shift_z;
        world.setBasePose(base);
    }
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

TEST_CASE("coronal balance gains default to the sagittal ones, bit for bit", "[control][lateral]") {
    // Not set (NaN): the sagittal simbicon_cd, simbicon_cv and the swing-hip gains about every
    // axis; set to those same values: the same torques exactly; set apart: the swing hip's
    // adduction torque changes and its flexion torque does not.
    const Eigen::Vector3d sway(0, 0, 0.3);  // m/s toward the right (+z)
    const auto unset = firstTorques(Gait::Forward, 1.0, 0, [](WalkingParams&) {}, sway);
    const auto same = firstTorques(Gait::Forward, 1.0, 0, [](WalkingParams& p) {
        p.simbicon_cd_lateral = p.simbicon_cd;
        p.simbicon_cv_lateral = p.simbicon_cv;
        p.swing_hip_add_kp = p.swing_hip_kp;
        p.swing_hip_add_kd = p.swing_hip_kd;
    }, sway);
    CHECK((unset - same).cwiseAbs().maxCoeff() == 0.0);
    const auto apart = firstTorques(Gait::Forward, 1.0, 0, [](WalkingParams& p) { p.simbicon_cv_lateral = 2 * p.simbicon_cv; }, sway);
    const int add_l = coordinate("hip_adduction_l"), flex_l = coordinate("hip_flexion_l");
    CHECK(apart[flex_l] == unset[flex_l]);
    // The left leg swings first; moving right, a larger cv turns its thigh further toward the
    // right, i.e. adducts it (positive adduction of the left hip moves its foot toward +z):
    // cv·v more of target, times kp.
    const WalkingParams d;
    CHECK(apart[add_l] - unset[add_l] == Approx(d.swing_hip_kp * d.simbicon_cv * 0.3 * massScale()).epsilon(1e-6));
}

TEST_CASE("the pull to the treadmill belt's middle turns the swing hip in proportion to the offset", "[control][lateral]") {
    // Standing 0.2 m right of the belt's middle, the left leg swings first. The pull adds
    // k·z to its coronal hip target (left leg: + adducts, so the foot lands further right and
    // the body falls back to the left), times the adduction kp; it leaves the flexion alone,
    // is zero at the middle and does not act overground.
    const double shift = 0.2, k = 0.5;
    const auto pull = [](double kk) { return [=](WalkingParams& p) { p.centre_pull_lateral = kk; }; };
    const Eigen::Vector3d still = Eigen::Vector3d::Zero();
    const auto none = firstTorques(Gait::Forward, 1.0, 0, pull(0.0), still, shift);
    const auto pulled = firstTorques(Gait::Forward, 1.0, 0, pull(k), still, shift);
    const int add_l = coordinate("hip_adduction_l"), flex_l = coordinate("hip_flexion_l");
    const double com_z = PhysicsWorld(defaultModel(), restingTreadmill()).centreOfMass().z() + shift;
    REQUIRE(com_z > 0.15);
    const WalkingParams d;
    CHECK(pulled[add_l] - none[add_l] == Approx(d.swing_hip_kp * k * com_z * massScale()).epsilon(1e-6));
    CHECK(pulled[flex_l] == none[flex_l]);
    // Overground there is no belt and no pull.
    const auto ground0 = firstTorques(Gait::Forward, 1.0, 0, pull(0.0), still, shift, SurfaceType::Overground);
    const auto ground1 = firstTorques(Gait::Forward, 1.0, 0, pull(k), still, shift, SurfaceType::Overground);
    CHECK((ground0 - ground1).cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("the crossover guard keeps the swing foot's target outside the stance foot's line", "[control][lateral]") {
    // Standing, the left leg swings first and the right foot is the stance foot. Moving right
    // at 1 m/s, the coronal feedback aims the left foot across the right one; the guard limits
    // the thigh's world roll to atan(room / h), room = the hip's lateral distance from the
    // stance ankle less the minimum width, h = the hip's height above that ankle (the leg at
    // rest: no adduction rate, so no lag term).
    const auto model = defaultModel();
    SceneDesc scene = restingTreadmill();
    PhysicsWorld world(model, scene);
    const Eigen::Vector3d hip = world.segmentPose(model->segmentIndex("thigh_l")).position;
    const Eigen::Vector3d ankle_r = world.segmentPose(model->segmentIndex("foot_r")).position;
    const double width = 0.15;
    const double h = hip.y() - ankle_r.y();
    const double roll_max = std::atan((ankle_r.z() - hip.z() - width) / h);
    const Eigen::Vector3d sway(0, 0, 1.0);
    const auto guard = [&](double w) { return [=](WalkingParams& p) { p.min_step_width_m = w; }; };
    const auto free = firstTorques(Gait::Forward, 1.0, 0, guard(0.0), sway);
    const auto guarded = firstTorques(Gait::Forward, 1.0, 0, guard(width), sway);
    const int add_l = coordinate("hip_adduction_l");
    const WalkingParams d;
    // the unguarded target: roll = cd·dz + cv·vz (left leg: + adducts), dz = com − stance ankle
    const double dz = world.centreOfMass().z() - ankle_r.z();
    const double roll_free = d.simbicon_cd * dz + d.simbicon_cv * 1.0;
    REQUIRE(roll_free > roll_max);  // the case is one the guard must act on
    CHECK(guarded[add_l] - free[add_l] == Approx(d.swing_hip_kp * (roll_max - roll_free) * massScale()).epsilon(1e-6));
    // A target already outside the line is left alone.
    const auto still_free = firstTorques(Gait::Forward, 1.0, 0, guard(0.0));
    const auto still_guarded = firstTorques(Gait::Forward, 1.0, 0, guard(0.05));
    CHECK((still_free - still_guarded).cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("the stance ankle's push-off moment is a plantarflexion that rises with the step's phase", "[control]") {
    // stance_pushoff_nm_per_kg × body mass × ramp, the ramp rising from 0 at stance_pushoff_phase
    // of the step to 1 at its end. At the first step the phase is a little past the double
    // support; from phase 0 the moment is proportional to the gain, plantarflexing (−) in both
    // directions, and nothing else changes; with the ramp starting late in the step it is zero.
    const int ankle = coordinate("ankle_angle_r");
    const double mass = defaultModel()->bodyMass();
    for (Gait g : {Gait::Forward, Gait::Backward}) {
        auto with = [&](double gain, double phase) {
            return firstTorques(g, 1.0, 0, [&](WalkingParams& p) {
                p.stance_pushoff_nm_per_kg = gain;
                p.stance_pushoff_phase = phase;
            });
        };
        const Eigen::VectorXd none = firstTorques(g, 1.0, 0, [](WalkingParams&) {});
        const Eigen::VectorXd one = with(1.0, 0.0), two = with(2.0, 0.0), late = with(2.0, 0.9);
        const double c1 = one[ankle] - none[ankle], c2 = two[ankle] - none[ankle];
        CHECK(c1 < 0);
        CHECK(c1 > -1.0 * mass);  // the ramp has not reached 1 at the first step
        CHECK(c2 == Approx(2 * c1).epsilon(1e-9));
        Eigen::VectorXd rest = two - none;
        rest[ankle] = 0;
        CHECK(rest.cwiseAbs().maxCoeff() == 0.0);
        CHECK((late - none).cwiseAbs().maxCoeff() == 0.0);
    }
}

TEST_CASE("the stance ankle's dorsiflexion stop plantarflexes in proportion to the dorsiflexion beyond it",
          "[control]") {
    // −stance_ankle_stop_kp × (body mass / 75 kg) × (ankle angle − surface angle − stop), only
    // beyond the stop. The standing walker's ankle is near neutral: a stop at −0.2 rad is passed
    // by about 0.2 rad, one at −0.3 rad by 0.1 rad more (so the difference of the two moments is
    // exactly kp × 0.1 × mass scale, whatever the ankle angle), one at +0.3 rad not at all.
    const int ankle = coordinate("ankle_angle_r");
    for (Gait g : {Gait::Forward, Gait::Backward}) {
        auto with = [&](double kp, double stop) {
            return firstTorques(g, 1.0, 0, [&](WalkingParams& p) {
                p.stance_ankle_stop_kp = kp;
                p.stance_ankle_stop_rad = stop;
            });
        };
        const Eigen::VectorXd none = firstTorques(g, 1.0, 0, [](WalkingParams&) {});
        const Eigen::VectorXd a = with(100, -0.2), b = with(200, -0.2), c = with(100, -0.3), off = with(100, 0.3);
        const double da = a[ankle] - none[ankle];
        CHECK(da < 0);
        CHECK(da == Approx(-100 * 0.2 * massScale()).margin(0.1 * 100 * massScale()));
        CHECK(b[ankle] - none[ankle] == Approx(2 * da).epsilon(1e-9));
        CHECK(c[ankle] - a[ankle] == Approx(-100 * 0.1 * massScale()).epsilon(1e-9));
        Eigen::VectorXd rest = a - none;
        rest[ankle] = 0;
        CHECK(rest.cwiseAbs().maxCoeff() == 0.0);
        CHECK((off - none).cwiseAbs().maxCoeff() == 0.0);
    }
}

TEST_CASE("the trailing hip's damping in double support is scaled in adduction and rotation only", "[control]") {
    // Two identical walkers (ideal torques) take their first step; the runs are the same until
    // the left foot lands and the right leg becomes the trailing leg of a double support. On
    // that first double-support step, the trailing hip's torques are −kd × its rate × mass
    // scale about each axis (kd small enough for the torque limits): trailing_hip_turn_damping (0 in the second walker) scales the
    // adduction and rotation ones and leaves flexion alone.
    const auto model = defaultModel();
    SceneDesc scene = restingTreadmill();
    const int flex = coordinate("hip_flexion_r"), add = coordinate("hip_adduction_r"), rot = coordinate("hip_rotation_r");
    for (Gait g : {Gait::Forward, Gait::Backward}) {
        scene.gait = g;
        PhysicsWorld w1(model, scene), w0(model, scene);
        auto controller = [&](double f) {
            WalkingParams p;
            p.speed = 0.6;
            p.gait = g;
            p.simbicon = true;
            p.double_support_fraction = 0.2;
            p.swing_hip_kd = 5;  // the damping torques stay inside the torque limits
            p.trailing_hip_turn_damping = f;
            return WalkingController(p);
        };
        WalkingController c1 = controller(1.0), c0 = controller(0.0);
        c1.reset(w1);
        c0.reset(w0);
        Eigen::VectorXd t1, t0;
        bool landed = false;
        for (int i = 0; i < 3000 && !landed; ++i) {
            c1.compute(w1, t1);
            c0.compute(w0, t0);
            landed = c1.stanceLeg() == 1;
            if (!landed) {
                REQUIRE((t1 - t0).cwiseAbs().maxCoeff() == 0.0);  // no double support yet: the same walk
                w1.setJointTorques(t1);
                w0.setJointTorques(t0);
                w1.step();
                w0.step();
            }
        }
        REQUIRE(landed);
        REQUIRE(c0.stanceLeg() == 1);
        const double kd = 5 * massScale();
        CHECK(t1[flex] == Approx(-kd * w1.qd(flex)).epsilon(1e-9));
        CHECK(t1[add] == Approx(-kd * w1.qd(add)).epsilon(1e-9));
        CHECK(t1[rot] == Approx(-kd * w1.qd(rot)).epsilon(1e-9));
        CHECK(std::abs(w1.qd(add)) > 0.01);  // the hip was moving, so the check above can fail
        CHECK(t0[flex] == t1[flex]);
        CHECK(t0[add] == 0.0);
        CHECK(t0[rot] == 0.0);
    }
}

TEST_CASE("the trunk's yaw assist moves the stance hip's excess rotation demand to the lumbar rotation",
          "[control]") {
    // One walker (ideal torques, no output filter) steps under a controller without the assist;
    // controllers with it compute from the same states. All put the same net torque on the
    // pelvis (the pelvis loop's torque: hips and lumbar together). With the assist and a 5 N·m
    // budget, against the assist with a budget it never reaches (300 N·m, above the 100 N·m
    // limit; the lumbar loop's yaw target is the same in both): the stance hip's rotation
    // torque ends within about its budget, the lumbar rotation takes the rest, and no other
    // joint's torque changes. Without the assist the budget changes nothing.
    const auto model = defaultModel();
    SceneDesc scene = restingTreadmill();
    PhysicsWorld w(model, scene);
    auto controller = [&](double assist, double budget) {
        WalkingParams p;
        p.speed = 1.0;
        p.simbicon = true;
        p.position_gain = 0;
        p.torque_filter_hz = 0;
        p.trunk_yaw_assist = assist;
        p.stance_hip_rotation_budget_nm = budget;
        return WalkingController(p);
    };
    WalkingController c0 = controller(0, 5), c0b = controller(0, 30), c1 = controller(1, 5), c1n = controller(1, 300);
    for (WalkingController* c : {&c0, &c0b, &c1, &c1n}) c->reset(w);
    const double k = massScale(), budget = 5 * k;
    const double full_load = WalkingParams().full_load_fraction * model->bodyMass() * scene.gravity;
    const int lum[3] = {coordinate("lumbar_extension"), coordinate("lumbar_bending"), coordinate("lumbar_rotation")};
    const char* hips[2][3] = {{"hip_flexion_r", "hip_adduction_r", "hip_rotation_r"},
                              {"hip_flexion_l", "hip_adduction_l", "hip_rotation_l"}};
    // The net torque the hips and the lumbar joint put on the pelvis.
    auto onPelvis = [&](const Eigen::VectorXd& tau) {
        Eigen::Vector3d t = Eigen::Vector3d::Zero();
        for (const auto& leg : hips)
            for (const char* name : leg) t -= w.coordinateAxisWorld(coordinate(name)) * tau[coordinate(name)];
        for (int c : lum) t -= w.coordinateAxisWorld(c) * tau[c];
        return t;
    };
    int checked = 0;
    Eigen::VectorXd t0, t0b, t1, tn;
    for (int i = 0; i < 1500; ++i) {
        c0.compute(w, t0);
        c0b.compute(w, t0b);
        c1.compute(w, t1);
        c1n.compute(w, tn);
        REQUIRE((t0 - t0b).cwiseAbs().maxCoeff() == 0.0);
        REQUIRE(c1.stanceLeg() == c0.stanceLeg());
        const int st = c0.stanceLeg();
        const int rot = coordinate(hips[st][2]);
        const bool loaded = w.foot(Side(st)).force.y() >= full_load;
        // Away from the torque limits (100 N·m rotation, 300 elsewhere, at 75 kg), where the
        // torques are the controller's own solve.
        const bool unclamped = std::max({t0.cwiseAbs().maxCoeff(), t1.cwiseAbs().maxCoeff(), tn.cwiseAbs().maxCoeff()}) < 90 * k;
        if (loaded && unclamped && std::abs(tn[rot]) > budget + 5 * k) {
            ++checked;
            const Eigen::Vector3d p0 = onPelvis(t0), p1 = onPelvis(t1), pn = onPelvis(tn);
            CHECK((p1 - p0).norm() < 1e-9 * (1 + p0.norm()));
            CHECK((pn - p0).norm() < 1e-9 * (1 + p0.norm()));
            const double target = std::copysign(budget, tn[rot]), excess = std::abs(tn[rot] - target);
            CHECK(std::abs(t1[rot] - target) < 0.2 * excess);
            CHECK(std::abs(t1[lum[2]] - tn[lum[2]]) > 0.5 * excess);
            for (int c = 0; c < t0.size(); ++c) {
                bool pelvis_joint = c == lum[2];
                for (const char* name : hips[st]) pelvis_joint |= c == coordinate(name);
                if (!pelvis_joint) CHECK(t1[c] == tn[c]);
            }
        }
        w.setJointTorques(t0);
        w.step();
    }
    CHECK(checked > 20);
}

TEST_CASE("the step time follows the walk ratio above the step-speed floor and holds below it", "[control]") {
    // Cadence C = sqrt(60 v / walk ratio) steps/min (Sekiya & Nagasaki 1998), so a step lasts
    // sqrt(60 · ratio / v) s, with v no lower than the floor.
    const auto step = [](double speed, double floor) {
        WalkingParams p;
        p.speed = speed;
        p.step_speed_floor_m_per_s = floor;
        return WalkingController(p).stepTime();
    };
    const double ratio = WalkingParams().walk_ratio;
    const auto closed = [&](double v) { return std::sqrt(60.0 * ratio / v); };
    CHECK(step(1.0, 0.3) == Approx(closed(1.0)).epsilon(1e-12));
    CHECK(step(0.4, 0.3) == Approx(closed(0.4)).epsilon(1e-12));
    CHECK(step(0.1, 0.3) == Approx(closed(0.3)).epsilon(1e-12));
    CHECK(step(0.0, 0.3) == Approx(closed(0.3)).epsilon(1e-12));
    CHECK(step(0.0, 0.5) == Approx(closed(0.5)).epsilon(1e-12));
    CHECK(step(0.4, 0.5) == Approx(closed(0.5)).epsilon(1e-12));
    CHECK(step(0.8, 0.5) == Approx(closed(0.8)).epsilon(1e-12));
    CHECK(step(0.0, 0.5) < step(0.0, 0.3));  // a higher floor: shorter steps when stopped
    // With a control file the floor is the one interpolated at the speed, like every parameter.
    const WalkingControlDesc desc = loadWalkingControl(defaultWalkingControlPath());
    WalkingController c(desc, Gait::Forward, 1.0);
    c.setSpeed(0.0);
    CHECK(c.stepTime() == Approx(std::sqrt(60.0 * c.params().walk_ratio / c.params().step_speed_floor_m_per_s)).epsilon(1e-12));
}
