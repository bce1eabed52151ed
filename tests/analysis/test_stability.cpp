// Margin of stability and minimum foot clearance on constructed cases, with the expected values
// computed from the model's joint locations and foot box, independently of the analysis code.
#include "engine/analysis/stability.hpp"
#include "engine/core/units.hpp"
#include "engine/model/model_loader.hpp"
#include "synthetic_walk.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

using namespace rg;

namespace {
struct Geometry {
    double k, hip_z, thigh, shank, foot_cx, foot_cy, foot_hx, foot_hy, foot_hz;
};
Geometry geometry(const Model& m) {
    const ModelDesc& d = m.desc();
    Geometry g{};
    g.k = d.height / d.reference_stature;
    for (const auto& j : d.joints) {
        if (j.name == "hip_r") g.hip_z = j.location[2] * g.k;
        if (j.name == "knee_r") g.thigh = -j.location[1] * g.k;
        if (j.name == "ankle_r") g.shank = -j.location[1] * g.k;
    }
    for (const auto& s : d.segments)
        if (s.name == "foot_r")
            for (const auto& sh : s.shapes)
                if (sh.type == ShapeType::Box) {
                    g.foot_cx = sh.centre[0] * g.k;
                    g.foot_cy = sh.centre[1] * g.k;
                    g.foot_hx = sh.size[0] / 2 * g.k;
                    g.foot_hy = sh.size[1] / 2 * g.k;
                    g.foot_hz = sh.size[2] / 2 * g.k;
                }
    return g;
}

/// Rows at 200 Hz of a pose: all coordinates 0 except those set by `coords(t)`, pelvis at
/// (0, pelvis_y(t), 0), foot forces by `force(t, side)`, centre of mass fixed.
Table pose(const Model& m, double duration, const std::function<double(double)>& pelvis_y,
           const std::function<double(double, int)>& force, const std::function<double(double, const std::string&)>& coords,
           Eigen::Vector3d com, Eigen::Vector3d vcom, double belt) {
    std::vector<std::string> n = rgtest::poseAndContactColumns(m);
    for (const char* x : {"com_x_m", "com_y_m", "com_z_m", "com_vx_m_per_s", "com_vy_m_per_s", "com_vz_m_per_s", "belt_speed_m_per_s"}) n.push_back(x);
    Table t(n);
    for (int k = 0; k * 0.005 <= duration + 1e-9; ++k) {
        const double time = k * 0.005;
        std::vector<double> row(n.size(), 0.0);
        row[0] = time;
        row[2] = pelvis_y(time);
        for (std::size_t c = 0; c < m.coordinates().size(); ++c) row[7 + c] = coords(time, m.coordinates()[c].name);
        row[t.index("grf_r_y_n")] = force(time, 0);
        row[t.index("grf_l_y_n")] = force(time, 1);
        for (int i = 0; i < 3; ++i) {
            row[t.index(std::string("com_") + "xyz"[i] + "_m")] = com[i];
            row[t.index(std::string("com_v") + "xyz"[i] + "_m_per_s")] = vcom[i];
        }
        row[t.index("belt_speed_m_per_s")] = belt;
        t.addRow(row);
    }
    return t;
}
} // namespace

TEST_CASE("margin of stability at initial contact on a constructed standing pose", "[analysis]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    const Geometry g = geometry(*model);
    const double sole = -(g.foot_cy - g.foot_hy);                 // sole below the ankle
    const double leg = g.thigh + g.shank + sole;                   // hip joint centre above the sole
    CHECK(legLength(*model) == Approx(leg).epsilon(1e-12));
    const double pelvis_y = leg;                                   // soles on the floor
    // Left foot loaded throughout; the right foot lands at t = 0.1 s.
    auto force = [](double t, int side) { return side == 1 || t >= 0.1 ? 400.0 : 0.0; };
    auto zero = [](double, const std::string&) { return 0.0; };
    const Eigen::Vector3d com(0.02, 0.95, 0.01), v(0.3, 0, -0.05);
    for (double belt : {0.0, 1.2}) {
        const Table t = pose(*model, 0.3, [&](double) { return pelvis_y; }, force, zero, com, v, belt);
        const Recording rec(t, *model);
        const GaitEvents e = detectGaitEvents(t);
        const auto steps = marginsOfStability(rec, e, SurfaceFrame::of(0, 1));
        REQUIRE(steps.size() == 1);
        const double w0 = std::sqrt(9.81 / leg);
        // On a treadmill the feet move with the belt (−belt along x): relative velocity v + belt.
        const double xcom_x = com.x() + (v.x() + belt) / w0, xcom_z = com.z() + v.z() / w0;
        CHECK(steps[0].side == 0);
        CHECK(steps[0].time == Approx(0.1 - 0.005 + 0.005 * 20 / 400).margin(1e-12));
        CHECK(steps[0].anterior == Approx(g.foot_cx + g.foot_hx - xcom_x).epsilon(1e-12));
        CHECK(steps[0].posterior == Approx(xcom_x - (g.foot_cx - g.foot_hx)).epsilon(1e-12));
        CHECK(steps[0].medial_lateral == Approx(g.hip_z + g.foot_hz - xcom_z).epsilon(1e-12));
    }
}

TEST_CASE("minimum foot clearance of the leading part of the swing foot", "[analysis]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    const Geometry g = geometry(*model);
    // The right foot swings from 0.3 s to 0.9 s while the whole body rises and falls so that a
    // flat sole would clear the floor by c(τ) = 0.02 − 0.008·cos(4πτ): local minimum 0.012 m at
    // mid-swing. The ankle is dorsiflexed by 10°, which lifts the toe and lowers the heel.
    const double leg = g.thigh + g.shank - (g.foot_cy - g.foot_hy);
    auto clearance = [](double t) {
        if (t < 0.3 || t > 0.9) return 0.0;
        return 0.02 - 0.008 * std::cos(4 * kPi * (t - 0.3) / 0.6);
    };
    auto force = [](double t, int side) { return side == 1 || t < 0.3 || t >= 0.9 ? 500.0 : 0.0; };
    const double a = deg2rad(10);
    auto coords = [&](double, const std::string& c) { return c == "ankle_angle_r" ? 10.0 : 0.0; };
    const Table t = pose(*model, 1.2, [&](double time) { return leg + clearance(time); }, force, coords,
                         Eigen::Vector3d(0, 0.95, 0), Eigen::Vector3d::Zero(), 0);
    const Recording rec(t, *model);
    const GaitEvents e = detectGaitEvents(t);
    // Height of a sole point (x, bottom) after the ankle's rotation by a about +z.
    auto height = [&](double x) {
        const double y = g.foot_cy - g.foot_hy;
        return 0.012 + (-(g.thigh + g.shank) + x * std::sin(a) + y * std::cos(a)) + leg;
    };
    for (double travel : {1.0, -1.0}) {
        const auto mfc = minimumFootClearance(rec, e, SurfaceFrame::of(0, travel));
        REQUIRE(mfc.size() == 1);
        CHECK(mfc[0].side == 0);
        CHECK(mfc[0].time == Approx(0.6).margin(1e-9));
        const double lead_x = travel > 0 ? g.foot_cx + g.foot_hx : g.foot_cx - g.foot_hx;
        CHECK(mfc[0].clearance == Approx(height(lead_x)).epsilon(1e-9));
    }
}
