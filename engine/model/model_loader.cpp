#include "engine/model/model_loader.hpp"

#include "engine/core/units.hpp"

#include <cmath>
#include <set>

namespace rg {

namespace {

Vec3 vec3(const Fields& f, const std::string& key, double lo, double hi) {
    auto v = f.numbers(key, 3, lo, hi);
    return {v[0], v[1], v[2]};
}

Vec3 unitAxis(const Fields& f, const std::string& key) {
    Vec3 a = vec3(f, key, -1.0, 1.0);
    const double n = std::sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    if (std::fabs(n - 1.0) > 1e-6) f.fail(key, "is not a unit vector", "a unit vector [x, y, z]");
    return a;
}

PartDesc parsePart(const Fields& f) {
    PartDesc p;
    p.name = f.text("name");
    p.mass_fraction = f.number("mass_fraction", 0.0, 1.0);
    p.length = f.number("length_m", 0.0, 2.0);
    p.com_fraction = f.number("com_fraction", 0.0, 1.0);
    p.gyration = vec3(f, "gyration_fractions", 0.0, 1.0);
    p.start = vec3(f, "start_m", -2.0, 2.0);
    p.axis = unitAxis(f, "axis");
    return p;
}

ShapeDesc parseShape(const Fields& f) {
    ShapeDesc s;
    const std::string t = f.choice("type", {"box", "capsule", "sphere"});
    s.type = t == "box" ? ShapeType::Box : t == "capsule" ? ShapeType::Capsule : ShapeType::Sphere;
    if (s.type == ShapeType::Box) {
        s.size = vec3(f, "size_m", 1e-3, 2.0);
    } else if (s.type == ShapeType::Capsule) {
        s.size = {f.number("radius_m", 1e-3, 0.5), f.number("length_m", 0.0, 2.0), 0.0};
    } else {
        s.size = {f.number("radius_m", 1e-3, 0.5), 0.0, 0.0};
    }
    s.centre = vec3(f, "centre_m", -2.0, 2.0);
    return s;
}

CoordinateDesc parseCoordinate(const Fields& f) {
    CoordinateDesc c;
    c.name = f.text("name");
    c.axis = unitAxis(f, "axis");
    auto r = f.numbers("range_deg", 2, -180.0, 180.0);
    if (r[0] >= r[1]) f.fail("range_deg", "minimum is not below maximum", "[min, max] with min < max, degrees");
    c.range_min = deg2rad(r[0]);
    c.range_max = deg2rad(r[1]);
    const double n = f.number("neutral_deg", r[0], r[1], 0.0 < r[0] ? r[0] : (0.0 > r[1] ? r[1] : 0.0));
    c.neutral = deg2rad(n);
    c.passive_stiffness = f.number("passive_stiffness_nm_per_rad", 0.0, 1e4, 0.0);
    c.passive_damping = f.number("passive_damping_nms_per_rad", 0.0, 1e3, 0.0);
    return c;
}

} // namespace

std::string defaultModelPath() { return std::string(RETROGAIT_SOURCE_DIR) + "/models/adult_walker.json"; }

ModelDesc parseModel(const Json& j, const std::string& file, const ModelOverrides& ov) {
    Fields root(j, file);
    if (!j.is_object()) throw InputError(file, "(root)", "is not a JSON object", "a model object");
    ModelDesc d;
    d.file = file;
    const std::string format = root.choice("format", {"retrogait-model-1"});
    (void)format;
    d.name = root.text("name");
    d.body_mass = root.number("body_mass_kg", kMinBodyMass, kMaxBodyMass);
    d.height = root.number("height_m", kMinHeight, kMaxHeight);
    d.contact_friction = root.number("foot_friction", 0.05, 3.0, 0.9);
    if (root.has("foot_contact")) {
        Fields fc = root.object("foot_contact");
        d.contact_stiffness = fc.number("stiffness_n_per_m", 1e3, 1e8);
        d.contact_damping = fc.number("damping_n_s_per_m", 0.0, 1e5);
    }

    Fields anthro = root.object("anthropometry");
    d.anthropometry_source = anthro.text("source");
    d.reference_stature = anthro.number("reference_stature_m", kMinHeight, kMaxHeight);

    std::set<std::string> segNames;
    for (const Fields& sf : root.objects("segments")) {
        SegmentDesc s;
        s.name = sf.text("name");
        if (!segNames.insert(s.name).second) sf.fail("name", "duplicate segment name \"" + s.name + "\"", "unique names");
        for (const Fields& pf : sf.objects("parts")) s.parts.push_back(parsePart(pf));
        if (s.parts.empty()) sf.fail("parts", "is empty", "at least one anthropometric part");
        if (sf.has("shapes"))
            for (const Fields& shf : sf.objects("shapes")) s.shapes.push_back(parseShape(shf));
        d.segments.push_back(std::move(s));
    }
    if (d.segments.empty()) root.fail("segments", "is empty", "at least the pelvis segment");

    double massSum = 0;
    for (const auto& s : d.segments)
        for (const auto& p : s.parts) massSum += p.mass_fraction;
    if (std::fabs(massSum - 1.0) > 1e-3)
        root.fail("segments", "mass fractions sum to " + std::to_string(massSum), "fractions summing to 1 (±0.001)");

    std::set<std::string> coordNames;
    std::set<std::string> children;
    std::set<std::string> placed{d.segments[0].name};
    for (const Fields& jf : root.objects("joints")) {
        JointDesc jd;
        jd.name = jf.text("name");
        const std::string type = jf.choice("type", {"gimbal", "revolute"});
        jd.type = type == "gimbal" ? JointType::Gimbal : JointType::Revolute;
        jd.parent = jf.text("parent");
        jd.child = jf.text("child");
        if (!segNames.count(jd.parent)) jf.fail("parent", "unknown segment \"" + jd.parent + "\"", "a segment named in 'segments'");
        if (!segNames.count(jd.child)) jf.fail("child", "unknown segment \"" + jd.child + "\"", "a segment named in 'segments'");
        if (!placed.count(jd.parent)) jf.fail("parent", "segment \"" + jd.parent + "\" is not yet attached", "joints listed parent before child, starting at the first segment");
        if (jd.child == d.segments[0].name || !children.insert(jd.child).second)
            jf.fail("child", "segment \"" + jd.child + "\" already has a parent joint", "each segment but the first is the child of exactly one joint");
        placed.insert(jd.child);
        jd.location = vec3(jf, "location_m", -2.0, 2.0);
        for (const Fields& cf : jf.objects("coordinates")) {
            jd.coordinates.push_back(parseCoordinate(cf));
            if (!coordNames.insert(jd.coordinates.back().name).second)
                cf.fail("name", "duplicate coordinate name", "unique coordinate names");
        }
        const std::size_t want = jd.type == JointType::Gimbal ? 3 : 1;
        if (jd.coordinates.size() != want)
            jf.fail("coordinates", "has " + std::to_string(jd.coordinates.size()) + " entries",
                    std::to_string(want) + " for a " + type + " joint");
        d.joints.push_back(std::move(jd));
    }
    for (const auto& s : d.segments)
        if (!placed.count(s.name))
            root.fail("joints", "segment \"" + s.name + "\" is attached by no joint", "every segment but the first is a joint's child");

    if (root.has("muscles")) {
        if (!j["muscles"].is_array()) root.fail("muscles", "is not an array", "an array of muscle objects");
        d.muscles = j["muscles"];
    }

    if (root.has("walking_control")) d.walking_control_file = root.filePath("walking_control", "a walking-control file");

    if (ov.body_mass) {
        if (!(*ov.body_mass >= kMinBodyMass && *ov.body_mass <= kMaxBodyMass))
            throw InputError("command line", "--mass", "value " + std::to_string(*ov.body_mass) + " is out of range",
                             "a number from 20 to 250 (kg)");
        d.body_mass = *ov.body_mass;
    }
    if (ov.height) {
        if (!(*ov.height >= kMinHeight && *ov.height <= kMaxHeight))
            throw InputError("command line", "--height", "value " + std::to_string(*ov.height) + " is out of range",
                             "a number from 1 to 2.3 (m)");
        d.height = *ov.height;
    }
    return d;
}

ModelDesc loadModelFile(const std::string& path, const ModelOverrides& ov) {
    return parseModel(readJsonFile(path), path, ov);
}

} // namespace rg
