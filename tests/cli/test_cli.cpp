// The command line as a user meets it: bad input gives exit status 2, a message naming the
// file, the field and the allowed values, and no output folder; a good run writes its files.
#include "engine/io/table.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace {

struct Result {
    int status;
    std::string err;
};

const std::string kSrc = RETROGAIT_SOURCE_DIR;
const std::string kBin = std::string(RETROGAIT_BIN_DIR) + "/retrogait";

/// Runs a program of the build with `args`; its exit status and standard error.
Result runProgram(const std::string& bin, const std::string& args, const std::string& out = "/dev/null") {
    const std::string errFile = (fs::temp_directory_path() / ("rg_cli_err_" + std::to_string(::getpid()))).string();
    const std::string cmd = bin + " " + args + " >" + out + " 2>" + errFile;
    const int raw = std::system(cmd.c_str());
    std::ifstream in(errFile);
    std::stringstream s;
    s << in.rdbuf();
    fs::remove(errFile);
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, s.str()};
}

Result runCli(const std::string& args) { return runProgram(kBin, args); }

std::string tempPath(const std::string& name) {
    return (fs::temp_directory_path() / ("rg_cli_" + std::to_string(::getpid()) + "_" + name)).string();
}

/// Writes the default model with one change applied.
std::string modelWith(const std::string& name, const std::function<void(nlohmann::json&)>& change) {
    std::ifstream in(kSrc + "/models/adult_walker.json");
    nlohmann::json j = nlohmann::json::parse(in);
    change(j);
    const std::string path = tempPath(name);
    std::ofstream(path) << j.dump(1);
    return path;
}

void expectBadInput(const std::string& args, const std::vector<std::string>& words) {
    const std::string out = tempPath("out");
    fs::remove_all(out);
    const Result r = runCli(args + " --out " + out);
    INFO("retrogait " << args << "\nstderr: " << r.err);
    CHECK(r.status == 2);
    for (const auto& w : words) CHECK_THAT(r.err, Catch::Contains(w));
    CHECK_FALSE(fs::exists(out));
    // nothing half-written beside it either
    for (const auto& e : fs::directory_iterator(fs::temp_directory_path()))
        CHECK(e.path().filename().string().find(fs::path(out).filename().string() + ".partial") == std::string::npos);
}

} // namespace

TEST_CASE("bad options exit with status 2 and name the option and allowed values", "[cli]") {
    const std::string scene = "run --scene " + kSrc + "/scenes/standing.json";
    expectBadInput(scene + " --speed 7", {"--speed", "0 to 3"});
    expectBadInput(scene + " --incline 80", {"--incline", "-30 to 30"});
    expectBadInput(scene + " --mass -3", {"--mass", "20 to 250"});
    expectBadInput(scene + " --gait sideways", {"--gait", "forward"});
    expectBadInput(scene + " --grf-lowpass 100", {"--grf-lowpass", "below half the sample rate", "100 Hz"});
    expectBadInput(scene + " --grf-lowpass 0.5", {"--grf-lowpass", "from 1 Hz"});
    expectBadInput("run --scene " + kSrc + "/scenes/no_such_scene.json", {"no_such_scene.json", "cannot be opened"});
}

TEST_CASE("bad model files exit with status 2 and name the file and field", "[cli]") {
    const std::string scene = "run --scene " + kSrc + "/scenes/standing.json --model ";
    const std::string broken = tempPath("broken.json");
    std::ofstream(broken) << "{ \"format\": \"retrogait-model-1\", \"name\": ";
    expectBadInput(scene + broken, {broken, "not valid JSON"});
    expectBadInput(scene + modelWith("nomass.json", [](auto& j) { j.erase("body_mass_kg"); }),
                   {"nomass.json", "body_mass_kg", "missing"});
    expectBadInput(scene + modelWith("negmass.json", [](auto& j) { j["body_mass_kg"] = -75; }),
                   {"negmass.json", "body_mass_kg", "20 to 250"});
    expectBadInput(scene + modelWith("jointtype.json", [](auto& j) { j["joints"][1]["type"] = "ball"; }),
                   {"jointtype.json", "joints/1/type", "\"gimbal\", \"revolute\""});
    for (const char* f : {"broken.json", "nomass.json", "negmass.json", "jointtype.json"}) fs::remove(tempPath(f));
}

TEST_CASE("a run writes the contract files with every summary key", "[cli]") {
    const std::string out = tempPath("good");
    fs::remove_all(out);
    const Result r = runCli("run --scene " + kSrc + "/scenes/standing.json --duration 0.5 --quiet --out " + out);
    INFO(r.err);
    REQUIRE(r.status == 0);
    for (const char* f : {"summary.json", "timeseries.csv", "kinematics.mot", "grf.mot"}) CHECK(fs::exists(out + "/" + f));
    std::ifstream in(out + "/summary.json");
    const auto s = nlohmann::json::parse(in);
    for (const char* k : {"gait", "speed_m_per_s", "incline_percent", "scene", "fell", "sim_time_s", "wall_time_s",
                          "real_time_factor", "strides", "cadence_steps_per_min", "stride_length_m", "stance_percent",
                          "double_support_percent", "grf_bw", "joint_rom_deg", "peak_knee_flexion_deg",
                          "peak_moment_nm_per_kg", "positive_work_j_per_kg_per_stride", "negative_work_j_per_kg_per_stride",
                          "peak_joint_contact_force_bw", "mean_activation", "metabolic_power_w_per_kg",
                          "cost_of_transport_j_per_kg_per_m", "reserve_moment_ratio", "margin_of_stability_m",
                          "min_foot_clearance_m"})
        CHECK(s.contains(k));
    CHECK(s["fell"] == false);
    const rg::Table k = rg::readOpenSim(out + "/kinematics.mot");
    for (const char* c : {"time", "pelvis_tilt", "pelvis_list", "pelvis_rotation", "pelvis_tx", "pelvis_ty", "pelvis_tz",
                          "hip_flexion_r", "hip_adduction_r", "hip_rotation_r", "knee_angle_r", "ankle_angle_r",
                          "hip_flexion_l", "knee_angle_l", "ankle_angle_l", "lumbar_extension", "lumbar_bending",
                          "lumbar_rotation"})
        CHECK(k.has(c));
    const rg::Table g = rg::readOpenSim(out + "/grf.mot");
    CHECK(g.has("ground_force_vy"));
    CHECK(g.has("1_ground_force_vy"));
    // standing still: the two feet carry body weight between them
    const std::size_t last = g.rows() - 1;
    CHECK(g.col("ground_force_vy")[last] + g.col("1_ground_force_vy")[last] == Approx(75 * 9.81).epsilon(0.02));
    fs::remove_all(out);
}

TEST_CASE("help is available for every subcommand", "[cli]") {
    CHECK(runCli("--help").status == 0);
    CHECK(runCli("run --help").status == 0);
    CHECK(runCli("bench --help").status == 0);
    CHECK(runCli("no-such-command").status == 2);
}

TEST_CASE("muscle strength can be scaled from the command line; unknown muscles are bad input", "[cli][strength]") {
    const std::string scene = "run --scene " + kSrc + "/scenes/standing.json --duration 0.2 --quiet";
    expectBadInput(scene + " --strength XYZ=0.5", {"XYZ"});
    expectBadInput(scene + " --strength VAS=-1", {"--strength", "0 to 10"});
    const std::string out = tempPath("weak");
    fs::remove_all(out);
    const Result r = runCli(scene + " --strength VAS=0.5,plantarflexors=0.8 --out " + out);
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(fs::exists(out + "/summary.json"));
    fs::remove_all(out);
}

TEST_CASE("the walking probe refuses what it would not apply and prints what it runs", "[cli][probe]") {
    const std::string probe = std::string(RETROGAIT_BIN_DIR) + "/retrogait-walk-probe";
    ::unsetenv("RG_CONTROL");  // "ctlfile 1" then reads the scene's control file, as "control 1" does
    // With "ctlfile 1" the controller reads the control file, so a parameter given beside it
    // would be silently ignored: refused, naming the parameter.
    Result r = runProgram(probe, "1.0 1 1 0 0 ctlfile 1 simbicon_cd 0.5");
    CHECK(r.status == 2);
    CHECK(r.err.find("simbicon_cd") != std::string::npos);
    CHECK(r.err.find("ctlfile") != std::string::npos);
    // A time step outside the scene file's range, naming the range.
    r = runProgram(probe, "1.0 1 1 0 0 time_step 0.05");
    CHECK(r.status == 2);
    CHECK(r.err.find("time_step 0.05") != std::string::npos);
    CHECK(r.err.find("0.0001 to 0.01") != std::string::npos);
    // "print 1" with "ctlfile 1" prints the parameters the controller would run: the scene's
    // control file at that speed, as "control 1" resolves it (not the built-in defaults).
    auto printed = [&](const std::string& how) {
        const std::string out = tempPath("probe_print_" + std::to_string(how.size()));
        REQUIRE(runProgram(probe, "0.6 1 1 0 0 " + how + " print 1", out).status == 0);
        std::ifstream in(out);
        std::string line;
        std::getline(in, line);
        fs::remove(out);
        return line;
    };
    const std::string from_file = printed("ctlfile 1"), resolved = printed("control 1"), defaults = printed("muscles 0");
    CHECK(!from_file.empty());
    CHECK(from_file == resolved);
    CHECK(from_file != defaults);
}
