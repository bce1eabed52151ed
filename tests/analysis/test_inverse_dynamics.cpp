// Forward kinematics against Bullet, and inverse dynamics against the joint torques the
// simulation actually applied.
#include "sim_fixture.hpp"

#include "engine/analysis/inverse_dynamics.hpp"
#include "engine/analysis/recording.hpp"

#include <catch2/catch.hpp>

using namespace rg;

TEST_CASE("forward kinematics from recorded coordinates reproduces Bullet's segment poses and velocities", "[analysis]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    SceneDesc scene;
    Simulation sim(model, scene, std::make_unique<rgtest::SquatSwayController>());
    Recorder rec(sim, sim.world().timeStep());
    for (int i = 0; i < 300; ++i) {
        sim.step();
        rec.afterStep(sim);
    }
    REQUIRE(sim.status() == RunStatus::Running);
    const Recording r(rec.table(), *model);
    const std::size_t k = r.rows() - 1;
    const BodyKinematics kin = forwardKinematics(*model, r.state(k));
    const PhysicsWorld& w = sim.world();
    for (std::size_t s = 0; s < model->segments().size(); ++s) {
        INFO("segment " << model->segments()[s].name);
        const Pose p = w.segmentPose(int(s));
        CHECK((kin.segments[s].origin - p.position).norm() < 1e-9);
        CHECK((kin.segments[s].rotation - p.orientation.toRotationMatrix()).norm() < 1e-9);
        CHECK((kin.segments[s].com - w.segmentComPosition(int(s))).norm() < 1e-9);
        CHECK((kin.segments[s].angular_velocity - w.segmentAngularVelocity(int(s))).norm() < 1e-9);
        CHECK((kin.segments[s].com_velocity - w.segmentComVelocity(int(s))).norm() < 1e-9);
    }
}

namespace {
struct Agreement {
    double worst = 0, rms_error = 0, rms_applied = 0, worst_residual = 0;
    std::string worst_name;
};
/// ID against the applied torques after the first 0.2 s (the walker settles onto the floor from
/// 2 mm above it, with its straight knees on their range limit, whose constraint torque the
/// applied torques do not include).
Agreement agreement(const rgtest::SimulatedMotion& sim, Differencing scheme) {
    const Model& m = *sim.model;
    const Recording rec(sim.table, m);
    const auto id = inverseDynamicsOfRecording(rec, 9.81, scheme, sim.time_step);
    Agreement a;
    std::size_t count = 0;
    for (std::size_t k = 1; k < rec.rows(); ++k) {
        if (rec.time(k) < 0.2) continue;
        const Eigen::VectorXd tau = rec.appliedTorques(k);
        for (std::size_t c = 0; c < m.coordinates().size(); ++c) {
            const double e = std::fabs(id.moments.col(m.coordinates()[c].name + "_moment")[k] - tau[c]);
            if (e > a.worst) {
                a.worst = e;
                a.worst_name = m.coordinates()[c].name;
            }
            a.rms_applied += tau[c] * tau[c];
            a.rms_error += e * e;
            ++count;
        }
        for (const char* n : {"pelvis_tx_force", "pelvis_ty_force", "pelvis_tz_force"})
            a.worst_residual = std::max(a.worst_residual, std::fabs(id.moments.col(n)[k]));
    }
    a.rms_applied = std::sqrt(a.rms_applied / count);
    a.rms_error = std::sqrt(a.rms_error / count);
    return a;
}
} // namespace

TEST_CASE("inverse dynamics on a simulated movement agrees with the applied joint torques", "[analysis]") {
    SECTION("recorded at every physics step") {
        const auto sim = rgtest::simulateSquatSway(1.5);
        REQUIRE_FALSE(sim.fell);
        for (auto scheme : {Differencing::StepConsistent, Differencing::RecordedStep}) {
            const Agreement a = agreement(sim, scheme);
            INFO("scheme " << int(scheme) << ": worst |ID - applied| " << a.worst << " N·m at " << a.worst_name << "; RMS applied "
                           << a.rms_applied << " N·m, RMS difference " << a.rms_error << " N·m");
            CHECK(a.rms_applied > 5.0);  // the movement really loads the joints
            // Exact up to round-off: the Newton–Euler sums run over 8 segments with forces of
            // ~1e3 N and lever arms of ~1 m, so double precision leaves ~1e-12 N·m; 1e-8 N·m
            // leaves room for compiler differences while any modelling error (a missing term,
            // a wrong inertia or axis) is orders of magnitude larger.
            CHECK(a.worst < 1e-8);
            CHECK(a.worst_residual < 1e-8);   // the ground reaction forces balance the motion
        }
    }
    SECTION("recorded at 200 Hz, as `retrogait run` does") {
        const auto sim = rgtest::simulateSquatSway(1.5, 5);
        REQUIRE_FALSE(sim.fell);
        const Agreement a = agreement(sim, Differencing::RecordedStep);
        INFO("worst |ID - applied| " << a.worst << " N·m at " << a.worst_name << "; RMS applied " << a.rms_applied
                                     << " N·m, RMS difference " << a.rms_error << " N·m");
        // The start of each sampled step is rebuilt from its end state and recorded accelerations
        // by running semi-implicit Euler backwards (the pelvis turned back by h·ω): exact up to
        // round-off again, so the same bound holds at any sampling rate.
        CHECK(a.worst < 1e-8);
        // Central differences of 200 Hz velocities cannot see the step-to-step contact impulses.
        const Agreement c = agreement(sim, Differencing::Central);
        CHECK(c.rms_error > 10 * a.rms_error);
    }
}
