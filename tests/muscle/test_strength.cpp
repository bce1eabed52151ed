// The model's maximal isometric joint torques against healthy-adult dynamometry
// (Anderson, Madigan & Nussbaum 2007 for the sagittal directions; Sugimoto et al. 2014 for hip
// abduction and adduction), and the `retrogait muscles --json` output.
#include "engine/model/model_loader.hpp"
#include "engine/muscle/max_isometric.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <memory>

using namespace rg;

TEST_CASE("maximal isometric torques fall in the healthy-adult dynamometry ranges", "[muscle][strength]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    auto set = MuscleSet::build(*model);
    const auto torques = maxIsometricTorques(*set, *model, "r");
    const auto refs = dynamometryReference(model->bodyMass(), model->height());
    REQUIRE(refs.size() == 8);
    for (const auto& ref : refs) {
        bool found = false;
        for (const auto& t : torques) {
            if (t.direction != ref.direction) continue;
            found = true;
            INFO(t.direction << ": model " << t.torque_nm << " N m at " << t.angle_rad << " rad; dynamometry " << ref.mean_nm
                             << " [" << ref.low_nm << ", " << ref.high_nm << "]");
            CHECK(t.torque_nm >= ref.low_nm);
            CHECK(t.torque_nm <= ref.high_nm);
        }
        CHECK(found);
    }
    // Left and right legs are equally strong.
    const auto left = maxIsometricTorques(*set, *model, "l");
    for (std::size_t k = 0; k < 8; ++k) CHECK(left[k].torque_nm == Approx(torques[k].torque_nm));
}

TEST_CASE("weakening a group lowers exactly the torques it produces", "[muscle][strength]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    const auto base = maxIsometricTorques(*MuscleSet::build(*model), *model, "r");
    const auto weak = maxIsometricTorques(*MuscleSet::build(*model, {{"plantarflexors", 0.5}}), *model, "r");
    for (std::size_t k = 0; k < base.size(); ++k) {
        INFO(base[k].direction);
        if (base[k].direction == "ankle_plantarflexion") CHECK(weak[k].torque_nm < 0.6 * base[k].torque_nm);
        else if (base[k].direction == "knee_flexion") CHECK(weak[k].torque_nm < base[k].torque_nm);  // GAS
        else if (base[k].direction.rfind("ankle", 0) == 0 || base[k].direction.rfind("knee", 0) == 0)
            CHECK(weak[k].torque_nm >= base[k].torque_nm - 1e-9);  // weaker antagonists resist less
        else CHECK(weak[k].torque_nm == Approx(base[k].torque_nm));
    }
}

TEST_CASE("the hip rotators' maximal torques are their Fmax times their moment arms, and scale with strength", "[muscle][strength]") {
    // HER and HIR span only hip rotation with constant moment arms (0.03 and 0.02 m at 1.8 m,
    // scaled with height) and reach their optimal fibre length within the joint's range, so the
    // best isometric torque is Fmax·r, plus the little the parallel element adds just past the
    // optimal length (under 5 %).
    auto model = Model::build(loadModelFile(defaultModelPath()));
    const auto set = MuscleSet::build(*model);
    const Eigen::VectorXd q = model->neutralPose();
    const int rot = model->coordinateIndex("hip_rotation_r");
    auto capacity = [&](const char* name) {  // Fmax·|r| at the neutral pose
        const int i = set->index(std::string(name) + "_r");
        REQUIRE(i >= 0);
        return set->muscles()[i].params.max_isometric_force * std::fabs(set->momentArm(i, rot, q));
    };
    auto torque = [](const std::vector<MaxIsometricTorque>& ts, const std::string& dir) {
        for (const auto& t : ts)
            if (t.direction == dir) return t.torque_nm;
        return -1.0;
    };
    const auto base = maxIsometricTorques(*set, *model, "r");
    for (const auto& [dir, muscle] : {std::pair{"hip_external_rotation", "HER"}, std::pair{"hip_internal_rotation", "HIR"}}) {
        INFO(dir);
        CHECK(torque(base, dir) >= 0.999 * capacity(muscle));
        CHECK(torque(base, dir) <= 1.05 * capacity(muscle));
    }
    const auto strong = maxIsometricTorques(*MuscleSet::build(*model, {{"HER", 2.0}}), *model, "r");
    CHECK(torque(strong, "hip_external_rotation") == Approx(2 * torque(base, "hip_external_rotation")));
    CHECK(torque(strong, "hip_internal_rotation") == Approx(torque(base, "hip_internal_rotation")));
}

TEST_CASE("retrogait muscles --json lists the muscles and the maximal torques", "[muscle][strength][cli]") {
    const std::string cmd = std::string(RETROGAIT_BIN_DIR) + "/retrogait muscles --json";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    REQUIRE(pipe);
    std::string text;
    char buf[4096];
    while (std::size_t n = fread(buf, 1, sizeof buf, pipe.get())) text.append(buf, n);
    const auto j = nlohmann::json::parse(text);
    REQUIRE(j["muscles"].is_array());
    CHECK(j["muscles"].size() == 34);
    CHECK(j["muscles"][0].contains("name"));
    CHECK(j["muscles"][0].contains("moment_arms_m"));
    for (const char* k : {"hip_flexion", "hip_extension", "knee_extension", "knee_flexion", "ankle_plantarflexion",
                          "ankle_dorsiflexion", "hip_abduction", "hip_adduction", "hip_internal_rotation",
                          "hip_external_rotation"}) {
        INFO(k);
        REQUIRE(j["max_isometric_torque_nm"].contains(k));
        CHECK(j["max_isometric_torque_nm"][k].get<double>() > 0.0);
    }
}
