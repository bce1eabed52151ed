// The default model against its anthropometric source (de Leva 1996, Table 4, male) and its
// scaling to body mass and height.
#include "engine/model/model.hpp"
#include "engine/model/model_loader.hpp"

#include <catch2/catch.hpp>

using namespace rg;

namespace {
std::shared_ptr<const Model> defaultModel(ModelOverrides o = {}) {
    return Model::build(loadModelFile(defaultModelPath(), o));
}
const double kRefStature = 1.741;  // de Leva 1996 reference stature (m)
} // namespace

TEST_CASE("total mass equals body mass", "[model]") {
    auto m = defaultModel();
    CHECK(m->totalMass() == Approx(75.0).epsilon(1e-9));
    auto heavy = defaultModel({90.0, 1.9});
    CHECK(heavy->totalMass() == Approx(90.0).epsilon(1e-9));
}

TEST_CASE("segment masses and centres of mass follow de Leva 1996", "[model]") {
    auto m = defaultModel();
    const double k = 1.75 / kRefStature;
    struct Row { const char* seg; double mass_fraction; double length; double com_fraction; };
    // de Leva 1996 Table 4 (male): thigh 14.16 %, 422.2 mm, CoM 40.95 % from the hip joint
    // centre; shank 4.33 %, 434.0 mm, 44.59 % from the knee joint centre.
    for (Row r : {Row{"thigh_r", 0.1416, 0.4222, 0.4095}, Row{"thigh_l", 0.1416, 0.4222, 0.4095},
                  Row{"shank_r", 0.0433, 0.4340, 0.4459}, Row{"shank_l", 0.0433, 0.4340, 0.4459}}) {
        const int s = m->segmentIndex(r.seg);
        REQUIRE(s >= 0);
        const auto& in = m->segments()[s].inertial;
        CHECK(in.mass == Approx(r.mass_fraction * 75.0).epsilon(1e-9));
        CHECK(in.com[1] == Approx(-r.com_fraction * r.length * k).epsilon(1e-9));
        CHECK(in.com[0] == Approx(0.0).margin(1e-12));
    }
    // Foot: 1.37 %, 258.1 mm, CoM 44.15 % of the heel-to-toe length from the heel.
    const auto& foot = m->segments()[m->segmentIndex("foot_r")].inertial;
    CHECK(foot.mass == Approx(0.0137 * 75.0).epsilon(1e-9));
    CHECK(foot.com[0] == Approx((-0.055 + 0.4415 * 0.2581) * k).epsilon(1e-9));
    // Pelvis: lower trunk, 11.17 %; torso: head, upper and middle trunk and both arms.
    CHECK(m->segments()[0].inertial.mass == Approx(0.1117 * 75.0).epsilon(1e-9));
    const double torso = 0.1633 + 0.1596 + 0.0694 + 2 * (0.0271 + 0.0162 + 0.0061);
    CHECK(m->segments()[m->segmentIndex("torso")].inertial.mass == Approx(torso * 75.0).epsilon(1e-9));
}

TEST_CASE("thigh inertia follows the radii of gyration", "[model]") {
    auto m = defaultModel();
    const double k = 1.75 / kRefStature, L = 0.4222 * k, mass = 0.1416 * 75.0;
    const auto& in = m->segments()[m->segmentIndex("thigh_r")].inertial;
    // de Leva: sagittal and transverse 32.9 %, longitudinal 14.9 % of the length.
    CHECK(in.inertia[0] == Approx(mass * std::pow(0.329 * L, 2)).epsilon(1e-9));
    CHECK(in.inertia[2] == Approx(mass * std::pow(0.329 * L, 2)).epsilon(1e-9));
    CHECK(in.inertia[1] == Approx(mass * std::pow(0.149 * L, 2)).epsilon(1e-9));
}

TEST_CASE("height scales lengths, mass scales masses and inertias", "[model]") {
    auto a = defaultModel();
    auto b = defaultModel({150.0, 2.10});
    const double ks = 2.10 / 1.75, km = 150.0 / 75.0;
    const int knee = b->jointIndex("knee_r");
    CHECK(b->joints()[knee].location[1] == Approx(a->joints()[knee].location[1] * ks).epsilon(1e-12));
    const int t = a->segmentIndex("thigh_r");
    CHECK(b->segments()[t].inertial.mass == Approx(a->segments()[t].inertial.mass * km).epsilon(1e-12));
    CHECK(b->segments()[t].inertial.inertia[0] == Approx(a->segments()[t].inertial.inertia[0] * km * ks * ks).epsilon(1e-12));
}

TEST_CASE("combine applies the parallel-axis theorem", "[model]") {
    SegmentInertia p1{2.0, {0, 1, 0}, {0.1, 0.2, 0.3}}, p2{2.0, {0, -1, 0}, {0.1, 0.2, 0.3}};
    const SegmentInertia c = combine({p1, p2});
    CHECK(c.mass == 4.0);
    CHECK(c.com[1] == Approx(0.0).margin(1e-15));
    CHECK(c.inertia[0] == Approx(0.2 + 4.0 * 1.0));  // two point offsets of 1 m about x
    CHECK(c.inertia[1] == Approx(0.4));              // along y: no offset term
    CHECK(c.inertia[2] == Approx(0.6 + 4.0));
}

TEST_CASE("coordinates carry Gait2392 names and physiological ranges", "[model]") {
    auto m = defaultModel();
    for (const char* n : {"lumbar_extension", "lumbar_bending", "lumbar_rotation", "hip_flexion_r", "hip_adduction_r",
                          "hip_rotation_r", "knee_angle_r", "ankle_angle_r", "hip_flexion_l", "hip_adduction_l",
                          "hip_rotation_l", "knee_angle_l", "ankle_angle_l"})
        CHECK(m->coordinateIndex(n) >= 0);
    const auto& knee = m->coordinates()[m->coordinateIndex("knee_angle_r")];
    CHECK(knee.range_max == Approx(0.0).margin(1e-12));   // no hyperextension; flexion is negative
    CHECK(knee.range_min < -2.0);
}
