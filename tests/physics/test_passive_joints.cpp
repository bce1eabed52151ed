// Passive joint springs and dampers (a coordinate's passive_stiffness / passive_damping): a
// damped oscillator against its closed form, stability where an explicit step would diverge,
// and a foot with a toe segment whose contacts count as the foot's.
#include "engine/control/posture_controller.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/physics/physics_world.hpp"
#include "engine/sim/simulation.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace rg;

namespace {

PartDesc boxPart(const char* name, double mass_fraction, double length) {
    PartDesc p;
    p.name = name;
    p.mass_fraction = mass_fraction;
    p.length = length;
    p.com_fraction = 0.5;
    p.gyration = {0.3, 0.3, 0.3};
    p.start = {0, 0, 0};
    p.axis = {1, 0, 0};
    return p;
}

/// A heavy base (999 parts in 1000 of the mass, 1 m long) and a light 0.2 m link on a revolute
/// joint about z at the base's origin, with a passive spring k and damper c.
std::shared_ptr<const Model> springModel(double mass, double k, double c) {
    ModelDesc d;
    d.file = "(test spring)";
    d.name = "spring";
    d.body_mass = mass;
    d.height = 1.0;
    d.reference_stature = 1.0;
    SegmentDesc base, link;
    base.name = "pelvis";
    base.parts.push_back(boxPart("base", 0.999, 1.0));
    link.name = "link";
    link.parts.push_back(boxPart("link", 0.001, 0.2));
    d.segments = {base, link};
    JointDesc j;
    j.name = "spring";
    j.type = JointType::Revolute;
    j.parent = "pelvis";
    j.child = "link";
    CoordinateDesc q;
    q.name = "spring_angle";
    q.axis = {0, 0, 1};
    q.range_min = -3.0;
    q.range_max = 3.0;
    q.passive_stiffness = k;
    q.passive_damping = c;
    j.coordinates.push_back(q);
    d.joints.push_back(j);
    return Model::build(d);
}

/// The spring model's link inertia about the joint axis (kg·m²); it does not depend on k or c.
double linkInertia(double mass) {
    const auto& in = springModel(mass, 0.0, 0.0)->segments()[1].inertial;
    return in.inertia[2] + in.mass * (in.com[0] * in.com[0] + in.com[1] * in.com[1]);
}

SceneDesc airScene() {
    SceneDesc s;
    s.name = "test";
    s.surface = SurfaceType::Overground;
    s.time_step_s = 0.001;
    s.solver_iterations = 30;
    s.friction = 0.9;
    return s;
}

/// The spring coordinate's angle, every step for `seconds`, in free fall far above the ground
/// (a uniform field does not act on the relative motion), from q = q0 at rest.
std::vector<double> swing(const std::shared_ptr<const Model>& m, double q0, double seconds) {
    PhysicsWorld w(m, airScene());
    Pose p;
    p.position = Eigen::Vector3d(0, 100, 0);
    w.setBasePose(p);
    w.setCoordinate(0, q0, 0.0);
    const Eigen::VectorXd zero = Eigen::VectorXd::Zero(w.numCoordinates());
    std::vector<double> q;
    while (w.time() < seconds - 1e-9) {
        w.setJointTorques(zero);
        w.step();
        q.push_back(w.q(0));
    }
    return q;
}

} // namespace

TEST_CASE("a passive joint spring and damper oscillate at the closed-form frequency and decay", "[physics][passive]") {
    // I q'' = -k q - c q': omega_d = omega_n sqrt(1 - zeta^2), amplitude ratio per period
    // exp(-2 pi zeta / sqrt(1 - zeta^2)). The implicit step adds its own damping k dt (backward
    // Euler's), so the expected decay uses c + k dt; the link's mass is 1/1000 of the base's, so
    // the base's recoil shifts the frequency by well under 1 %.
    const double I = linkInertia(100.0);
    const double omega_n = 20.0, zeta = 0.05;
    const double k = I * omega_n * omega_n, c = 2 * zeta * omega_n * I;
    const auto m = springModel(100.0, k, c);
    const std::vector<double> q = swing(m, 0.2, 2.0);
    // Downward zero crossings give the period; successive maxima the decay.
    std::vector<double> crossings, peaks;
    for (std::size_t i = 1; i + 1 < q.size(); ++i) {
        if (q[i - 1] > 0 && q[i] <= 0) crossings.push_back(i + q[i] / (q[i - 1] - q[i]));  // steps
        if (q[i] > q[i - 1] && q[i] >= q[i + 1] && q[i] > 0) peaks.push_back(q[i]);
    }
    REQUIRE(crossings.size() >= 5);
    REQUIRE(peaks.size() >= 4);
    const double period = (crossings.back() - crossings.front()) / double(crossings.size() - 1) * 0.001;
    CHECK(period == Approx(2 * M_PI / (omega_n * std::sqrt(1 - zeta * zeta))).epsilon(0.01));
    const double zeta_eff = (c + k * 0.001) / (2 * I * omega_n);
    const double ratio = std::pow(peaks.back() / peaks.front(), 1.0 / double(peaks.size() - 1));
    CHECK(ratio == Approx(std::exp(-2 * M_PI * zeta_eff / std::sqrt(1 - zeta_eff * zeta_eff))).epsilon(0.02));
    // The damper removes energy: it is really there (an undamped step would keep 0.2).
    CHECK(peaks.back() < 0.8 * 0.2);
}

TEST_CASE("a stiff passive joint on a light link stays stable and comes to rest", "[physics][passive]") {
    // k dt^2 / I = 0.5 and c dt / I = 5: an explicit step of these torques diverges
    // (reference/bullet-3.24.md: explicit PD on light links); the implicit one settles.
    const double I = linkInertia(1.0);
    const auto m = springModel(1.0, 0.5 * I / 1e-6, 5.0 * I / 1e-3);
    const std::vector<double> q = swing(m, 0.3, 1.0);
    for (double v : q) REQUIRE(std::isfinite(v));
    double biggest = 0;
    for (double v : q) biggest = std::max(biggest, std::fabs(v));
    CHECK(biggest <= 0.3 + 1e-9);
    CHECK(std::fabs(q.back()) < 1e-3);
}

TEST_CASE("a foot with a toe segment: the toes' contacts are the foot's", "[physics][passive][standing]") {
    // The default walker with each foot split at 0.13 m ahead of the ankle and a toe segment on
    // a passive MTP joint (as tools/probe/toe_foot.py writes it): standing, the two feet carry
    // the body weight, the toes touch the ground and nothing counts as a non-foot contact.
    ModelDesc d = loadModelFile(defaultModelPath());
    const std::size_t n = d.segments.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (d.segments[i].name != "foot_r" && d.segments[i].name != "foot_l") continue;
        const std::string side = d.segments[i].name.substr(5);
        ShapeDesc& box = d.segments[i].shapes[0];
        const double heel = box.centre[0] - box.size[0] / 2, tip = box.centre[0] + box.size[0] / 2;
        const double sole = box.centre[1] - box.size[1] / 2, mtp = 0.13;
        box.size[0] = mtp - heel;
        box.centre[0] = (mtp + heel) / 2;
        PartDesc& foot = d.segments[i].parts[0];
        const double toe_fraction = foot.mass_fraction * 0.15;
        foot.mass_fraction -= toe_fraction;
        SegmentDesc toes;
        toes.name = "toes_" + side;
        toes.parts.push_back(boxPart("toes", toe_fraction, tip - mtp));
        ShapeDesc t = box;
        t.size = {tip - mtp, 0.03, box.size[2]};
        t.centre = {(tip - mtp) / 2, 0, 0};
        toes.shapes.push_back(t);
        d.segments.push_back(toes);
        JointDesc j;
        j.name = "mtp_" + side;
        j.type = JointType::Revolute;
        j.parent = d.segments[i].name;
        j.child = toes.name;
        j.location = {mtp, sole + 0.015, 0};
        CoordinateDesc q;
        q.name = "mtp_angle_" + side;
        q.axis = {0, 0, 1};
        q.range_min = -0.35;
        q.range_max = 1.05;
        q.passive_stiffness = 20.0;
        q.passive_damping = 0.5;
        j.coordinates.push_back(q);
        d.joints.push_back(j);
    }
    const auto m = Model::build(d);
    REQUIRE(m->segmentIndex("toes_r") >= 0);
    Simulation sim(m, airScene(), std::make_unique<PostureController>());
    sim.runUntil(2.0);
    REQUIRE(sim.status() == RunStatus::Running);
    double sum = 0;
    int steps = 0;
    while (sim.time() < 3.0) {
        sim.step();
        sum += sim.world().foot(kRight).force.y() + sim.world().foot(kLeft).force.y();
        CHECK_FALSE(sim.world().nonFootContact());
        ++steps;
    }
    CHECK(sum / steps == Approx(m->totalMass() * 9.81).epsilon(0.01));
    // The toes bear load: contact points ahead of the MTP joint, in the foot's sum.
    const Eigen::Vector3d mtp = sim.world().segmentPose(m->segmentIndex("toes_r")).position;
    const Eigen::Vector3d cop = sim.world().foot(kRight).cop;
    CHECK(sim.world().foot(kRight).points > 4);  // the foot box's four corners and the toes' own
    CHECK(cop.x() < mtp.x());  // standing, the pressure stays behind the ball of the foot
}
