// The walking-control file: interpolation in speed, the shared "common" values, bad input
#include "engine/sim/experiment.hpp"
// naming the file and field; the model's pointer to it; and the direction-switch schedule.
#include "engine/sim/experiment.hpp"
#include "engine/control/walking_params.hpp"
#include "engine/sim/experiment.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/sim/factory.hpp"
#include "engine/sim/simulation.hpp"
#include "../temp_json_file.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace rg;

namespace {
Json twoSpeedFile() {
    return Json::parse(R"({
        "format": "retrogait-walking-control-1",
        "common": {"mode": "simbicon", "lumbar_kp": 2500},
        "forward": [{"speed_m_per_s": 0.5, "pelvis_kp": 100, "simbicon_hip0": 0.2},
                    {"speed_m_per_s": 1.5, "pelvis_kp": 300, "simbicon_hip0": 0.6}],
        "backward": [{"speed_m_per_s": 1.0, "pelvis_kp": 700, "lumbar_kp": 1000}]
    })");
}

/// Writes j to a temporary file (TempJsonFile) and loads it.
WalkingControlDesc loadJson(const Json& j, const std::string& stem = "walking_control_test") {
    const TempJsonFile file(j, stem);
    return loadWalkingControl(file.path());
}

void expectError(const Json& j, const std::string& field, const std::string& words) {
    try {
        loadJson(j, "bad_walking_control");
        FAIL("no error for " << field);
    } catch (const InputError& e) {
        CHECK_THAT(e.file(), Catch::Contains("bad_walking_control_"));
        CHECK(e.field() == field);
        CHECK_THAT(std::string(e.what()), Catch::Contains(words));
    }
}
} // namespace

TEST_CASE("walking parameters interpolate linearly in speed and hold outside the entries", "[control]") {
    const WalkingControlDesc d = loadJson(twoSpeedFile());
    const WalkingParams mid = walkingParamsFor(d, Gait::Forward, 1.0);
    CHECK(mid.pelvis_kp == Approx(200.0));
    CHECK(mid.simbicon_hip0 == Approx(0.4));
    CHECK(mid.speed == 1.0);
    CHECK(mid.gait == Gait::Forward);
    CHECK(walkingParamsFor(d, Gait::Forward, 0.75).pelvis_kp == Approx(150.0));
    CHECK(walkingParamsFor(d, Gait::Forward, 0.2).pelvis_kp == Approx(100.0));
    CHECK(walkingParamsFor(d, Gait::Forward, 2.5).pelvis_kp == Approx(300.0));
    // "common" values reach every entry unless an entry overrides them
    CHECK(mid.simbicon);
    CHECK(mid.lumbar_kp == 2500);
    const WalkingParams back = walkingParamsFor(d, Gait::Backward, 0.3);
    CHECK(back.pelvis_kp == 700);
    CHECK(back.lumbar_kp == 1000);
    CHECK(back.gait == Gait::Backward);
}

TEST_CASE("entries with inclines interpolate in speed within an incline, then in incline", "[control]") {
    Json j = twoSpeedFile();  // forward: level entries at 0.5 and 1.5 m/s (pelvis_kp 100, 300)
    j["forward"].push_back({{"speed_m_per_s", 1.0}, {"incline_percent", 10}, {"pelvis_kp", 1000}});
    const WalkingControlDesc d = loadJson(j, "walking_control_inclines");
    // level: pelvis_kp 200 at 1.0 m/s; 10 %: 1000 (one entry, held in speed)
    CHECK(walkingParamsFor(d, Gait::Forward, 1.0, 0).pelvis_kp == Approx(200.0));
    CHECK(walkingParamsFor(d, Gait::Forward, 1.0, 10).pelvis_kp == Approx(1000.0));
    CHECK(walkingParamsFor(d, Gait::Forward, 1.0, 5).pelvis_kp == Approx(600.0));
    CHECK(walkingParamsFor(d, Gait::Forward, 0.5, 2.5).pelvis_kp == Approx(0.75 * 100 + 0.25 * 1000));
    // held outside the inclines given
    CHECK(walkingParamsFor(d, Gait::Forward, 1.0, 20).pelvis_kp == Approx(1000.0));
    CHECK(walkingParamsFor(d, Gait::Forward, 1.0, -5).pelvis_kp == Approx(200.0));
    const WalkingParams p = walkingParamsFor(d, Gait::Forward, 1.2, 7);
    CHECK(p.speed == 1.2);
    CHECK(p.gait == Gait::Forward);
}

TEST_CASE("coronal gains an entry does not give are its own sagittal ones", "[control][lateral]") {
    Json j = twoSpeedFile();
    j["common"]["simbicon_cd"] = 0.4;
    j["forward"][0]["simbicon_cd"] = 0.1;                // entry 0: lateral cd follows it
    j["forward"][1]["simbicon_cd_lateral"] = 0.9;        // entry 1: set apart
    j["forward"][1]["min_step_width_m"] = 0.06;
    const WalkingControlDesc d = loadJson(j, "walking_control_lateral");
    const WalkingParams slow = walkingParamsFor(d, Gait::Forward, 0.5);
    CHECK(slow.simbicon_cd_lateral == 0.1);
    CHECK(slow.simbicon_cv_lateral == slow.simbicon_cv);
    CHECK(slow.swing_hip_add_kp == slow.swing_hip_kp);
    CHECK(slow.min_step_width_m == 0.0);
    const WalkingParams fast = walkingParamsFor(d, Gait::Forward, 1.5);
    CHECK(fast.simbicon_cd == 0.4);
    CHECK(fast.simbicon_cd_lateral == 0.9);
    // interpolated like every other parameter
    CHECK(walkingParamsFor(d, Gait::Forward, 1.0).simbicon_cd_lateral == Approx(0.5));
    CHECK(walkingParamsFor(d, Gait::Forward, 1.0).min_step_width_m == Approx(0.03));
    // the backward entry gives none: its sagittal values
    CHECK(walkingParamsFor(d, Gait::Backward, 1.0).simbicon_cd_lateral == 0.4);
}

TEST_CASE("the shipped walking-control files load; the file comes from the model, else the scene, else the default", "[control]") {
    const std::string dir = std::string(RETROGAIT_SOURCE_DIR);
    const SceneDesc plain = loadSceneFile(dir + "/scenes/treadmill.json");
    const SceneDesc fast = loadSceneFile(dir + "/scenes/treadmill_fast.json");
    CHECK(plain.walking_control_file.empty());
    CHECK(fast.walking_control_file == dir + "/scenes/../models/walking_control_fast.json");
    for (const std::string& f : {defaultWalkingControlPath(), fast.walking_control_file}) {
        const WalkingControlDesc d = loadWalkingControl(f);
        CHECK(!d.forward.empty());
        CHECK(!d.backward.empty());
    }
    const auto model = Model::build(loadModelFile(defaultModelPath()));
    CHECK(walkingControlFile(*model, plain) == dir + "/models/walking_control.json");
    CHECK(walkingControlFile(*model, fast) == fast.walking_control_file);
    // a model that names its own file (a variant tuned for its body) keeps it in any scene
    ModelDesc own = loadModelFile(defaultModelPath());
    own.walking_control_file = dir + "/docs/own_control.json";
    const auto variant = Model::build(own);
    CHECK(walkingControlFile(*variant, plain) == own.walking_control_file);
    CHECK(walkingControlFile(*variant, fast) == own.walking_control_file);
}

TEST_CASE("a scene's or a model's walking-control file must exist: the error names the file and the field", "[control][inputs]") {
    const std::string dir = std::string(RETROGAIT_SOURCE_DIR);
    // parse(json, file) must reject j with an InputError naming file, field and the missing path.
    auto rejects = [](auto parse, const Json& j, const std::string& file, const std::string& field, const std::string& missing) {
        try {
            parse(j, file);
            FAIL("accepted a missing control file");
        } catch (const InputError& e) {
            CHECK(e.file() == file);
            CHECK(e.field() == field);
            CHECK_THAT(e.what(), Catch::Contains(missing));
        }
    };
    Json scene = readJsonFile(dir + "/scenes/treadmill_fast.json");
    scene["walker"]["walking_control"] = "no_such_control.json";
    rejects([](const Json& j, const std::string& f) { parseScene(j, f); }, scene, "/tmp/bad_scene.json", "walker/walking_control",
            "/tmp/no_such_control.json");
    scene["walker"]["walking_control"] = 3;
    CHECK_THROWS_AS(parseScene(scene, "/tmp/bad_scene.json"), InputError);
    Json model = readJsonFile(defaultModelPath());
    model["walking_control"] = "missing.json";
    rejects([](const Json& j, const std::string& f) { parseModel(j, f); }, model, "/tmp/bad_model.json", "walking_control",
            "/tmp/missing.json");
}

TEST_CASE("walking-control errors name the file, the field and the allowed values", "[control][inputs]") {
    // Each case sets one value (at a JSON pointer) in a valid file; the error must name the
    // field and the allowed values.
    struct Bad { const char* what; const char* pointer; Json value; const char* field; const char* words; };
    const Bad c = GENERATE(values<Bad>({
        {"unknown parameter", "/forward/0/pelvis_kpp", 1, "forward/0/pelvis_kpp", "allowed: mode, walk_ratio"},
        {"speeds out of order", "/forward/1/speed_m_per_s", 0.4, "forward/1/speed_m_per_s", "speeds in increasing order"},
        {"inclines out of order", "/forward/0/incline_percent", 5, "forward/1/incline_percent", "grouped by incline"},
        {"incline out of range", "/forward/1/incline_percent", 45, "forward/1/incline_percent", "allowed"},
        {"angle out of range", "/forward/0/simbicon_hip0", 4.0, "forward/0/simbicon_hip0", "allowed"},
        {"negative gain", "/common/lumbar_kp", -5, "common/lumbar_kp", "allowed"},
        {"coronal gain out of range", "/forward/0/simbicon_cv_lateral", 6.0, "forward/0/simbicon_cv_lateral", "allowed"},
        {"pull to the belt's middle out of range", "/backward/0/centre_pull_lateral", -0.1, "backward/0/centre_pull_lateral", "from 0 to 5"},
        {"centring gain above 1 per m·s", "/backward/0/centring_gain", 1.5, "backward/0/centring_gain", "from 0 to 1"},
        {"step-speed floor at a standstill", "/forward/0/step_speed_floor_m_per_s", 0.0, "forward/0/step_speed_floor_m_per_s", "from 0.05 to 2"},
        {"crossover guard wider than a leg reaches", "/forward/1/min_step_width_m", 0.5, "forward/1/min_step_width_m", "allowed"},
        {"push-off beyond a person's plantarflexors", "/forward/0/stance_pushoff_nm_per_kg", 8.0, "forward/0/stance_pushoff_nm_per_kg", "from 0 to 5"},
        {"push-off phase beyond the step", "/forward/1/stance_pushoff_phase", 1.5, "forward/1/stance_pushoff_phase", "from 0 to 1"},
        {"trailing hip damping above its own", "/forward/0/trailing_hip_turn_damping", 1.5, "forward/0/trailing_hip_turn_damping", "from 0 to 1"},
        {"trunk yaw assist above all of the excess", "/forward/0/trunk_yaw_assist", 1.5, "forward/0/trunk_yaw_assist", "from 0 to 1"},
        {"hip rotation budget above the torque limits", "/common/stance_hip_rotation_budget_nm", 400, "common/stance_hip_rotation_budget_nm", "from 0 to 300"},
        {"negative ankle stop stiffness", "/forward/1/stance_ankle_stop_kp", -10, "forward/1/stance_ankle_stop_kp", "allowed"},
        {"ankle stop beyond a half turn", "/forward/1/stance_ankle_stop_rad", 4.0, "forward/1/stance_ankle_stop_rad", "allowed"},
        {"unknown mode", "/common/mode", "zmp", "common/mode", "simbicon"},
        {"wrong format", "/format", "retrogait-walking-control-0", "format", "retrogait-walking-control-1"},
    }));
    INFO(c.what);
    Json j = twoSpeedFile();
    j[Json::json_pointer(c.pointer)] = c.value;
    expectError(j, c.field, c.words);
}

TEST_CASE("a walking-control file without a gait is an error naming it", "[control][inputs]") {
    Json j = twoSpeedFile();
    j.erase("backward");
    expectError(j, "backward", "missing");
}

namespace {
/// Stands still and records what the simulation asks of it.
class SpyController : public Controller {
public:
    std::string name() const override { return "spy"; }
    void reset(const PhysicsWorld&) override {}
    void compute(const PhysicsWorld& w, Eigen::VectorXd& tau) override {
        tau = Eigen::VectorXd::Zero(w.numCoordinates());
        belt.push_back(w.beltSpeed());
        speed.push_back(last_speed);
        gait.push_back(last_gait);
    }
    void setGait(Gait g) override { last_gait = g; }
    void setSpeed(double v) override { last_speed = v; }
    std::vector<double> belt, speed;
    std::vector<Gait> gait;
    double last_speed = -1;
    Gait last_gait = Gait::Forward;
};
/// The treadmill scene at 0.4 m/s, switching at 0.1 s with a 0.2 s ramp and a 0.1 s stop.
SceneDesc shortSwitchScene() {
    SceneDesc sc = loadSceneFile(std::string(RETROGAIT_SOURCE_DIR) + "/scenes/treadmill.json");
    sc.speed_m_per_s = 0.4;
    sc.switch_at_s = 0.1;
    sc.switch_ramp_s = 0.2;
    sc.switch_stop_s = 0.1;
    return sc;
}
} // namespace

TEST_CASE("a direction switch ramps the belt and the desired speed to zero, stops, and ramps up the other way", "[control][switch]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    const SceneDesc sc = shortSwitchScene();
    SimulationOptions o;
    auto spy = std::make_unique<SpyController>();
    SpyController* s = spy.get();
    Simulation sim(model, sc, std::move(spy), o);
    for (int i = 0; i < 700 && sim.status() == RunStatus::Running; ++i) sim.step();
    REQUIRE(s->belt.size() >= 700);
    // step i runs at t = i·1 ms; the belt is set before the controller sees it
    auto at = [](const auto& v, double t) { return v[std::size_t(std::lround(t * 1000))]; };
    CHECK(at(s->belt, 0.05) == Approx(0.4));                // before the switch: forward belt speed
    CHECK(at(s->belt, 0.2) == Approx(0.2));                 // half-way down
    CHECK(at(s->belt, 0.3) == Approx(0.0).margin(1e-12));   // stopped ...
    CHECK(at(s->belt, 0.39) == Approx(0.0).margin(1e-12));  // ... for the stop time
    CHECK(at(s->belt, 0.5) == Approx(-0.2));                // the other way
    CHECK(at(s->belt, 0.65) == Approx(-0.4));               // and held at full speed
    CHECK(at(s->speed, 0.2) == Approx(0.2));
    CHECK(at(s->speed, 0.35) == Approx(0.0).margin(1e-12));
    CHECK(at(s->speed, 0.5) == Approx(0.2));
    CHECK(at(s->gait, 0.34) == Gait::Forward);              // the gait turns half-way through the stop
    CHECK(at(s->gait, 0.36) == Gait::Backward);
}

namespace {
/// A controller that, like the walking controller at its next foot contact, takes a new gait
/// `delay` seconds after it is asked for it.
struct LateTurningSpy : SpyController {
    void compute(const PhysicsWorld& w, Eigen::VectorXd& tau) override {
        if (asked && w.time() >= asked_at + delay) active = *asked;
        SpyController::compute(w, tau);
        time = w.time();
    }
    void setGait(Gait g) override {
        asked = g;
        asked_at = time;
    }
    std::optional<Gait> activeGait() const override { return active; }
    double delay = 0.08, time = 0, asked_at = 0;
    std::optional<Gait> asked;
    Gait active = Gait::Forward;
};
} // namespace

TEST_CASE("a direction switch speeds up half a stop after the controller takes the new gait", "[control][switch]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    const SceneDesc sc = shortSwitchScene();
    auto spy = std::make_unique<LateTurningSpy>();
    LateTurningSpy* s = spy.get();
    Simulation sim(model, sc, std::move(spy), SimulationOptions{});
    for (int i = 0; i < 700 && sim.status() == RunStatus::Running; ++i) sim.step();
    REQUIRE(s->belt.size() >= 700);
    auto at = [](const auto& v, double t) { return v[std::size_t(std::lround(t * 1000))]; };
    // Asked for the backward gait at 0.35 s (half-way through the stop), the spy takes it at
    // about 0.43 s; the speed-up starts 0.05 s later, at about 0.48 s, not at the stop's end (0.4 s).
    CHECK(s->asked_at == Approx(0.35).margin(0.002));
    CHECK(at(s->belt, 0.3) == Approx(0.0).margin(1e-12));
    CHECK(at(s->belt, 0.45) == Approx(0.0).margin(1e-12));   // still stopped after the stop's end
    CHECK(at(s->belt, 0.58) == Approx(-0.2).margin(0.01));   // half-way up, 0.1 s after 0.48 s
    CHECK(at(s->belt, 0.69) == Approx(-0.4));                // and at full speed
    CHECK(at(s->speed, 0.58) == Approx(0.2).margin(0.01));
}

TEST_CASE("a start-up ramp raises the belt and the desired speed from the start speed to the walking speed", "[control][start]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    SceneDesc sc = loadSceneFile(std::string(RETROGAIT_SOURCE_DIR) + "/scenes/treadmill.json");
    sc.gait = GENERATE(Gait::Forward, Gait::Backward);
    sc.speed_m_per_s = 0.6;
    sc.start_speed_m_per_s = 0.2;
    sc.start_ramp_s = 0.2;
    auto spy = std::make_unique<SpyController>();
    SpyController* s = spy.get();
    Simulation sim(model, sc, std::move(spy), SimulationOptions{});
    CHECK(sim.world().beltSpeed() == Approx(sc.gait == Gait::Forward ? 0.2 : -0.2));  // set before the first step
    for (int i = 0; i < 400 && sim.status() == RunStatus::Running; ++i) sim.step();
    REQUIRE(s->belt.size() >= 400);
    auto at = [](const auto& v, double t) { return v[std::size_t(std::lround(t * 1000))]; };
    const double dir = sc.gait == Gait::Forward ? 1.0 : -1.0;
    CHECK(at(s->belt, 0.0) == Approx(0.2 * dir));
    CHECK(at(s->belt, 0.1) == Approx(0.4 * dir));   // half-way
    CHECK(at(s->belt, 0.25) == Approx(0.6 * dir));  // reached, and held
    CHECK(at(s->belt, 0.39) == Approx(0.6 * dir));
    CHECK(at(s->speed, 0.05) == Approx(0.3));
    CHECK(s->last_speed == Approx(0.6));
    CHECK(startRampEnd(sc) == 0.2);
    sc.start_speed_m_per_s = 0.6;  // not lower than the walking speed: no ramp
    CHECK(startRampEnd(sc) == 0.0);
}

TEST_CASE("start-up speed and ramp time outside their ranges are input errors", "[control][start][input]") {
    RunRequest r;
    r.scene_path = std::string(RETROGAIT_SOURCE_DIR) + "/scenes/treadmill.json";
    r.start_ramp_s = -1.0;
    CHECK_THROWS_AS(prepareRun(r), InputError);
    r.start_ramp_s = 4.0;
    r.start_speed_m_per_s = 3.5;  // above kMaxSpeed
    CHECK_THROWS_AS(prepareRun(r), InputError);
    r.start_speed_m_per_s = 0.5;
    const RunSetup s = prepareRun(r);
    CHECK(s.scene.start_ramp_s == 4.0);
    CHECK(s.scene.start_speed_m_per_s == 0.5);
}

TEST_CASE("direction-switch ramp and stop times outside their ranges are input errors", "[control][switch][input]") {
    RunRequest r;
    r.scene_path = std::string(RETROGAIT_SOURCE_DIR) + "/scenes/treadmill.json";
    r.switch_at_s = 5.0;
    r.switch_ramp_s = 0.1;  // below kMinSwitchRamp
    CHECK_THROWS_AS(prepareRun(r), InputError);
    r.switch_ramp_s = 3.0;
    r.switch_stop_s = -1.0;
    CHECK_THROWS_AS(prepareRun(r), InputError);
    r.switch_stop_s = 2.0;
    const RunSetup s = prepareRun(r);
    CHECK(s.scene.switch_ramp_s == 3.0);
    CHECK(s.scene.switch_stop_s == 2.0);
}
