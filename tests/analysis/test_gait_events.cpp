// Gait events and strides from force: closed-form force patterns with known crossing times.
#include "synthetic_walk.hpp"

#include "engine/analysis/gait_events.hpp"
#include "engine/model/model_loader.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace rg;

namespace {
const double kBW = 75.0 * 9.81;
// The synthetic walk's stance is a piecewise-linear force with knots on samples, so linear
// interpolation finds the threshold crossings exactly: on the 0 → 0.5 BW ramp over 0.03 s the
// force reaches 20 N after 0.03·20/(0.5 BW) s; on the last ramp it falls to 10 N 0.03·10/(0.5 BW) s
// before the end of the 0.6 s stance.
const double kOn = 0.03 * 20.0 / (0.5 * kBW);
const double kOff = 0.03 * 10.0 / (0.5 * kBW);
} // namespace

TEST_CASE("initial contacts, toe-offs and strides of a synthetic walk are found at the threshold crossings", "[analysis]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    rgtest::SyntheticWalk w;
    const Table t = rgtest::synthesiseWalk(*model, w);
    const GaitEvents e = detectGaitEvents(t);
    REQUIRE(e.strides[0].size() == 5);   // right lands at 0, 1, ..., 5 s
    REQUIRE(e.strides[1].size() == 5);   // left at 0.5, ..., 5.5 s (in contact at t = 0: not an initial contact)
    for (std::size_t i = 0; i < 5; ++i) {
        const Stride& r = e.strides[0][i];
        CHECK(r.start == Approx(double(i) + kOn).margin(1e-9));
        CHECK(r.toe_off == Approx(double(i) + 0.6 - kOff).margin(1e-9));
        CHECK(r.end == Approx(double(i + 1) + kOn).margin(1e-9));
        CHECK(r.stancePercent() == Approx(100 * (0.6 - kOff - kOn)).margin(1e-7));
        const Stride& l = e.strides[1][i];
        CHECK(l.start == Approx(double(i) + 0.5 + kOn).margin(1e-9));
        // Two double-support periods of 0.1 s shortened by both thresholds.
        CHECK(100 * doubleSupportTime(e, r.start, r.end) / r.duration() == Approx(200 * (0.1 - kOn - kOff)).margin(1e-7));
    }
    // Events alternate per foot: IC, TO, IC, ...; the left foot's first event is a toe-off.
    GaitEventType last[2] = {GaitEventType::ToeOff, GaitEventType::InitialContact};
    for (const auto& ev : e.events) {
        CHECK(ev.type != last[ev.side]);
        last[ev.side] = ev.type;
    }
}

TEST_CASE("hysteresis and the minimum phase keep force chatter from splitting a stance", "[analysis]") {
    std::vector<double> t, fr, fl;
    for (int k = 0; k <= 400; ++k) {
        const double time = k * 0.005;
        t.push_back(time);
        double f = (time >= 0.1 && time < 0.7) || (time >= 1.1 && time < 1.7) ? 500.0 : 0.0;
        if (time >= 0.30 && time < 0.32) f = 15;   // dips between the two thresholds: no toe-off
        if (time >= 0.45 && time < 0.47) f = 0;    // a 20 ms flight: shorter than the minimum phase
        if (time >= 0.90 && time < 0.92) f = 300;  // a 20 ms tap in swing: shorter than the minimum phase
        fr.push_back(f);
        fl.push_back(0);
    }
    const GaitEvents e = detectGaitEvents(t, fr, fl);
    REQUIRE(e.contacts[0].size() == 2);
    REQUIRE(e.strides[0].size() == 1);
    CHECK(e.strides[0][0].toe_off > 0.69);
    CHECK(e.strides[0][0].end == Approx(1.1 - 0.005 + 0.005 * 20.0 / 500.0).margin(1e-9));

    // Without the minimum phase the flight splits the stance.
    GaitEventOptions raw;
    raw.min_phase_s = 0;
    CHECK(detectGaitEvents(t, fr, fl, raw).contacts[0].size() == 4);
}

TEST_CASE("the online detector reports initial contact and toe-off with hysteresis", "[analysis]") {
    ContactEventDetector d;
    CHECK_FALSE(d.update(5));
    CHECK_FALSE(d.update(19.9));
    CHECK(d.update(25) == GaitEventType::InitialContact);
    CHECK(d.inContact());
    CHECK_FALSE(d.update(15));   // between the thresholds: still in contact
    CHECK_FALSE(d.update(400));
    CHECK(d.update(9) == GaitEventType::ToeOff);
    CHECK_FALSE(d.update(15));
    CHECK(d.update(21) == GaitEventType::InitialContact);
}

TEST_CASE("the debounced online detector agrees with the offline detection", "[analysis]") {
    // The same chattering force as above, fed sample by sample.
    std::vector<double> t, f;
    for (int k = 0; k <= 400; ++k) {
        const double time = k * 0.005;
        double x = (time >= 0.1 && time < 0.7) || (time >= 1.1 && time < 1.7) ? 500.0 : 0.0;
        if (time >= 0.30 && time < 0.32) x = 15;
        if (time >= 0.45 && time < 0.47) x = 0;
        if (time >= 0.90 && time < 0.92) x = 300;
        t.push_back(time);
        f.push_back(x);
    }
    ContactEventDetector d;
    std::vector<GaitEvent> online;
    for (std::size_t k = 0; k < t.size(); ++k)
        if (const auto e = d.update(t[k], f[k])) online.push_back(*e);
    const GaitEvents offline = detectGaitEvents(t, f, std::vector<double>(t.size(), 0.0));
    REQUIRE(online.size() == offline.events.size());
    for (std::size_t i = 0; i < online.size(); ++i) {
        CHECK(online[i].type == offline.events[i].type);
        // Online events carry the first sample past the threshold; offline ones interpolate.
        CHECK(online[i].time == Approx(offline.events[i].time).margin(0.005));
    }
}

TEST_CASE("the debounced online detector merges contact chatter at landing and swing scuffs as offline", "[analysis]") {
    // Per-step forces as the physics gives them (1 ms): the stance loses contact for a step every
    // 12 ms from the first milliseconds on, the swing foot scuffs for 2 ms mid-swing (a lone tap:
    // dropped) and 30 ms before landing (merged into the landing's contact). A detector that waits
    // for 50 ms of unbroken contact never sees these stances begin.
    std::vector<double> t, f;
    for (int k = 0; k <= 3000; ++k) {
        const double time = k * 0.001;
        const double cycle = std::fmod(time, 1.0);
        double x = cycle >= 0.1 && cycle < 0.7 ? 600.0 : 0.0;
        if (x > 0 && (k % 12) == 5) x = 0;                  // one-step losses of contact in stance
        if (cycle >= 0.85 && cycle < 0.852) x = 200;        // a scuff in mid-swing
        if (cycle >= 0.068 && cycle < 0.070) x = 150;       // a scuff 30 ms before landing
        t.push_back(time);
        f.push_back(x);
    }
    const GaitEvents offline = detectGaitEvents(t, f, std::vector<double>(t.size(), 0.0));
    REQUIRE(offline.strides[0].size() == 2);
    ContactEventDetector d;
    std::vector<GaitEvent> online;
    for (std::size_t k = 0; k < t.size(); ++k)
        if (const auto e = d.update(t[k], f[k])) online.push_back(*e);
    REQUIRE(online.size() == offline.events.size());   // 3 initial contacts, 3 toe-offs
    for (std::size_t i = 0; i < online.size(); ++i) {
        INFO("event " << i);
        CHECK(online[i].type == offline.events[i].type);
        CHECK(online[i].time == Approx(offline.events[i].time).margin(0.001));
    }
    CHECK(online.front().time == Approx(0.068).margin(0.001));   // the merged scuff starts the contact
}

TEST_CASE("a landing bounce shorter than the minimum stride does not make a stride", "[analysis]") {
    std::vector<double> t, fr, fl;
    for (int k = 0; k <= 500; ++k) {
        const double time = k * 0.005;
        t.push_back(time);
        // Lands at 0.1 s, bounces off at 0.2 s, lands again at 0.28 s, then walks a 1.2 s stride.
        const bool on = (time >= 0.1 && time < 0.2) || (time >= 0.28 && time < 1.0) || (time >= 1.48 && time < 2.2);
        fr.push_back(on ? 600.0 : 0.0);
        fl.push_back(0.0);
    }
    const GaitEvents e = detectGaitEvents(t, fr, fl);
    REQUIRE(e.contacts[0].size() == 3);
    REQUIRE(e.strides[0].size() == 1);
    CHECK(e.strides[0][0].start == Approx(0.275 + 0.005 * 20.0 / 600.0).margin(1e-9));
    CHECK(e.strides[0][0].end == Approx(1.475 + 0.005 * 20.0 / 600.0).margin(1e-9));
}
