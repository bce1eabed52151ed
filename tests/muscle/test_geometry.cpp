// Muscle geometry of the default model: moment arms equal −dlMTU/dq, signs as anatomy says,
// drawn paths that agree with the formulas, scaling to the body, and strength factors.
#include "engine/core/units.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/muscle/muscle_set.hpp"
#include "engine/physics/physics_world.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace rg;

namespace {

std::shared_ptr<const Model> defaultModel(double mass = 75.0, double height = 1.75) {
    ModelOverrides ov;
    ov.body_mass = mass;
    ov.height = height;
    return Model::build(loadModelFile(defaultModelPath(), ov));
}

/// Random poses inside the coordinate ranges (fixed seed).
std::vector<Eigen::VectorXd> poses(const Model& m, int n) {
    std::mt19937 rng(12345);
    std::vector<Eigen::VectorXd> out{m.neutralPose()};
    for (int k = 0; k < n; ++k) {
        Eigen::VectorXd q = m.neutralPose();
        for (std::size_t c = 0; c < m.coordinates().size(); ++c) {
            const auto& co = m.coordinates()[c];
            q[c] = std::uniform_real_distribution<double>(co.range_min, co.range_max)(rng);
        }
        out.push_back(q);
    }
    return out;
}

double arm(const MuscleSet& s, const Model& m, const std::string& muscle, const std::string& coord, const Eigen::VectorXd& q) {
    const int i = s.index(muscle), c = m.coordinateIndex(coord);
    REQUIRE(i >= 0);
    REQUIRE(c >= 0);
    return s.momentArm(i, c, q);
}

} // namespace

TEST_CASE("the default model has Song & Geyer's 11 leg muscles per side and trunk muscles", "[muscle][geometry]") {
    auto model = defaultModel();
    auto set = MuscleSet::build(*model);
    for (const char* side : {"r", "l"}) {
        for (const char* n : {"HFL", "GLU", "HAM", "RF", "VAS", "BFSH", "GAS", "SOL", "TA", "HAB", "HAD", "HER", "HIR"})
            CHECK(set->index(std::string(n) + "_" + side) >= 0);
        for (const char* n : {"ERS", "RA", "EO", "IO"}) CHECK(set->index(std::string(n) + "_" + side) >= 0);
    }
    // Every coordinate has muscles (hip rotation through the lumped rotators HER and HIR).
    for (std::size_t c = 0; c < model->coordinates().size(); ++c) {
        INFO(model->coordinates()[c].name);
        CHECK(set->actuated(int(c)));
    }
}

TEST_CASE("moment arm equals -dL/dq by finite differences for every muscle and coordinate", "[muscle][geometry]") {
    auto model = defaultModel();
    auto set = MuscleSet::build(*model);
    const double h = 1e-6;
    int checked = 0;
    for (const auto& q : poses(*model, 20)) {
        for (int i = 0; i < set->size(); ++i) {
            for (int c = 0; c < set->numCoordinates(); ++c) {
                Eigen::VectorXd qp = q, qm = q;
                qp[c] += h;
                qm[c] -= h;
                const double fd = -(set->length(i, qp) - set->length(i, qm)) / (2 * h);
                INFO(set->muscles()[i].name << " about " << model->coordinates()[c].name);
                CHECK(set->momentArm(i, c, q) == Approx(fd).margin(1e-8));
                ++checked;
            }
        }
    }
    CHECK(checked == 21 * 34 * 13);
    // The batch form agrees with the single ones.
    Eigen::VectorXd L;
    Eigen::MatrixXd R;
    const Eigen::VectorXd q = poses(*model, 1).back();
    set->lengthsAndMomentArms(q, L, R);
    for (int i = 0; i < set->size(); ++i) {
        CHECK(L[i] == set->length(i, q));
        for (int c = 0; c < set->numCoordinates(); ++c) CHECK(R(c, i) == set->momentArm(i, c, q));
    }
}

TEST_CASE("muscles pull the way anatomy says (Gait2392 signs), on both sides", "[muscle][geometry]") {
    auto model = defaultModel();
    auto set = MuscleSet::build(*model);
    Eigen::VectorXd q = model->neutralPose();
    for (const std::string s : {"_r", "_l"}) {
        CHECK(arm(*set, *model, "VAS" + s, "knee_angle" + s, q) > 0.02);    // knee extension
        CHECK(arm(*set, *model, "RF" + s, "knee_angle" + s, q) > 0.0);
        CHECK(arm(*set, *model, "RF" + s, "hip_flexion" + s, q) > 0.0);     // hip flexion
        CHECK(arm(*set, *model, "HFL" + s, "hip_flexion" + s, q) > 0.02);
        CHECK(arm(*set, *model, "GLU" + s, "hip_flexion" + s, q) < -0.02);  // hip extension
        CHECK(arm(*set, *model, "HAM" + s, "hip_flexion" + s, q) < 0.0);
        CHECK(arm(*set, *model, "HAM" + s, "knee_angle" + s, q) < 0.0);     // knee flexion
        CHECK(arm(*set, *model, "BFSH" + s, "knee_angle" + s, q) < 0.0);
        CHECK(arm(*set, *model, "GAS" + s, "knee_angle" + s, q) < 0.0);
        CHECK(arm(*set, *model, "GAS" + s, "ankle_angle" + s, q) < 0.0);    // plantarflexion
        CHECK(arm(*set, *model, "SOL" + s, "ankle_angle" + s, q) < -0.02);
        CHECK(arm(*set, *model, "TA" + s, "ankle_angle" + s, q) > 0.02);    // dorsiflexion
        CHECK(arm(*set, *model, "HAB" + s, "hip_adduction" + s, q) < -0.02);  // abduction
        CHECK(arm(*set, *model, "HAD" + s, "hip_adduction" + s, q) > 0.02);   // adduction
        CHECK(arm(*set, *model, "ERS" + s, "lumbar_extension", q) > 0.02);
        CHECK(arm(*set, *model, "RA" + s, "lumbar_extension", q) < -0.02);
    }
    // Bending and rotation mirror between sides: right-side muscles bend to the right (+);
    // the right external oblique turns the trunk to the left (+), the internal oblique to the right.
    CHECK(arm(*set, *model, "ERS_r", "lumbar_bending", q) > 0.0);
    CHECK(arm(*set, *model, "ERS_l", "lumbar_bending", q) < 0.0);
    CHECK(arm(*set, *model, "EO_r", "lumbar_rotation", q) > 0.0);
    CHECK(arm(*set, *model, "EO_l", "lumbar_rotation", q) < 0.0);
    CHECK(arm(*set, *model, "IO_r", "lumbar_rotation", q) < 0.0);
    CHECK(arm(*set, *model, "IO_l", "lumbar_rotation", q) > 0.0);
    // Left and right legs are mirror images in the coordinates' own signs.
    for (const auto& pose : poses(*model, 5)) {
        Eigen::VectorXd mirrored = pose;
        for (std::size_t c = 0; c < model->coordinates().size(); ++c) {
            const std::string& n = model->coordinates()[c].name;
            if (n.back() == 'r' && n[n.size() - 2] == '_') mirrored[model->coordinateIndex(n.substr(0, n.size() - 1) + "l")] = pose[c];
        }
        for (const char* mu : {"HAM", "GAS", "HAB", "RF"})
            CHECK(set->length(set->index(std::string(mu) + "_r"), pose) == Approx(set->length(set->index(std::string(mu) + "_l"), mirrored)));
    }
}

TEST_CASE("drawn muscle paths agree in sign with the formula moment arms", "[muscle][geometry]") {
    auto model = defaultModel();
    auto set = MuscleSet::build(*model);
    SceneDesc scene;
    scene.gravity = 0;
    PhysicsWorld world(model, scene);
    auto pathLength = [&](int i) {
        const auto pts = set->pathInWorld(i, world);
        double l = 0;
        for (std::size_t k = 1; k < pts.size(); ++k) l += (pts[k] - pts[k - 1]).norm();
        return l;
    };
    const Eigen::VectorXd q = model->neutralPose();
    const double h = 1e-4;
    int checked = 0;
    for (int i = 0; i < set->size(); ++i) {
        CHECK(set->pathInWorld(i, world).size() >= 2);
        for (int c = 0; c < set->numCoordinates(); ++c) {
            const double r = set->momentArm(i, c, q);
            if (std::fabs(r) < 0.005) continue;
            world.setCoordinate(c, q[c] + h);
            const double lp = pathLength(i);
            world.setCoordinate(c, q[c] - h);
            const double lm = pathLength(i);
            world.setCoordinate(c, q[c]);
            const double r_path = -(lp - lm) / (2 * h);
            INFO(set->muscles()[i].name << " about " << model->coordinates()[c].name << ": formula " << r << " m, path " << r_path << " m");
            CHECK(r_path * r > 0.0);
            ++checked;
        }
    }
    CHECK(checked >= 40);
}

TEST_CASE("muscles scale with the body: Fmax with mass, lengths with height", "[muscle][geometry]") {
    auto a = MuscleSet::build(*defaultModel(75.0, 1.75));
    auto b = MuscleSet::build(*defaultModel(90.0, 1.90));
    const int i = a->index("SOL_r");
    CHECK(b->muscles()[i].params.max_isometric_force / a->muscles()[i].params.max_isometric_force == Approx(90.0 / 75.0));
    CHECK(b->muscles()[i].params.optimal_fibre_length / a->muscles()[i].params.optimal_fibre_length == Approx(1.90 / 1.75));
    CHECK(b->muscles()[i].params.tendon_slack_length / a->muscles()[i].params.tendon_slack_length == Approx(1.90 / 1.75));
    // Reference body of the parameter set: 80 kg, 1.80 m (Geyer & Herr 2010): SOL Fmax 4000 N.
    auto ref = MuscleSet::build(*defaultModel(80.0, 1.80));
    CHECK(ref->muscles()[i].params.max_isometric_force == Approx(4000.0));
    CHECK(ref->muscles()[i].params.optimal_fibre_length == Approx(0.04));
}

TEST_CASE("strength factors by muscle, side or group, from the file or from code", "[muscle][geometry]") {
    auto model = defaultModel();
    auto base = MuscleSet::build(*model);
    auto weak = MuscleSet::build(*model, {{"VAS", 0.5}, {"plantarflexors", 0.8}, {"TA_l", 0.1}});
    auto F = [](const MuscleSet& s, const char* n) { return s.muscles()[s.index(n)].params.max_isometric_force; };
    CHECK(F(*weak, "VAS_r") == Approx(0.5 * F(*base, "VAS_r")));
    CHECK(F(*weak, "VAS_l") == Approx(0.5 * F(*base, "VAS_l")));
    CHECK(F(*weak, "SOL_r") == Approx(0.8 * F(*base, "SOL_r")));
    CHECK(F(*weak, "GAS_l") == Approx(0.8 * F(*base, "GAS_l")));
    CHECK(F(*weak, "TA_l") == Approx(0.1 * F(*base, "TA_l")));
    CHECK(F(*weak, "TA_r") == Approx(F(*base, "TA_r")));
    CHECK(F(*weak, "GLU_r") == Approx(F(*base, "GLU_r")));
    // From the model file's settings.
    ModelDesc d = loadModelFile(defaultModelPath());
    for (auto& e : d.muscles)
        if (e["type"] == "settings") e["strength_scale"] = {{"hip_abductors", 0.25}};
    auto fromFile = MuscleSet::build(*Model::build(d));
    CHECK(F(*fromFile, "HAB_r") == Approx(0.25 * F(*base, "HAB_r")));
    // Unknown names are bad input.
    CHECK_THROWS_AS(MuscleSet::build(*model, {{"QUADS", 0.5}}), InputError);
    CHECK_THROWS_WITH(MuscleSet::build(*model, {{"QUADS", 0.5}}), Catch::Contains("QUADS") && Catch::Contains("VAS"));
    CHECK(parseStrengthScale("VAS=0.5,plantarflexors=0.8").at("plantarflexors") == 0.8);
    CHECK_THROWS_AS(parseStrengthScale("VAS"), InputError);
    CHECK_THROWS_AS(parseStrengthScale("VAS=-1"), InputError);
    CHECK_THROWS_AS(parseStrengthScale("VAS=abc"), InputError);
}

TEST_CASE("a bad muscles section is an InputError naming the file and the field", "[muscle][geometry]") {
    auto broken = [](const std::function<void(Json&)>& change) {
        ModelDesc d = loadModelFile(defaultModelPath());
        change(d.muscles);
        return Model::build(d);
    };
    auto expectError = [](const std::shared_ptr<const Model>& m, const std::string& field) {
        try {
            MuscleSet::build(*m);
            FAIL("no InputError for " << field);
        } catch (const InputError& e) {
            CHECK_THAT(std::string(e.what()), Catch::Contains("adult_walker.json") && Catch::Contains(field));
        }
    };
    expectError(broken([](Json& j) { j[1]["spans"][0]["joint_angle"] = "elbow"; }), "muscles/1/spans/0/joint_angle");
    expectError(broken([](Json& j) { j[2]["max_isometric_force_n"] = -5; }), "muscles/2/max_isometric_force_n");
    expectError(broken([](Json& j) { j[3].erase("optimal_fibre_length_m"); }), "muscles/3/optimal_fibre_length_m");
    expectError(broken([](Json& j) { j[4]["path"][0]["segment"] = "wing"; }), "muscles/4/path/0/segment");
    expectError(broken([](Json& j) { j[5]["spans"][0]["moment_arm"] = "spline"; }), "muscles/5/spans/0/moment_arm");
    expectError(broken([](Json& j) { j[0]["joint_angles"][0]["coordinate"] = "hip_tilt"; }), "joint_angle");
    expectError(broken([](Json& j) { j[0]["static_optimisation"]["activation_exponent"] = 3; }), "activation_exponent");
    expectError(broken([](Json& j) { j[0]["static_optimisation"]["reserve_limit_nm"] = -1; }), "static_optimisation/reserve_limit_nm");
    expectError(broken([](Json& j) { j.erase(0); }), "settings");
}
