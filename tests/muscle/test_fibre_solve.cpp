// How the fibre equations are solved, against slow exact references: the backward-Euler fibre
// step against a plain bisection of the same residual, its closed-form inverse in the activation
// (fibreStepForForce) against the fibre step, and the actuation stage's shortcuts (activation for
// the planned force in closed form, the step's end state reused) against recomputing them with
// advanceFibre as the stage used to.
#include "engine/core/units.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/muscle/muscle_actuation.hpp"
#include "engine/physics/physics_world.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace rg;

namespace {

const HillCurves kCurves;  // Geyer & Herr 2010 values

/// Soleus of Geyer & Herr 2010 (Table I): Fmax 4000 N, lopt 4 cm, lslack 26 cm, vmax 6 lopt/s.
MuscleParameters soleus() {
    MuscleParameters p;
    p.max_isometric_force = 4000;
    p.optimal_fibre_length = 0.04;
    p.tendon_slack_length = 0.26;
    p.max_shortening_velocity = 6;
    return p;
}

/// The fibre length (m) at the end of the step by bisection of the backward-Euler residual,
/// written out from the curves (the reference the fast solvers must reproduce).
double bisectedFibreLength(const MuscleParameters& p, double mtu_length, double dt, const MuscleState& s) {
    const double lopt = p.optimal_fibre_length, ratio = lopt / p.tendon_slack_length;
    const double l0 = s.fibre_length / lopt, h = dt * p.max_shortening_velocity;
    auto g = [&](double l) {
        const double v = (l - l0) / h;
        return s.activation * kCurves.forceLength(l) * kCurves.forceVelocity(v) + kCurves.parallelElastic(l) - kCurves.buffer(l) +
               kCurves.fibre_damping * v - kCurves.tendon(mtu_length / p.tendon_slack_length - l * ratio - 1.0);
    };
    double lo = 1e-6, hi = 10.0;
    for (int it = 0; it < 200; ++it) {
        const double m = 0.5 * (lo + hi);
        if (g(m) < 0.0) lo = m; else hi = m;
    }
    return 0.5 * (lo + hi) * lopt;
}

/// Fibre states over a grid: activation, fibre length, last velocity, tendon strain, step.
template <class F>
void forEachFibreState(F&& f) {
    for (const MuscleParameters& p : {rgtest::vasti(), soleus()})
        for (double a : {0.01, 0.05, 0.2, 0.6, 1.0})
            for (double l0 : {0.5, 0.8, 0.97, 1.0, 1.2, 1.5})
                for (double v0 : {-0.5, -0.05, 0.0, 0.05, 0.5})
                    for (double strain : {-0.02, 0.0, 0.01, 0.03, 0.06})
                        for (double dt : {1e-3, 5e-4}) {
                            MuscleState s;
                            s.activation = a;
                            s.fibre_length = l0 * p.optimal_fibre_length;
                            s.fibre_velocity = v0 * p.max_shortening_velocity * p.optimal_fibre_length;
                            const double mtu = s.fibre_length + p.tendon_slack_length * (1.0 + strain);
                            f(p, mtu, dt, s);
                        }
}

} // namespace

TEST_CASE("the fibre step lands on the root of its residual (bisection reference) over a sweep of states", "[muscle][fibre-solve]") {
    int cases = 0;
    double worst = 0;
    forEachFibreState([&](const MuscleParameters& p, double mtu, double dt, const MuscleState& s0) {
        MuscleState s = s0;
        advanceFibre(kCurves, p, mtu, dt, s);
        const double ref = bisectedFibreLength(p, mtu, dt, s0);
        worst = std::max(worst, std::fabs(s.fibre_length - ref) / ref);
        CHECK(s.fibre_velocity == Approx((s.fibre_length - s0.fibre_length) / dt).epsilon(1e-12));
        ++cases;
    });
    // A case where Newton used to cycle across the force-velocity corner at v = 0 (soleus in a
    // walk: the root lies just on the shortening side of the last length, the first guess on
    // the lengthening side).
    const MuscleParameters sol = soleus();
    MuscleState s;
    s.activation = 0.1175;
    s.fibre_length = 0.96551387 * sol.optimal_fibre_length;
    s.fibre_velocity = (0.96712651583204223 - 0.96551387) * sol.optimal_fibre_length / 1e-3;
    const double mtu = 1.15872806 * sol.tendon_slack_length;
    const double ref = bisectedFibreLength(sol, mtu, 1e-3, s);
    advanceFibre(kCurves, sol, mtu, 1e-3, s);
    worst = std::max(worst, std::fabs(s.fibre_length - ref) / ref);
    INFO(cases << " states, largest relative fibre-length difference " << worst);
    CHECK(worst < 1e-12);
    CHECK(s.fibre_length < 0.96551387 * sol.optimal_fibre_length);  // shortening
}

TEST_CASE("a first guess a few ulps off the fV corner still ends on the root", "[muscle][fibre-solve]") {
    // From static equilibrium (v ≈ 0, the corner of fV) a change of activation moves the root to
    // one side; a first guess rounded just to the other side of the corner must not stop there.
    for (const MuscleParameters& p : {rgtest::vasti(), soleus()})
        for (double a_eq : {0.05, 0.3, 0.8})
            for (double a : {0.5 * a_eq, 0.01, 1.5 * a_eq, 1.0}) {
                const double mtu = p.optimal_fibre_length + 1.02 * p.tendon_slack_length;
                MuscleState s0;
                s0.activation = a;
                s0.fibre_length = isometricFibreLength(kCurves, p, a_eq, mtu);
                const double ref = bisectedFibreLength(p, mtu, 1e-3, s0);
                for (int ulps : {-3, -1, 1, 3}) {
                    double guess = s0.fibre_length;
                    for (int k = 0; k < std::abs(ulps); ++k) guess = std::nextafter(guess, ulps < 0 ? 0.0 : 1.0);
                    MuscleState s = s0;
                    advanceFibreFrom(kCurves, p, mtu, 1e-3, s, guess);
                    INFO("A_eq " << a_eq << ", A " << a << ", guess " << ulps << " ulps");
                    CHECK(std::fabs(s.fibre_length - ref) <= 1e-12 * ref);
                }
            }
}

TEST_CASE("the activation for an end-of-step force (closed form) reproduces that force through the fibre step", "[muscle][fibre-solve]") {
    int solved = 0, with_force = 0;
    double worst_force = 0, worst_activation = 0, worst_length = 0;
    forEachFibreState([&](const MuscleParameters& p, double mtu, double dt, const MuscleState& s0) {
        MuscleState fwd = s0;
        advanceFibre(kCurves, p, mtu, dt, fwd);
        if (!(fwd.force > 1e-6 * p.max_isometric_force)) return;
        ++with_force;
        MuscleState end;
        const double lopt = p.optimal_fibre_length;
        const double flfv = kCurves.forceLength(fwd.fibre_length / lopt) *
                            kCurves.forceVelocity(fwd.fibre_velocity / (p.max_shortening_velocity * lopt));
        if (!fibreStepForForce(kCurves, p, mtu, dt, s0, fwd.force, end)) {
            // Declined only where no activation sets the force: the fibre shortens at vmax or
            // faster within the step (states far from equilibrium in this sweep), fV = 0.
            CHECK(flfv < 1e-9);
            return;
        }
        ++solved;
        // The activation found is the one that produced the force...
        worst_activation = std::max(worst_activation, std::fabs(end.activation - s0.activation));
        // ...its state is the fibre step's...
        worst_length = std::max(worst_length, std::fabs(end.fibre_length - fwd.fibre_length) / fwd.fibre_length);
        // ...and stepping with it ends at the force (the old iterative criterion: 1e-9·Fmax).
        MuscleState back = s0;
        back.activation = end.activation;
        advanceFibre(kCurves, p, mtu, dt, back);
        worst_force = std::max(worst_force, std::fabs(back.force - fwd.force) / p.max_isometric_force);
        CHECK(end.force == Approx(fwd.force).epsilon(1e-9));
    });
    INFO(solved << " of " << with_force << " states with tendon force solved; worst |dA| " << worst_activation
                << ", worst relative length " << worst_length << ", worst force / Fmax " << worst_force);
    CHECK(solved > 0.75 * with_force);
    CHECK(worst_force < 1e-11);
    CHECK(worst_length < 1e-11);
    CHECK(worst_activation < 1e-7);
}

TEST_CASE("the closed form declines where the activation does not set the force", "[muscle][fibre-solve]") {
    const MuscleParameters p = rgtest::vasti();
    MuscleState s, end;
    s.activation = 0.3;
    s.fibre_length = p.optimal_fibre_length;
    const double mtu = p.optimal_fibre_length + 1.01 * p.tendon_slack_length;
    CHECK_FALSE(fibreStepForForce(kCurves, p, mtu, 1e-3, s, 0.0, end));  // slack tendon: any force ≤ 0
    CHECK_FALSE(fibreStepForForce(kCurves, p, mtu, 1e-3, s, -10.0, end));
    // A force so high the tendon takes the whole unit: no fibre left.
    CHECK_FALSE(fibreStepForForce(kCurves, p, mtu, 1e-3, s, 1e4 * p.max_isometric_force, end));
    // The unit shortens faster than vmax within the step: fV = 0, no activation sets the force.
    MuscleState fast = s;
    fast.fibre_length = 1.4 * p.optimal_fibre_length;
    CHECK_FALSE(fibreStepForForce(kCurves, p, mtu, 1e-3, fast, 0.5 * p.max_isometric_force, end));
    // An ordinary state is solved, with the activation in range.
    REQUIRE(fibreStepForForce(kCurves, p, mtu, 1e-3, s, kCurves.tendon(0.01) * p.max_isometric_force, end));
    CHECK(end.activation > 0.0);
    CHECK(end.fibre_length == Approx(mtu - 1.01 * p.tendon_slack_length).epsilon(1e-12));
}

TEST_CASE("each muscle's new state is the fibre step of its realised activation and ends at the planned force", "[muscle][fibre-solve]") {
    // The weightless walker's ankle tracks a square wave through static optimisation (as in
    // test_muscle_driven), so the muscles sweep through rising, falling and saturated activations.
    auto model = Model::build(loadModelFile(defaultModelPath()));
    SceneDesc scene;
    scene.gravity = 0;
    PhysicsWorld world(model, scene);
    for (const auto& [n, d] : std::vector<std::pair<std::string, double>>{{"hip_flexion_r", 30}, {"knee_angle_r", -60}, {"hip_flexion_l", 30}, {"knee_angle_l", -60}})
        world.setCoordinate(model->coordinateIndex(n), deg2rad(d));
    MuscleActuation act(*model);
    act.reset(world);
    REQUIRE_FALSE(act.muscles().settings().rigid_tendon);
    const HillCurves& c = act.muscles().curves();
    const double tau = act.muscles().settings().activation_time_constant;
    const int ankle = model->coordinateIndex("ankle_angle_r"), m = act.muscles().size();
    Eigen::VectorXd target = world.positions(), applied, lengths;
    Eigen::MatrixXd arms;
    const double dt = world.timeStep();
    int interior = 0;
    double worst_state = 0, worst_force = 0;
    for (int k = 0; k < 1000; ++k) {
        target[ankle] = deg2rad((k / 250) % 2 == 0 ? 15.0 : -20.0);
        Eigen::VectorXd desired = 300.0 * (target - world.positions()) - 10.0 * world.velocities();
        desired[ankle] = 60.0 * (target[ankle] - world.q(ankle)) - 2.0 * world.qd(ankle);
        const std::vector<MuscleState> before = act.states();
        act.muscles().lengthsAndMomentArms(world.positions(), lengths, arms);
        act.apply(world, desired, dt, applied);
        const auto& prob = act.lastProblem();
        for (int i = 0; i < m; ++i) {
            const MuscleParameters& p = act.muscles().muscles()[i].params;
            const MuscleState& now = act.states()[i];
            // The old way: the fibre step of the realised activation.
            MuscleState ref = before[i];
            ref.activation = now.activation;
            advanceFibre(c, p, lengths[i], dt, ref);
            worst_state = std::max(worst_state, std::fabs(now.fibre_length - ref.fibre_length) / ref.fibre_length);
            worst_force = std::max(worst_force, std::fabs(now.force - ref.force) / p.max_isometric_force);
            // The planned force: affine between the steps at the activation bounds.
            MuscleState lo = before[i], hi = before[i];
            lo.activation = activationAfter(before[i].activation, act.muscles().settings().min_excitation, tau, dt);
            hi.activation = activationAfter(before[i].activation, 1.0, tau, dt);
            REQUIRE(lo.activation == prob.lower[i]);
            REQUIRE(hi.activation == prob.upper[i]);
            advanceFibre(c, p, lengths[i], dt, lo);
            advanceFibre(c, p, lengths[i], dt, hi);
            const double t = (act.targetActivations()[i] - lo.activation) / (hi.activation - lo.activation);
            if (t > 0.01 && t < 0.99 && hi.force > lo.force) {
                ++interior;
                const double planned = lo.force + t * (hi.force - lo.force);
                worst_force = std::max(worst_force, std::fabs(now.force - planned) / p.max_isometric_force);
            }
        }
        world.setJointTorques(applied);
        world.step();
        REQUIRE(world.healthy());
    }
    INFO(interior << " interior muscle-steps; worst relative fibre length " << worst_state << ", worst force / Fmax " << worst_force);
    CHECK(interior > 1000);
    CHECK(worst_state < 1e-11);
    CHECK(worst_force < 1e-9);  // the old iterative criterion
}

TEST_CASE("interleaved fibre steps of many units give each unit's own fibre step exactly", "[muscle][fibre-solve]") {
    // Units of the sweep, one dt at a time, in odd-sized batches (a last group shorter than the
    // others), each searched from its own first guess.
    for (double dt : {1e-3, 5e-4}) {
        std::vector<MuscleParameters> params;
        std::vector<double> mtus;
        std::vector<MuscleState> singles, batched;
        std::vector<double> guesses;
        forEachFibreState([&](const MuscleParameters& p, double mtu, double step, const MuscleState& s) {
            if (step != dt) return;
            params.push_back(p);
            mtus.push_back(mtu);
            singles.push_back(s);
            guesses.push_back(s.fibre_length + s.fibre_velocity * dt);
        });
        batched = singles;
        const int n = int(params.size()) - 2;  // not a multiple of the group size
        REQUIRE(n > 100);
        std::vector<FibreStepJob> jobs(n);
        for (int i = 0; i < n; ++i) jobs[i] = FibreStepJob{&params[i], mtus[i], &batched[i], guesses[i], {}};
        advanceFibresFrom(kCurves, dt, jobs.data(), n);
        for (int i = 0; i < n; ++i) {
            const FibreStepSensitivity d = advanceFibreFrom(kCurves, params[i], mtus[i], dt, singles[i], guesses[i]);
            REQUIRE(batched[i].fibre_length == singles[i].fibre_length);  // exactly
            REQUIRE(batched[i].fibre_velocity == singles[i].fibre_velocity);
            REQUIRE(batched[i].force == singles[i].force);
            REQUIRE(jobs[i].sensitivity.force == d.force);
            REQUIRE(jobs[i].sensitivity.fibre_length == d.fibre_length);
        }
        // The units left out are untouched.
        CHECK(batched[n].fibre_length == singles[n].fibre_length);
    }
}
