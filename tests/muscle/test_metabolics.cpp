// Metabolic energy (Umberger, Gerritsen & Martin 2003; Umberger 2010) against the model's
// published closed forms, and the whole-body rate at rest.
#include "engine/model/model_loader.hpp"
#include "engine/muscle/muscle_actuation.hpp"
#include "engine/physics/physics_world.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace rg;
using rgtest::vasti;

TEST_CASE("zero activation at rest costs nothing: the whole body runs at the basal rate", "[muscle][energy]") {
    const UmbergerConstants k;
    MuscleEnergyInput in;
    in.fibre_length = 0.08;
    const MuscleEnergyRate r = umbergerRate(vasti(), 1.0, 50, k, in);
    CHECK(r.total() == 0.0);
    // Whole body: relaxed muscles at static equilibrium → basal 1.2 W/kg × 75 kg.
    auto model = Model::build(loadModelFile(defaultModelPath()));
    SceneDesc scene;
    scene.gravity = 0;
    PhysicsWorld world(model, scene);
    MuscleActuation act(*model);
    act.reset(world);
    CHECK(act.metabolicPower() == Approx(1.2 * 75.0));
}

TEST_CASE("isometric contraction: activation-maintenance heat (1.28·%FT + 25)·A^0.6·S", "[muscle][energy]") {
    const UmbergerConstants k;  // S = 1.5
    MuscleEnergyInput in;
    in.excitation = in.activation = 1.0;
    in.fibre_length = 0.08;  // lopt
    in.fl = 1.0;
    in.active_fibre_force = 6000;
    const double mass = 2.0;
    // 50 % fast twitch: (64 + 25)·1·1.5 = 133.5 W/kg; no shortening heat, no work.
    MuscleEnergyRate r = umbergerRate(vasti(), mass, 50, k, in);
    CHECK(r.activation_maintenance == Approx(mass * 133.5));
    CHECK(r.shortening_lengthening == 0.0);
    CHECK(r.mechanical_work == 0.0);
    // Submaximal: A^0.6; Ā = (u + a)/2 while deactivating.
    in.excitation = 0.1;
    in.activation = 0.3;
    r = umbergerRate(vasti(), mass, 20, k, in);
    CHECK(r.activation_maintenance == Approx(mass * (1.28 * 20 + 25) * std::pow(0.2, 0.6) * 1.5));
    // Fibre beyond lopt: (0.4 + 0.6·fL) of it.
    in.excitation = in.activation = 1.0;
    in.fibre_length = 0.1;
    in.fl = 0.7;
    r = umbergerRate(vasti(), mass, 50, k, in);
    CHECK(r.activation_maintenance == Approx(mass * 133.5 * (0.4 + 0.6 * 0.7)));
}

TEST_CASE("shortening and lengthening heat and work follow the published coefficients", "[muscle][energy]") {
    const UmbergerConstants k;
    const MuscleParameters p = vasti();  // vmax(FT) 12 lopt/s → vmax(ST) 4.8 lopt/s
    MuscleEnergyInput in;
    in.excitation = in.activation = 1.0;
    in.fibre_length = 0.08;
    in.fl = 1.0;
    // Shortening at half the slow-twitch maximum: v̄ = −2.4 lopt/s.
    const double v_bar = -2.4;
    in.fibre_velocity = v_bar * 0.08;
    in.active_fibre_force = 1500;
    const double ft = 0.5, alpha_st = 100.0 / 4.8, alpha_ft = 153.0 / 12.0;
    MuscleEnergyRate r = umbergerRate(p, 1.0, 50, k, in);
    // α_S(ST)·|v̄|·(1 − FT) + α_S(FT)·|v̄|·FT = 25 + 15.3 = 40.3 W/kg, times S = 1.5
    CHECK(r.shortening_lengthening == Approx((alpha_st * 2.4 * (1 - ft) + alpha_ft * 2.4 * ft) * 1.5));
    CHECK(r.shortening_lengthening == Approx(60.45));
    CHECK(r.mechanical_work == Approx(1500 * 2.4 * 0.08));  // −F·v, positive when shortening
    // Shortening heat scales with Ā²: half activation → a quarter.
    in.excitation = in.activation = 0.5;
    CHECK(umbergerRate(p, 1.0, 50, k, in).shortening_lengthening == Approx(60.45 * 0.25));
    // Lengthening: α_L = 0.3·α_S(ST) (Umberger 2010), linear in Ā; negative work.
    in.excitation = in.activation = 1.0;
    in.fibre_velocity = 1.0 * 0.08;
    r = umbergerRate(p, 1.0, 50, k, in);
    CHECK(r.shortening_lengthening == Approx(0.3 * alpha_st * 1.0 * 1.5));
    CHECK(r.mechanical_work == Approx(-1500 * 0.08));
}

TEST_CASE("cost of transport is power per body mass per speed", "[muscle][energy]") {
    CHECK(costOfTransport(300.0, 75.0, 1.25) == Approx(3.2));
    CHECK(std::isnan(costOfTransport(300.0, 75.0, 0.0)));
}
