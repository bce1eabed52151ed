// Camera projection, muscle picking and the gait-cycle plot data (all GL-free).
#include "engine/render/camera.hpp"
#include "engine/render/gait_plots.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace rg;

TEST_CASE("the camera target projects to the screen centre; side view shows +x to the right", "[render]") {
    OrbitCamera cam;
    cam.target = {0.3, 1.0, -0.2};
    cam.sideView();
    const Eigen::Matrix4f vp = cam.projection(1280.0 / 720.0) * cam.view();
    const ScreenPoint c = projectToScreen(cam.target, vp, 1280, 720);
    REQUIRE(c.visible);
    CHECK(c.x == Approx(640).margin(1e-3));
    CHECK(c.y == Approx(360).margin(1e-3));
    const ScreenPoint ahead = projectToScreen(cam.target + Eigen::Vector3d(0.5, 0, 0), vp, 1280, 720);
    CHECK(ahead.x > c.x + 50);
    const ScreenPoint up = projectToScreen(cam.target + Eigen::Vector3d(0, 0.5, 0), vp, 1280, 720);
    CHECK(up.y < c.y - 50);
    // The eye is `distance` from the target; behind the camera is not visible.
    CHECK((cam.eye() - cam.target).norm() == Approx(cam.distance));
    const Eigen::Vector3d behind = cam.eye() + (cam.eye() - cam.target);
    CHECK_FALSE(projectToScreen(behind, vp, 1280, 720).visible);
    // Front view: the walker's right (+z) appears on the screen's left.
    cam.frontView();
    const Eigen::Matrix4f vf = cam.projection(1280.0 / 720.0) * cam.view();
    CHECK(projectToScreen(cam.target + Eigen::Vector3d(0, 0, 0.3), vf, 1280, 720).x < 640 - 50);
    // Elevation is limited short of the poles.
    cam.orbit(0, 10);
    CHECK(cam.elevation < 1.5);
    cam.zoom(1e-3);
    CHECK(cam.distance == 0.5);
}

TEST_CASE("picking finds the muscle under the mouse", "[render]") {
    OrbitCamera cam;
    cam.target = {0, 1, 0};
    cam.sideView();
    const Eigen::Matrix4f vp = cam.projection(1.0) * cam.view();
    DrawList d;
    DrawMuscle a, b;
    a.name = "GLU_r";
    a.path = {{-0.2, 1.2, 0}, {-0.2, 0.8, 0}};
    b.name = "VAS_r";
    b.path = {{0.2, 1.2, 0}, {0.2, 0.8, 0}};
    d.muscles = {a, b};
    const ScreenPoint pa = projectToScreen({-0.2, 1.0, 0}, vp, 800, 800);
    const ScreenPoint pb = projectToScreen({0.2, 1.0, 0}, vp, 800, 800);
    CHECK(pickMuscle(d, vp, 800, 800, pa.x + 2, pa.y) == 0);
    CHECK(pickMuscle(d, vp, 800, 800, pb.x - 3, pb.y + 10) == 1);
    CHECK(pickMuscle(d, vp, 800, 800, (pa.x + pb.x) / 2, pa.y) == -1);
}

TEST_CASE("resampling is exact for straight lines and clamps at the ends", "[render]") {
    const std::vector<double> t{0, 0.1, 0.25, 0.5, 1.0}, v{1, 1.2, 1.5, 2, 3};  // v = 1 + 2t
    const auto r = resampleLinear(t, v, 0, 1, 11);
    for (int i = 0; i <= 10; ++i) CHECK(r[i] == Approx(1 + 2 * i / 10.0));
    const auto c = resampleLinear(t, v, -1, 2, 4);
    CHECK(c.front() == 1);
    CHECK(c.back() == 3);
}

TEST_CASE("strides cut at initial contacts and normalised to the gait cycle", "[render]") {
    // A synthetic walk: stride period T, the right foot loaded for the first 60 % of each
    // stride; a channel sin(2π t / T) whose cycle-normalised curve is known exactly.
    const double T = 1.1, dt = 0.002;
    GaitPlotData p({"hip", "knee"}, 6.0, 101, 4);
    for (int i = 1; i * dt < 8 * T; ++i) {
        const double t = i * dt;
        const double phase = std::fmod(t, T) / T;
        const double fy = phase < 0.6 ? 700 : 0;
        p.add(t, fy, Gait::Forward, {std::sin(2 * M_PI * t / T), 0.5});
    }
    REQUIRE(p.strides(Gait::Forward).size() == 4);  // 7 complete strides, the last 4 kept
    CHECK(p.strides(Gait::Backward).empty());
    const auto& s = p.strides(Gait::Forward).back();
    CHECK(s.duration_s == Approx(T).margin(2 * dt));
    const auto m = p.meanCycle(Gait::Forward, 0);
    REQUIRE(m.size() == 101);
    for (int k = 0; k <= 100; ++k) {
        // Contacts are detected at the first sample past each stride start (one dt late).
        CHECK(m[k] == Approx(std::sin(2 * M_PI * (k / 100.0 + dt / T))).margin(0.02));
    }
    CHECK(p.meanCycle(Gait::Forward, 1)[50] == Approx(0.5));
    CHECK(p.meanCycle(Gait::Backward, 0).empty());
    CHECK(p.channelIndex("knee") == 1);
    CHECK(p.channelIndex("ankle") == -1);
    // The rolling history keeps 6 s.
    CHECK(p.times().back() - p.times().front() <= 6.0 + 1e-9);
    CHECK(p.times().back() - p.times().front() > 5.9);
    CHECK_THROWS(p.add(p.times().back(), 0, Gait::Forward, {0, 0}));
    CHECK_THROWS(p.add(100, 0, Gait::Forward, {0}));
}

TEST_CASE("a stride with a gait switch or standing still is not a stride", "[render]") {
    GaitPlotData p({"x"}, 10.0, 51, 10);
    const double dt = 0.01;
    double t = 0;
    auto walk = [&](double T, int strides, Gait g, double switch_at = -1) {
        const double t0 = t;
        for (int i = 0; i < int(std::lround(strides * T / dt)); ++i) {
            t += dt;
            const double phase = std::fmod(t - t0, T) / T;
            Gait gg = (switch_at > 0 && t > switch_at) ? (g == Gait::Forward ? Gait::Backward : Gait::Forward) : g;
            p.add(t, phase < 0.6 ? 600 : 0, gg, {phase});
        }
    };
    walk(1.0, 3, Gait::Forward);
    CHECK(p.strides(Gait::Forward).size() == 2);  // three contacts, two complete strides
    // Backward from the next contact, switched back to forward half a stride in: that stride
    // is mixed and dropped; the two that follow are forward strides.
    walk(1.0, 3, Gait::Backward, t + 0.5);
    CHECK(p.strides(Gait::Backward).empty());
    CHECK(p.strides(Gait::Forward).size() == 4);
    // Standing: loaded all the time, no new contact, no stride.
    for (int i = 0; i < 50; ++i) p.add(t += dt, 700, Gait::Backward, {0});
    const std::size_t n = p.strides(Gait::Forward).size() + p.strides(Gait::Backward).size();
    for (int i = 0; i < 500; ++i) p.add(t += dt, 700, Gait::Backward, {0});
    CHECK(p.strides(Gait::Forward).size() + p.strides(Gait::Backward).size() == n);
}
