// A scene's walker.strength_scale reaches the muscles built for a run.
#include "engine/muscle/muscle_actuation.hpp"
#include "engine/sim/factory.hpp"
#include "engine/model/model_loader.hpp"

#include <catch2/catch.hpp>

using namespace rg;

TEST_CASE("scene strength factors scale the muscles' Fmax", "[inputs][strength]") {
    Json j = readJsonFile(std::string(RETROGAIT_SOURCE_DIR) + "/scenes/standing.json");
    j["walker"]["strength_scale"] = {{"VAS", 0.5}};
    const SceneDesc weak = parseScene(j, "weak.json");
    const SceneDesc normal = parseScene(readJsonFile(std::string(RETROGAIT_SOURCE_DIR) + "/scenes/standing.json"), "n.json");
    auto model = Model::build(loadModelFile(defaultModelPath()));
    auto a = makeActuation(*model, weak), b = makeActuation(*model, normal);
    auto* ma = dynamic_cast<MuscleActuation*>(a.get());
    auto* mb = dynamic_cast<MuscleActuation*>(b.get());
    REQUIRE(ma);
    REQUIRE(mb);
    const int vas = ma->muscles().index("VAS_r");
    REQUIRE(vas >= 0);
    CHECK(ma->muscles().muscles()[vas].strength_scale == Approx(0.5));
    CHECK(mb->muscles().muscles()[vas].strength_scale == Approx(1.0));
    j["walker"]["strength_scale"] = {{"VAS", 20}};
    CHECK_THROWS_AS(parseScene(j, "bad.json"), InputError);
}
