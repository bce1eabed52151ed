// `retrogait compare` end to end on the standing walker (no strides: the plumbing, the files,
// the contract keys, the report or its clear skip), a short treadmill walk (the gait-reversal
// values), and its bad-input handling.
#include "engine/sim/summary.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {
int run(const std::string& args) {
    const std::string cmd = std::string(RETROGAIT_BIN_DIR) + "/retrogait " + args + " > /dev/null 2>&1";
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}
std::string scene(const char* name) { return std::string(RETROGAIT_SOURCE_DIR) + "/scenes/" + name; }

/// summary.json's "gait_reversal": every key, correlations in [-1, 1] and shifts in [0, 100) %
/// when both gaits walked complete strides without falling, all null otherwise.
void checkGaitReversal(const nlohmann::json& s) {
    REQUIRE(s.contains("gait_reversal"));
    const auto& g = s["gait_reversal"];
    CHECK(g.contains("curves"));
    REQUIRE(g.contains("missing_reason"));
    CHECK_FALSE(s["ratio_backward_to_forward"].contains("gait_reversal.hip_flexion.correlation_reversed"));
    bool walked = true;
    for (const char* gait : {"forward", "backward"})
        walked = walked && !s[gait]["fell"].get<bool>() && s[gait]["status"] == "completed" && !s[gait]["strides"].is_null();
    CHECK(g["missing_reason"].is_null() == walked);
    for (const char* joint : {"hip_flexion", "knee_flexion"}) {
        REQUIRE(g.contains(joint));
        // correlations in [-1, 1], shifts in [0, 100) %
        struct Range { const char* key; double lo, hi; bool hi_included; };
        for (const Range& r : {Range{"correlation_reversed", -1.0, 1.0, true}, Range{"correlation_unreversed", -1.0, 1.0, true},
                               Range{"shift_percent", 0.0, 100.0, false}, Range{"shift_percent_unreversed", 0.0, 100.0, false}}) {
            INFO(joint << "." << r.key);
            REQUIRE(g[joint].contains(r.key));
            if (!walked) {
                CHECK(g[joint][r.key].is_null());
                continue;
            }
            REQUIRE(g[joint][r.key].is_number());
            const double v = g[joint][r.key].get<double>();
            CHECK(v >= r.lo);
            if (r.hi_included) CHECK(v <= r.hi);
            else CHECK(v < r.hi);
        }
    }
}
} // namespace

TEST_CASE("compare writes forward/, backward/, summary.json with every contract key, and the report", "[analysis][cli]") {
    const fs::path out = fs::temp_directory_path() / ("retrogait_compare_" + std::to_string(::getpid()));
    REQUIRE(run("compare --scene " + scene("standing.json") + " --strides 1 --warmup-strides 0 --max-duration 1 --quiet --out " +
                out.string()) == 0);
    std::ifstream in(out / "summary.json");
    REQUIRE(in);
    nlohmann::json s;
    in >> s;
    const auto skeleton = rg::summarySkeleton();
    for (const char* g : {"forward", "backward"}) {
        REQUIRE(s.contains(g));
        CHECK(s[g]["gait"] == g);
        for (auto it = skeleton.begin(); it != skeleton.end(); ++it) {
            INFO(g << ": " << it.key());
            REQUIRE(s[g].contains(it.key()));
            if (it.value().is_object())
                for (auto jt = it.value().begin(); jt != it.value().end(); ++jt) CHECK(s[g][it.key()].contains(jt.key()));
        }
        for (const char* f : {"summary.json", "timeseries.csv", "kinematics.mot", "muscles.sto", "grf.mot", "joint_moments.sto",
                              "joint_contact_forces.sto", "gait_cycle.csv"})
            CHECK(fs::exists(out / g / f));
    }
    for (const auto& k : rg::summaryNumericKeys()) {
        INFO(k);
        CHECK(s["ratio_backward_to_forward"].contains(k));
    }
    // Standing: no stride, so stride values are null; the time averages are not.
    CHECK(s["forward"]["strides"].is_null());
    CHECK(s["forward"]["sim_time_s"].get<double>() > 0.99);
    // The gait-reversal object is there, and null without strides (saying why).
    checkGaitReversal(s);
    CHECK(s["gait_reversal"]["hip_flexion"]["correlation_reversed"].is_null());
    CHECK(s["gait_reversal"]["missing_reason"].is_string());
    const std::string report = s["report"].get<std::string>();
    if (report == "report.html") {
        std::ifstream h(out / "report.html");
        std::stringstream ss;
        ss << h.rdbuf();
        CHECK(ss.str().find("Key numbers") != std::string::npos);
        CHECK(ss.str().find("<script") == std::string::npos);   // self-contained, static
    } else {
        CHECK(report.rfind("skipped: ", 0) == 0);
        CHECK_FALSE(fs::exists(out / "report.html"));
    }
    fs::remove_all(out);
}

TEST_CASE("compare with --strides stops each walk after the warm-up and the requested strides, and reports the "
          "gait-reversal correlations", "[analysis][cli]") {
    // Walking at 1.0 m/s (both gaits walk), 1 warm-up + 2 strides: about 3 s of each gait, far
    // below the 12 s limit; the analyses then find the requested strides, not many more. The
    // gait-reversal correlations are in [-1, 1] when both walked strides, null if one fell.
    const fs::path out = fs::temp_directory_path() / ("retrogait_compare_strides_" + std::to_string(::getpid()));
    REQUIRE(run("compare --scene " + scene("treadmill.json") + " --speed 1.0 --strides 2 --warmup-strides 1 --max-duration 12 "
                "--no-report --quiet --out " + out.string()) == 0);
    std::ifstream in(out / "summary.json");
    REQUIRE(in);
    nlohmann::json s;
    in >> s;
    CHECK(s["conditions"]["max_duration_s"] == 12.0);
    for (const char* g : {"forward", "backward"}) {
        INFO(g);
        const auto& r = s[g];
        REQUIRE_FALSE(r["fell"].get<bool>());
        CHECK(r["status"] == "completed");
        CHECK(r["target_strides"] == 2);
        CHECK(r["sim_time_s"].get<double>() < 6.0);
        REQUIRE(r["strides"].is_number());
        CHECK(r["strides"].get<int>() >= 2);
        CHECK(r["strides"].get<int>() <= 3);
        CHECK(r["warmup_strides_discarded"] == 1);
    }
    checkGaitReversal(s);
    CHECK(s["gait_reversal"]["missing_reason"].is_null());
    fs::remove_all(out);
}

TEST_CASE("compare rejects bad options with status 2 and writes nothing", "[analysis][cli]") {
    const fs::path out = fs::temp_directory_path() / ("retrogait_compare_bad_" + std::to_string(::getpid()));
    CHECK(run("compare --scene " + scene("standing.json") + " --strides 0 --out " + out.string()) == 2);
    CHECK(run("compare --scene " + scene("standing.json") + " --speed 9 --out " + out.string()) == 2);
    CHECK(run("compare --scene /nonexistent.json --out " + out.string()) == 2);
    CHECK_FALSE(fs::exists(out));
}
