// Validation of model and scene files: each problem names the file and the field.
#include "engine/model/model_loader.hpp"
#include "engine/model/scene_desc.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace rg;

namespace {
Json defaultModelJson() { return readJsonFile(defaultModelPath()); }

/// Expects parseModel to throw an InputError whose field contains `field`.
void expectModelError(const Json& j, const std::string& field, const std::string& words = "") {
    try {
        parseModel(j, "m.json");
        FAIL("no error for field " << field);
    } catch (const InputError& e) {
        CHECK(e.file() == "m.json");
        CHECK_THAT(e.field(), Catch::Contains(field));
        if (!words.empty()) CHECK_THAT(std::string(e.what()), Catch::Contains(words));
    }
}
} // namespace

TEST_CASE("the default model and scenes load", "[inputs]") {
    CHECK_NOTHROW(loadModelFile(defaultModelPath()));
    for (const char* s : {"treadmill", "overground", "standing"})
        CHECK_NOTHROW(loadSceneFile(std::string(RETROGAIT_SOURCE_DIR) + "/scenes/" + s + ".json"));
}

TEST_CASE("model errors name the field and the allowed values", "[inputs]") {
    Json j = defaultModelJson();
    SECTION("negative mass") {
        j["body_mass_kg"] = -70;
        expectModelError(j, "body_mass_kg", "allowed: a number from 20 to 250");
    }
    SECTION("missing field") {
        j.erase("height_m");
        expectModelError(j, "height_m", "missing");
    }
    SECTION("unknown joint type") {
        j["joints"][2]["type"] = "ball";
        expectModelError(j, "joints/2/type", "\"gimbal\", \"revolute\"");
    }
    SECTION("negative part mass fraction") {
        j["segments"][1]["parts"][0]["mass_fraction"] = -0.1;
        expectModelError(j, "segments/1/parts/0/mass_fraction");
    }
    SECTION("mass fractions that do not sum to one") {
        j["segments"][0]["parts"][0]["mass_fraction"] = 0.5;
        expectModelError(j, "segments", "sum");
    }
    SECTION("unknown parent segment") {
        j["joints"][0]["parent"] = "chest";
        expectModelError(j, "joints/0/parent", "unknown segment");
    }
    SECTION("inverted range") {
        j["joints"][0]["coordinates"][0]["range_deg"] = Json::array({30, -30});
        expectModelError(j, "joints/0/coordinates/0/range_deg");
    }
    SECTION("negative passive joint stiffness") {
        j["joints"][0]["coordinates"][0]["passive_stiffness_nm_per_rad"] = -5.0;
        expectModelError(j, "joints/0/coordinates/0/passive_stiffness_nm_per_rad", "from 0 to 10000");
    }
    SECTION("foot contact stiffness out of range") {
        j["foot_contact"] = {{"stiffness_n_per_m", 0.0}, {"damping_n_s_per_m", 100.0}};
        expectModelError(j, "foot_contact/stiffness_n_per_m", "from 1000 to 1e+08");
    }
    SECTION("negative foot contact damping") {
        j["foot_contact"] = {{"stiffness_n_per_m", 5e4}, {"damping_n_s_per_m", -1.0}};
        expectModelError(j, "foot_contact/damping_n_s_per_m", "from 0 to 100000");
    }
    SECTION("wrong type") {
        j["height_m"] = "tall";
        expectModelError(j, "height_m", "not a number");
    }
}

TEST_CASE("scene errors name the field", "[inputs]") {
    Json j = readJsonFile(std::string(RETROGAIT_SOURCE_DIR) + "/scenes/treadmill.json");
    auto expectSceneError = [](const Json& s, const std::string& field) {
        try {
            parseScene(s, "s.json");
            FAIL("no error for " << field);
        } catch (const InputError& e) {
            CHECK(e.file() == "s.json");
            CHECK_THAT(e.field(), Catch::Contains(field));
        }
    };
    SECTION("speed out of range") {
        j["walker"]["speed_m_per_s"] = 12;
        expectSceneError(j, "walker/speed_m_per_s");
    }
    SECTION("unknown gait") {
        j["walker"]["gait"] = "sideways";
        expectSceneError(j, "walker/gait");
    }
    SECTION("unknown surface type") {
        j["type"] = "ice";
        expectSceneError(j, "type");
    }
    SECTION("direction-switch ramp too short") {
        j["walker"]["switch_ramp_s"] = 0.1;
        expectSceneError(j, "walker/switch_ramp_s");
    }
    SECTION("start-up ramp too long") {
        j["walker"]["start_ramp_s"] = 100;
        expectSceneError(j, "walker/start_ramp_s");
    }
    SECTION("time step too large") {
        j["simulation"]["time_step_s"] = 0.5;
        expectSceneError(j, "simulation/time_step_s");
    }
    SECTION("solver warm start above 1") {
        j["simulation"]["solver_warm_start"] = 1.5;
        expectSceneError(j, "simulation/solver_warm_start");
    }
}

TEST_CASE("broken JSON is reported with the file", "[inputs]") {
    const std::string path = "broken_model_test.json";
    {
        std::ofstream f(path);
        f << "{ \"format\": \"retrogait-model-1\", ";
    }
    try {
        loadModelFile(path);
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.file() == path);
        CHECK_THAT(std::string(e.what()), Catch::Contains("not valid JSON"));
    }
    std::remove(path.c_str());
}
