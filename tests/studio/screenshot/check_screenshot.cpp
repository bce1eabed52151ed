// The studio draws: retrogait-studio renders offscreen pictures (run under xvfb-run, which gives
// this process and its children a display) and the checks look at the pixels. A picture with
// nothing drawn, a flat silhouette, belt stripes that do not move, or muscles whose colour does
// not change between rest and full activation fails.
#include "engine/sim/summary.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <stb_image.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <string>
#include <vector>

namespace {

struct Image {
    int w = 0, h = 0;
    std::vector<unsigned char> rgb;
    const unsigned char* at(int x, int y) const { return &rgb[(std::size_t(y) * w + x) * 3]; }
};

Image load(const std::string& path) {
    Image im;
    int n = 0;
    unsigned char* p = stbi_load(path.c_str(), &im.w, &im.h, &n, 3);
    REQUIRE(p != nullptr);
    im.rgb.assign(p, p + std::size_t(im.w) * im.h * 3);
    stbi_image_free(p);
    return im;
}

/// Renders one picture; returns its path.
std::string shot(const std::string& name, const std::string& args) {
    const std::string out = std::string(RETROGAIT_SCREENSHOT_DIR) + "/" + name + ".png";
    std::remove(out.c_str());
    const std::string cmd = std::string(RETROGAIT_STUDIO_BIN) + " --window 640x480 --no-ui --view side " + args +
                            " --screenshot " + out + " > /dev/null";
    INFO(cmd);
    REQUIRE(std::system(cmd.c_str()) == 0);
    return out;
}

std::string scene(const char* name) { return std::string(RETROGAIT_SOURCE_DIR) + "/scenes/" + name; }

struct Diff {
    long count = 0;
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
    std::vector<std::pair<int, int>> pixels;
};

/// Pixels where any channel differs by more than `threshold` levels.
Diff difference(const Image& a, const Image& b, int threshold = 24) {
    REQUIRE(a.w == b.w);
    REQUIRE(a.h == b.h);
    Diff d;
    for (int y = 0; y < a.h; ++y)
        for (int x = 0; x < a.w; ++x) {
            const unsigned char *p = a.at(x, y), *q = b.at(x, y);
            int m = 0;
            for (int c = 0; c < 3; ++c) m = std::max(m, std::abs(int(p[c]) - int(q[c])));
            if (m > threshold) {
                ++d.count;
                d.x0 = std::min(d.x0, x);
                d.y0 = std::min(d.y0, y);
                d.x1 = std::max(d.x1, x);
                d.y1 = std::max(d.y1, y);
                d.pixels.push_back({x, y});
            }
        }
    return d;
}

double luma(const unsigned char* p) { return 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2]; }

bool modelHasMuscles() {
    std::ifstream f(std::string(RETROGAIT_SOURCE_DIR) + "/models/adult_walker.json");
    const auto j = nlohmann::json::parse(f);
    return j.contains("muscles") && j["muscles"].is_array() && !j["muscles"].empty();
}

} // namespace

TEST_CASE("the walker is drawn, lit, where the camera looks", "[studio]") {
    const std::string args = "--scene " + scene("standing.json") + " --seconds 0.5 --body-opacity 1";
    const Image with = load(shot("walker", args));
    const Image without = load(shot("no_walker", args + " --hide body,muscles,ground-reaction,centre-of-mass"));
    REQUIRE(with.w == 640);
    REQUIRE(with.h == 480);
    const Diff d = difference(with, without);
    // The walker covers a real part of the picture (a 1.75 m figure seen from ~2.9 m), not a
    // stray pixel, and stands in the middle (the camera follows the pelvis).
    CHECK(d.count > 0.01 * with.w * with.h);
    CHECK(d.y1 - d.y0 > with.h / 3);
    const double cx = 0.5 * (d.x0 + d.x1);
    CHECK(cx > with.w / 3.0);
    CHECK(cx < 2 * with.w / 3.0);
    // Lit, not a flat silhouette: the walker's pixels span a range of brightness.
    double sum = 0, sum2 = 0;
    for (const auto& [x, y] : d.pixels) {
        const double l = luma(with.at(x, y));
        sum += l;
        sum2 += l * l;
    }
    const double mean = sum / double(d.pixels.size());
    const double sd = std::sqrt(std::max(0.0, sum2 / double(d.pixels.size()) - mean * mean));
    CHECK(sd > 12);
    // Without the walker the picture still has a floor and a sky: not one flat colour.
    double lo = 255, hi = 0;
    for (int y = 0; y < without.h; y += 4)
        for (int x = 0; x < without.w; x += 4) {
            lo = std::min(lo, luma(without.at(x, y)));
            hi = std::max(hi, luma(without.at(x, y)));
        }
    CHECK(hi - lo > 40);
}

TEST_CASE("the belt's stripes move at the belt speed", "[studio]") {
    // Nothing but the treadmill, seen by a fixed camera: 50 ms apart the stripes have moved
    // 6 cm at 1.25 m/s.
    const std::string hide = " --no-follow --hide body,muscles,ground-reaction,centre-of-mass,joint-contact";
    const std::string base = "--scene " + scene("treadmill.json") + hide;
    const Image a = load(shot("belt_a", base + " --seconds 0.30"));
    const Image b = load(shot("belt_b", base + " --seconds 0.35"));
    const Image c = load(shot("belt_c", base + " --seconds 0.35"));
    CHECK(difference(a, b).count > 500);
    CHECK(difference(b, c).count == 0);  // the same time gives the same picture
    // A stopped belt does not move.
    const std::string stopped = "--scene " + scene("treadmill.json") + " --speed 0" + hide;
    const Image d = load(shot("belt_d", stopped + " --seconds 0.30"));
    const Image e = load(shot("belt_e", stopped + " --seconds 0.35"));
    CHECK(difference(d, e).count == 0);
}

TEST_CASE("muscle colours change between rest and full activation", "[studio]") {
    if (!modelHasMuscles()) {
        WARN("the default model has no muscles: nothing to colour");
        return;
    }
    const std::string args = "--scene " + scene("standing.json") +
                             " --seconds 0.2 --hide body,ground-reaction,centre-of-mass,joint-contact";
    const Image rest = load(shot("muscles_rest", args + " --excitation 0"));
    const Image full = load(shot("muscles_full", args + " --excitation 1"));
    const Diff d = difference(rest, full);
    CHECK(d.count > 300);
    // Where they differ, full activation is the warmer and the brighter (the map runs from a
    // muted blue at rest to yellow at full activation).
    double warm_rest = 0, warm_full = 0, l_rest = 0, l_full = 0;
    for (const auto& [x, y] : d.pixels) {
        warm_rest += int(rest.at(x, y)[0]) - int(rest.at(x, y)[2]);
        warm_full += int(full.at(x, y)[0]) - int(full.at(x, y)[2]);
        l_rest += luma(rest.at(x, y));
        l_full += luma(full.at(x, y));
    }
    CHECK(warm_full > warm_rest + 40.0 * double(d.pixels.size()));
    CHECK(l_full > l_rest);
}

TEST_CASE("a recorded session writes the files of retrogait run, with the same numbers", "[studio]") {
    namespace fs = std::filesystem;
    const std::string dir = std::string(RETROGAIT_SCREENSHOT_DIR);
    const std::string studio_out = dir + "/recorded", cli_out = dir + "/cli_run";
    fs::remove_all(studio_out);
    fs::remove_all(cli_out);
    shot("recorded", "--scene " + scene("standing.json") + " --seconds 1.0 --record " + studio_out);
    const std::string cmd = std::string(RETROGAIT_CLI_BIN) + " run --scene " + scene("standing.json") +
                            " --duration 1.0 --quiet --out " + cli_out + " > /dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::set<std::string> a, b;
    for (const auto& e : fs::directory_iterator(studio_out)) a.insert(e.path().filename().string());
    for (const auto& e : fs::directory_iterator(cli_out)) b.insert(e.path().filename().string());
    CHECK(a == b);
    CHECK(a.count("summary.json") == 1);
    CHECK(a.count("timeseries.csv") == 1);
    // Same scene, model and seed from t = 0: the studio steps the same Simulation, so the
    // recorded time series is the same to the last digit.
    auto slurp = [](const std::string& p) {
        std::ifstream f(p);
        return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
    };
    const std::string ts = slurp(studio_out + "/timeseries.csv");
    CHECK(ts.size() > 1000);
    CHECK(ts == slurp(cli_out + "/timeseries.csv"));
    // Every key of the output contract is in the studio's summary, with the run's values
    // where they come from the simulation.
    std::ifstream fa(studio_out + "/summary.json"), fb(cli_out + "/summary.json");
    const auto ja = nlohmann::json::parse(fa), jb = nlohmann::json::parse(fb);
    const auto contract = rg::summarySkeleton();
    for (auto it = contract.begin(); it != contract.end(); ++it) {
        INFO(it.key());
        CHECK(ja.contains(it.key()));
    }
    for (const char* k : {"gait", "scene", "fell", "sim_time_s", "strides", "joint_rom_deg", "mean_activation", "solver_iterations",
                          "solver_warm_start", "time_step_s"}) {
        INFO(k);
        CHECK(ja[k] == jb[k]);
    }
    CHECK(ja["source"] == "retrogait-studio");
}

TEST_CASE("the interactive studio runs its frames and exits cleanly", "[studio]") {
    // The interactive loop (simulation thread, control panel, plots, picking) for a few frames,
    // side by side and with the joint contact overlay on.
    const std::string cmd = std::string(RETROGAIT_STUDIO_BIN) + " --window 800x600 --scene " + scene("treadmill.json") +
                            " --side-by-side --show joint-contact --benchmark-frames 10 > /dev/null";
    INFO(cmd);
    CHECK(std::system(cmd.c_str()) == 0);
    // Bad input exits with status 2 before any window opens.
    const std::string bad = std::string(RETROGAIT_STUDIO_BIN) + " --scene /nonexistent.json 2> /dev/null";
    const int status = std::system(bad.c_str());
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
}
