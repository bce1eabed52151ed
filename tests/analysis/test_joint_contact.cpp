// Joint contact forces: the patellofemoral ratio against its published fit, and the contact
// force of constructed cases (known net reaction, known muscle forces, known bone axes).
#include "engine/analysis/joint_contact.hpp"
#include "engine/core/units.hpp"
#include "engine/model/model_loader.hpp"
#include "synthetic_walk.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace rg;

TEST_CASE("patellofemoral ratio follows Brechter & Powers' fit to van Eijden et al.", "[analysis]") {
    // k(θ) = (0.462 + 0.00147θ − 3.84e-5θ²)/(1 − 0.0162θ + 1.55e-4θ² − 6.98e-7θ³): published
    // constant at full extension, and the fit's values at 30, 60 and 90 degrees.
    CHECK(patellofemoralRatio(0) == Approx(0.462).epsilon(1e-12));
    CHECK(patellofemoralRatio(30) == Approx(0.7430).margin(1e-4));
    CHECK(patellofemoralRatio(60) == Approx(0.9465).margin(1e-4));
    CHECK(patellofemoralRatio(90) == Approx(0.9813).margin(1e-4));
    // van Eijden's ratio rises from about one half in extension towards one in deep flexion.
    for (double a = 0; a < 75; a += 5) CHECK(patellofemoralRatio(a + 5) > patellofemoralRatio(a));
    // Hyperextension is treated as extension; beyond the fit's range it is held at 120°.
    CHECK(patellofemoralRatio(-10) == patellofemoralRatio(0));
    CHECK(patellofemoralRatio(150) == patellofemoralRatio(120));
}

namespace {
/// Two identical rows of a still pose: every coordinate 0 except the right knee.
Table stillPose(const Model& m, double knee_r_deg, const std::vector<std::pair<std::string, double>>& forces) {
    std::vector<std::string> n = rgtest::poseAndContactColumns(m);
    for (const auto& f : forces) n.push_back(f.first);
    Table t(n);
    for (int k = 0; k < 2; ++k) {
        std::vector<double> row(n.size(), 0.0);
        row[0] = 0.01 * k;
        row[2] = 0.95;
        row[7 + m.coordinateIndex("knee_angle_r")] = knee_r_deg;
        for (std::size_t i = 0; i < forces.size(); ++i) row[n.size() - forces.size() + i] = forces[i].second;
        t.addRow(row);
    }
    return t;
}

Table jointLoads(const Model& m, const std::string& joint, const Eigen::Vector3d& f) {
    std::vector<std::string> n{"time"};
    for (const auto& j : m.joints())
        for (const char* q : {"_force_", "_moment_"})
            for (const char* a : {"x", "y", "z"}) n.push_back(j.name + q + a + (q[1] == 'f' ? "_n" : "_nm"));
    Table t(n);
    for (int k = 0; k < 2; ++k) {
        std::vector<double> row(n.size(), 0.0);
        row[0] = 0.01 * k;
        for (int a = 0; a < 3; ++a) row[t.index(joint + "_force_" + "xyz"[a] + "_n")] = f[a];
        t.addRow(row);
    }
    return t;
}
} // namespace

TEST_CASE("contact force = net joint reaction minus the muscles' pull along the bone", "[analysis]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    const double bw = model->bodyMass() * 9.81;
    SECTION("straight leg: the knee's compression adds the forces of the muscles crossing it") {
        const Table t = stillPose(*model, 0, {{"VAS_r_force_n", 1000}, {"HAM_r_force_n", 300}, {"SOL_r_force_n", 2000}, {"GLU_r_force_n", 400}});
        const Recording rec(t, *model);
        const auto crossings = musclesCrossingJoints(*model, t);
        int at_knee = 0;
        for (const auto& c : crossings) at_knee += c.joint == model->jointIndex("knee_r");
        CHECK(at_knee == 2);   // VAS and HAM; SOL and GLU do not cross the knee
        // The thigh pushes the shank down with 500 N; VAS and HAM pull the shank up its axis (+y).
        const Table c = jointContactForces(rec, jointLoads(*model, "knee_r", {0, -500, 0}), crossings, bw);
        CHECK(c.col("knee_r_contact_y_n")[0] == Approx(-500 - 1300).epsilon(1e-12));
        CHECK(c.col("knee_r_contact_x_n")[0] == Approx(0).margin(1e-9));
        CHECK(c.col("knee_r_contact_bw")[1] == Approx(1800 / bw).epsilon(1e-12));
        // Ankle: SOL alone pulls the foot up the shank; hip: GLU and HAM pull the thigh up.
        CHECK(c.col("ankle_r_contact_y_n")[0] == Approx(-2000).epsilon(1e-12));
        CHECK(c.col("hip_r_contact_y_n")[0] == Approx(-700).epsilon(1e-12));
        // The left leg has no muscle forces: nothing but the (zero) net reaction.
        CHECK(c.col("knee_l_contact_bw")[0] == Approx(0).margin(1e-12));
        // Patellofemoral: k(0°) × (VAS + RF).
        CHECK(c.col("patellofemoral_r_bw")[0] == Approx(0.462 * 1000 / bw).epsilon(1e-12));
    }
    SECTION("flexed knee: the pull follows the shank and the patellofemoral ratio the angle") {
        const Table t = stillPose(*model, -60, {{"VAS_r_force_n", 1500}, {"RF_r_force_n", 500}});
        const Recording rec(t, *model);
        const Table c = jointContactForces(rec, jointLoads(*model, "knee_r", {0, 0, 0}), musclesCrossingJoints(*model, t), bw);
        // Thigh vertical, shank rotated by knee_angle = −60° about +z: its axis towards the knee
        // is (sin 60°, cos 60°, 0); the muscles' 2000 N pull the shank that way, the femur pushes back.
        CHECK(c.col("knee_r_contact_x_n")[0] == Approx(-2000 * std::sin(kPi / 3)).epsilon(1e-12));
        CHECK(c.col("knee_r_contact_y_n")[0] == Approx(-2000 * std::cos(kPi / 3)).epsilon(1e-12));
        CHECK(c.col("patellofemoral_r_bw")[0] == Approx(patellofemoralRatio(60) * 2000 / bw).epsilon(1e-12));
    }
    SECTION("L5/S1 compression adds the trunk muscles to the axial reaction") {
        const Table t = stillPose(*model, 0, {{"ERS_r_force_n", 600}, {"ERS_l_force_n", 600}});
        const Recording rec(t, *model);
        // The pelvis holds the trunk up with 300 N; the erector spinae pull the trunk down.
        const Table c = jointContactForces(rec, jointLoads(*model, "lumbar", {0, 300, 0}), musclesCrossingJoints(*model, t), bw);
        CHECK(c.col("lumbar_compression_bw")[0] == Approx((300 + 1200) / bw).epsilon(1e-12));
        CHECK(c.col("lumbar_contact_y_n")[0] == Approx(1500).epsilon(1e-12));
    }
}

TEST_CASE("with the model's muscle paths, the pull follows the path element crossing the joint", "[analysis]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    REQUIRE(model->desc().muscles.is_array());
    const auto set = MuscleSet::build(*model);
    const double bw = model->bodyMass() * 9.81;
    const Table t = stillPose(*model, 0, {{"VAS_r_force_n", 1000}, {"GAS_r_force_n", 800}});
    const Recording rec(t, *model);
    const auto crossings = musclesCrossingJoints(*model, *set, t);
    // VAS spans the knee; GAS the knee and the ankle.
    CHECK(crossings.size() == 3);
    const Table c = jointContactForces(rec, jointLoads(*model, "knee_r", {0, 0, 0}), crossings, bw, pathLineOfAction(*set));
    // Neutral pose, every segment frame parallel to the world: a path point's world position is
    // its segment origin plus its offset. The knee sits at knee_loc below the hip.
    Eigen::Vector3d knee_loc;
    for (const auto& j : model->joints())
        if (j.name == "knee_r") knee_loc = {j.location[0], j.location[1], j.location[2]};
    auto pull = [&](const char* muscle) {
        const auto& path = set->muscles()[set->index(muscle)].path;
        // The element from the thigh (outside the knee's distal side) to the shank (inside).
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
            const std::string a = model->segments()[path[i].segment].name, b = model->segments()[path[i + 1].segment].name;
            if (a == "thigh_r" && b == "shank_r") return Eigen::Vector3d(path[i].point - (knee_loc + path[i + 1].point)).normalized();
        }
        FAIL("no thigh-to-shank element in the path of " << muscle);
        return Eigen::Vector3d(0, 0, 0);
    };
    const Eigen::Vector3d expect = -(1000 * pull("VAS_r") + 800 * pull("GAS_r"));
    CHECK(c.col("knee_r_contact_x_n")[0] == Approx(expect.x()).epsilon(1e-9));
    CHECK(c.col("knee_r_contact_y_n")[0] == Approx(expect.y()).epsilon(1e-9));
    CHECK(c.col("knee_r_contact_z_n")[0] == Approx(expect.z()).margin(1e-9));
    // The paths run nearly along the shank: mostly compression.
    CHECK(-expect.y() > 0.9 * expect.norm());
}
