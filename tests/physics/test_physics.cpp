// Physics against closed forms: free fall, energy conservation, the treadmill belt, friction
// on an incline, and a standing walker's ground reaction force.
#include "engine/control/posture_controller.hpp"
#include "engine/core/units.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/physics/physics_world.hpp"
#include "engine/sim/simulation.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace rg;

namespace {

/// A model made of one free box (the floating base, no joints): 0.3 × 0.1 × 0.2 m, 10 kg;
/// stiffness > 0 makes its contacts compliant (per contact point, as the model's foot_contact).
std::shared_ptr<const Model> boxModel(double stiffness = 0, double damping = 0) {
    ModelDesc d;
    d.file = "(test box)";
    d.name = "box";
    d.body_mass = 10.0;
    d.height = 1.0;
    d.reference_stature = 1.0;
    d.contact_friction = 1.0;
    d.contact_stiffness = stiffness;
    d.contact_damping = damping;
    SegmentDesc s;
    s.name = "pelvis";
    PartDesc p;
    p.name = "box";
    p.mass_fraction = 1.0;
    p.length = 0.2;
    p.com_fraction = 0.5;
    p.gyration = {0.3, 0.3, 0.3};
    p.start = {0, 0.1, 0};
    p.axis = {0, -1, 0};
    s.parts.push_back(p);
    ShapeDesc b;
    b.type = ShapeType::Box;
    b.size = {0.3, 0.1, 0.2};
    b.centre = {0, 0.05, 0};
    s.shapes.push_back(b);
    d.segments.push_back(s);
    return Model::build(d);
}

SceneDesc scene(SurfaceType type, double speed, double incline, double friction) {
    SceneDesc s;
    s.name = "test";
    s.surface = type;
    s.speed_m_per_s = speed;
    s.incline_percent = incline;
    s.friction = friction;
    s.belt_length_m = 20.0;  // long enough for the box to stay on it
    s.time_step_s = 0.001;
    s.solver_iterations = 30;
    return s;
}

std::shared_ptr<const Model> walker() { return Model::build(loadModelFile(defaultModelPath())); }

} // namespace

TEST_CASE("free fall follows g t^2 / 2 and conserves energy", "[physics]") {
    auto m = walker();
    PhysicsWorld w(m, scene(SurfaceType::Overground, 0, 0, 0.9));
    Pose p;
    p.position = Eigen::Vector3d(0, 50, 0);
    w.setBasePose(p);
    // Internal motion too: the joints swing while the body falls.
    for (const char* c : {"hip_flexion_r", "knee_angle_l", "lumbar_bending"})
        w.setCoordinate(m->coordinateIndex(c), w.q(m->coordinateIndex(c)) - 0.3, 0.8);
    const double y0 = w.centreOfMass().y(), vy0 = w.centreOfMassVelocity().y();
    const double e0 = w.mechanicalEnergy();
    const Eigen::VectorXd zero = Eigen::VectorXd::Zero(w.numCoordinates());
    for (int i = 0; i < 1000; ++i) {
        w.setJointTorques(zero);
        w.step();
    }
    const double t = w.time();
    CHECK(t == Approx(1.0).epsilon(1e-9));
    // Semi-implicit Euler: y_n = y0 + vy0 t − g dt² n(n+1)/2; its difference to the closed
    // form is g·t·dt/2 = 4.9 mm after 1 s, so compare to the closed form within 6 mm and to
    // the discrete solution tightly.
    const double g = 9.81, dt = 0.001, n = 1000;
    CHECK(w.centreOfMass().y() == Approx(y0 + vy0 * t - 0.5 * g * t * t).margin(0.006));
    CHECK(w.centreOfMass().y() == Approx(y0 + vy0 * t - g * dt * dt * n * (n + 1) / 2).margin(1e-6));
    CHECK(w.centreOfMassVelocity().y() == Approx(vy0 - g * t).margin(1e-6));
    // No hidden damping. Semi-implicit Euler in a uniform field changes the energy by exactly
    // −M g² t dt / 2 (−3.6 J here, from the position lag above); beyond that the energy of the
    // fall and of the swinging joints (≈ 3.6 kJ gained) must be conserved to within 0.05 J.
    const double expectedE = e0 - 0.5 * m->totalMass() * g * g * t * dt;
    CHECK(w.mechanicalEnergy() == Approx(expectedE).margin(0.05));
}

TEST_CASE("a box on the belt reaches the belt speed", "[physics][belt]") {
    auto m = boxModel();
    for (double incline : {0.0, 10.0}) {
        DYNAMIC_SECTION("incline " << incline << " %") {
            PhysicsWorld w(m, scene(SurfaceType::Treadmill, 1.25, incline, 0.9));
            const Eigen::VectorXd none(0);
            for (int i = 0; i < 1500; ++i) w.step();
            const Eigen::Vector3d v = w.segmentComVelocity(0);
            const Eigen::Vector3d belt = w.beltVelocity();
            CHECK(belt.norm() == Approx(1.25).epsilon(1e-12));
            CHECK(belt.x() < 0);  // a forward walker's belt runs towards −x
            CHECK((v - belt).norm() < 0.01 * 1.25);
        }
    }
}

TEST_CASE("a box on a belt too slippery for its incline slides down", "[physics][belt]") {
    auto m = boxModel();
    const double incline = 30.0, mu = 0.1;  // tan α = 0.3 > μ
    PhysicsWorld w(m, scene(SurfaceType::Treadmill, 0.5, incline, mu));
    for (int i = 0; i < 300; ++i) w.step();  // settle into sliding
    const Eigen::Vector3d t = w.surfaceTangent();
    const double v1 = (w.segmentComVelocity(0) - w.beltVelocity()).dot(t);
    for (int i = 0; i < 500; ++i) w.step();
    const double v2 = (w.segmentComVelocity(0) - w.beltVelocity()).dot(t);
    const double a = std::atan(incline / 100.0);
    const double expected = -9.81 * (std::sin(a) - mu * std::cos(a));  // along +tangent (uphill)
    CHECK(v2 < v1);
    CHECK((v2 - v1) / 0.5 == Approx(expected).epsilon(0.02));
}

TEST_CASE("a box on a static floor stays put", "[physics]") {
    auto m = boxModel();
    PhysicsWorld w(m, scene(SurfaceType::Overground, 1.25, 0, 0.9));
    for (int i = 0; i < 1000; ++i) w.step();
    CHECK(w.segmentComVelocity(0).norm() < 1e-3);
    CHECK(w.beltVelocity().norm() == 0.0);
}

TEST_CASE("a box on compliant contacts sinks m g / (n k) and bounces at sqrt(n k / m)", "[physics][contact]") {
    // The box rests on its four bottom corners, each a spring-damper (k, c) to the floor. Static
    // deflection relative to rigid contacts: m g / (4 k). Lifted by a small velocity (it stays in
    // contact), it oscillates at ω = sqrt(4 k / m) with damping ratio ζ = 4 c / (2 sqrt(4 k m)).
    const double k = 1e4, c = 5.0, m = 10.0, g = 9.81;
    auto settle = [](PhysicsWorld& w) {
        for (int i = 0; i < 3000; ++i) w.step();
        return w.segmentComPosition(0).y();
    };
    auto rigidModel = boxModel();
    PhysicsWorld rigid(rigidModel, scene(SurfaceType::Overground, 0, 0, 0.9));
    const double yRigid = settle(rigid);
    auto softModel = boxModel(k, 200.0);  // settles fast (ζ ≈ 0.63)
    PhysicsWorld soft(softModel, scene(SurfaceType::Overground, 0, 0, 0.9));
    const double ySoft = settle(soft);
    CHECK(yRigid - ySoft == Approx(m * g / (4 * k)).epsilon(0.01));
    CHECK(soft.totalContactForce().y() == Approx(m * g).epsilon(1e-3));

    auto lightModel = boxModel(k, c);
    PhysicsWorld w(lightModel, scene(SurfaceType::Overground, 0, 0, 0.9));
    const double y0 = settle(w);
    w.setBaseVelocity(Eigen::Vector3d(0, 0.05, 0));  // amplitude 0.8 mm < the 2.5 mm deflection
    std::vector<double> upCrossings;
    double prev = w.segmentComPosition(0).y() - y0;
    for (int i = 0; i < 1000; ++i) {
        w.step();
        const double e = w.segmentComPosition(0).y() - y0;
        if (prev < 0 && e >= 0) upCrossings.push_back(w.time() - w.timeStep() * e / (e - prev));
        prev = e;
    }
    REQUIRE(upCrossings.size() >= 5);
    const double period = (upCrossings.back() - upCrossings.front()) / double(upCrossings.size() - 1);
    const double omega = std::sqrt(4 * k / m), zeta = 4 * c / (2 * std::sqrt(4 * k * m));
    CHECK(period == Approx(2 * M_PI / (omega * std::sqrt(1 - zeta * zeta))).epsilon(0.01));
}

TEST_CASE("a standing walker's vertical ground reaction equals body weight", "[physics][standing]") {
    auto m = walker();
    Simulation sim(m, scene(SurfaceType::Overground, 0, 0, 0.9), std::make_unique<PostureController>());
    sim.runUntil(2.0);
    REQUIRE(sim.status() == RunStatus::Running);
    double sum = 0;
    int n = 0;
    while (sim.time() < 3.0) {
        sim.step();
        sum += sim.world().foot(kRight).force.y() + sim.world().foot(kLeft).force.y();
        ++n;
    }
    const double weight = m->totalMass() * 9.81;
    CHECK(sum / n == Approx(weight).epsilon(0.01));
    // Centre of pressure under the feet, centre of mass over the base of support.
    const double x = sim.world().centreOfMass().x();
    CHECK(x > sim.world().segmentPose(sim.world().footSegment(kRight)).position.x() - 0.06);
}

TEST_CASE("Bullet's warm start (scene solver_warm_start) reaches the solver and keeps the load at body weight",
          "[physics][solver]") {
    // A standing walker with only 3 solver iterations per step: the per-step vertical ground
    // reaction must average body weight with or without the warm start (it starts each step's
    // contact impulses from a fraction of the last step's; it must not bias the load), and the
    // two runs must differ (the option reaches Bullet). Measured: the warm start makes the
    // per-step force less steady here (rms deviation about 0.5 N cold, 5 N warm at 0.85).
    auto m = walker();
    const double weight = m->totalMass() * 9.81;
    struct Load { double mean, rms; };
    auto load = [&](double warm) {
        SceneDesc s = scene(SurfaceType::Overground, 0, 0, 0.9);
        s.solver_iterations = 3;
        s.solver_warm_start = warm;
        Simulation sim(m, s, std::make_unique<PostureController>());
        sim.runUntil(1.0);
        REQUIRE(sim.status() == RunStatus::Running);
        double sum = 0, sum2 = 0;
        int n = 0;
        while (sim.time() < 2.0) {
            sim.step();
            const double f = sim.world().foot(kRight).force.y() + sim.world().foot(kLeft).force.y();
            sum += f;
            sum2 += (f - weight) * (f - weight);
            ++n;
        }
        return Load{sum / n, std::sqrt(sum2 / n)};
    };
    const Load cold = load(0.0), warm = load(0.85);
    INFO("mean / rms deviation from body weight, N: cold " << cold.mean << " / " << cold.rms << ", warm " << warm.mean << " / "
                                                            << warm.rms << "; weight " << weight);
    CHECK(cold.mean == Approx(weight).epsilon(0.01));
    CHECK(warm.mean == Approx(weight).epsilon(0.01));
    CHECK(warm.rms != cold.rms);
}
