// Scenario outcomes of the foundation: standing for 10 s, and determinism.
#include "engine/control/posture_controller.hpp"
#include "engine/sim/experiment.hpp"

#include <catch2/catch.hpp>

#include <cstring>

using namespace rg;

namespace {
RunRequest standing(double duration) {
    RunRequest r;
    r.scene_path = std::string(RETROGAIT_SOURCE_DIR) + "/scenes/standing.json";
    r.duration_s = duration;
    return r;
}
} // namespace

TEST_CASE("the walker stands overground for 10 s", "[scenario]") {
    const RunResult r = executeRun(prepareRun(standing(10.0)));
    CHECK(r.status == RunStatus::Completed);
    CHECK(r.summary["fell"] == false);
    CHECK(r.summary["sim_time_s"].get<double>() == Approx(10.0).epsilon(1e-6));
    // It did not crouch: the pelvis stays within 2 cm of its starting height.
    const auto& y = r.recording.col("pelvis_ty_m");
    CHECK(std::fabs(y.back() - y.front()) < 0.02);
}

TEST_CASE("same inputs and seed give bit-identical recordings; another seed differs", "[scenario][determinism]") {
    RunRequest a = standing(1.0);
    a.seed = 7;
    const RunResult r1 = executeRun(prepareRun(a));
    const RunResult r2 = executeRun(prepareRun(a));
    REQUIRE(r1.recording.rows() == r2.recording.rows());
    REQUIRE(r1.recording.cols() == r2.recording.cols());
    std::vector<std::string> differing;
    for (std::size_t c = 0; c < r1.recording.cols(); ++c)
        // bit for bit (a NaN, e.g. the first row's step acceleration, equals its copy here)
        if (std::memcmp(r1.recording.col(int(c)).data(), r2.recording.col(int(c)).data(),
                        r1.recording.rows() * sizeof(double)) != 0)
            differing.push_back(r1.recording.names()[c]);
    INFO("differing columns: " << [&] { std::string s; for (const auto& d : differing) s += d + " "; return s; }());
    CHECK(differing.empty());
    a.seed = 8;
    const RunResult r3 = executeRun(prepareRun(a));
    CHECK(r3.recording.col("hip_flexion_r_deg") != r1.recording.col("hip_flexion_r_deg"));
}

TEST_CASE("two States from one Model run side by side without interfering", "[scenario][determinism]") {
    const RunSetup setup = prepareRun(standing(0.5));
    auto makeSim = [&](std::uint64_t seed) {
        SimulationOptions o;
        o.seed = seed;
        return std::make_unique<Simulation>(setup.model, setup.scene, std::make_unique<PostureController>(), o);
    };
    auto a = makeSim(1), b = makeSim(2), alone = makeSim(1);
    for (int i = 0; i < 500; ++i) {  // interleaved steps
        a->step();
        b->step();
    }
    alone->runUntil(0.5);
    CHECK(a->world().positions() == alone->world().positions());
    CHECK(a->world().positions() != b->world().positions());
    CHECK(&a->model() == &b->model());
}
