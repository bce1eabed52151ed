#include "engine/muscle/muscle_desc.hpp"

#include "engine/core/units.hpp"

#include <set>

namespace rg {

namespace {

std::vector<std::string> stringList(const Fields& f, const std::string& key) {
    std::vector<std::string> out;
    if (!f.has(key)) return out;
    const Json& v = f.json()[key];
    if (!v.is_array()) f.fail(key, "is not an array", "an array of strings");
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_string()) f.fail(key + "/" + std::to_string(i), "is not a string", "a string");
        out.push_back(v[i].get<std::string>());
    }
    return out;
}

void parseCurves(const Fields& f, HillCurves& c) {
    c.fl_width = f.number("fl_width", 0.1, 1.0, c.fl_width);
    c.fl_residual = f.number("fl_residual", 1e-4, 0.5, c.fl_residual);
    c.fv_eccentric_plateau = f.number("fv_eccentric_plateau", 1.0, 2.5, c.fv_eccentric_plateau);
    c.fv_shape = f.number("fv_shape", 0.5, 20.0, c.fv_shape);
    c.pe_width = f.number("pe_width", 0.1, 2.0, c.pe_width);
    c.tendon_reference_strain = f.number("tendon_reference_strain", 0.005, 0.2, c.tendon_reference_strain);
    c.fibre_damping = f.number("fibre_damping", 0.01, 1.0, c.fibre_damping);
}

void parseSettings(const Fields& f, MuscleSettingsDesc& s) {
    s.source = f.text("source", "");
    s.reference_body_mass = f.number("reference_body_mass_kg", 20.0, 250.0);
    s.reference_height = f.number("reference_height_m", 1.0, 2.3);
    s.force_mass_exponent = f.number("force_mass_exponent", 0.0, 1.5, s.force_mass_exponent);
    if (f.has("sides")) {
        s.sides = stringList(f, "sides");
        if (s.sides.empty()) f.fail("sides", "is empty", "[\"r\", \"l\"], [\"r\"] or [\"l\"]");
        for (const auto& side : s.sides)
            if (side != "r" && side != "l") f.fail("sides", "unknown side \"" + side + "\"", "\"r\" and/or \"l\"");
    }
    if (f.has("curves")) parseCurves(f.object("curves"), s.curves);
    s.rigid_tendon = f.choice("tendon", {"compliant", "rigid"}, "compliant") == "rigid";
    if (f.has("activation")) {
        Fields a = f.object("activation");
        s.activation_time_constant = a.number("time_constant_s", 1e-3, 0.2, s.activation_time_constant);
        s.min_excitation = a.number("min_excitation", 0.0, 0.2, s.min_excitation);
    }
    if (f.has("static_optimisation")) {
        Fields o = f.object("static_optimisation");
        s.activation_exponent = o.number("activation_exponent", 2.0, 2.0, 2.0);
        s.reserve_weight = o.number("reserve_weight_per_nm2", 1.0, 1e9, s.reserve_weight);
        if (o.has("reserve_limit_nm")) s.reserve_limit_nm = o.number("reserve_limit_nm", 0.0, 1e4);
    }
    if (f.has("energetics")) {
        Fields e = f.object("energetics");
        e.choice("model", {"umberger2010"});
        s.basal_power_per_kg = e.number("basal_w_per_kg", 0.0, 5.0, s.basal_power_per_kg);
        s.specific_tension = e.number("specific_tension_pa", 1e4, 1e7, s.specific_tension);
        s.muscle_density = e.number("muscle_density_kg_per_m3", 500.0, 2000.0, s.muscle_density);
        s.aerobic_scale = e.number("aerobic_scale", 1.0, 2.0, s.aerobic_scale);
        s.lengthening_heat_factor = e.number("lengthening_heat_factor", 0.0, 10.0, s.lengthening_heat_factor);
        s.fast_to_slow_vmax_ratio = e.number("fast_to_slow_vmax_ratio", 1.0, 10.0, s.fast_to_slow_vmax_ratio);
    }
    if (f.has("strength_scale")) {
        Fields ss = f.object("strength_scale");
        for (const auto& k : ss.keys()) s.strength_scale[k] = ss.number(k, 0.0, 10.0);
    }
    std::set<std::string> names;
    for (const Fields& jf : f.objects("joint_angles")) {
        JointAngleDesc a;
        a.name = jf.text("name");
        if (!names.insert(a.name).second) jf.fail("name", "duplicate joint angle \"" + a.name + "\"", "unique names");
        a.coordinate = jf.text("coordinate");
        a.offset = deg2rad(jf.number("offset_deg", -360.0, 360.0));
        a.sign = jf.number("sign", -1.0, 1.0);
        if (a.sign != 1.0 && a.sign != -1.0) jf.fail("sign", "must be 1 or -1", "1 or -1");
        a.mirror_left = jf.boolean("mirror_left", false);
        s.joint_angles.push_back(a);
    }
}

MuscleSpanDesc parseSpan(const Fields& f, const std::set<std::string>& angles) {
    MuscleSpanDesc s;
    s.joint_angle = f.text("joint_angle");
    if (!angles.count(s.joint_angle)) {
        std::string allowed;
        for (const auto& a : angles) allowed += (allowed.empty() ? "" : ", ") + a;
        f.fail("joint_angle", "unknown joint angle \"" + s.joint_angle + "\"", "a name from settings/joint_angles: " + allowed);
    }
    const std::string shape = f.choice("moment_arm", {"constant", "cosine"});
    s.shape = shape == "constant" ? MomentArmShape::Constant : MomentArmShape::Cosine;
    s.r = f.number("r_m", 0.0, 0.3);
    s.phi_ref = deg2rad(f.number("phi_ref_deg", -360.0, 360.0));
    s.rho = f.number("rho", 0.01, 2.0);
    if (!f.has("lengthens_as_angle_grows")) f.fail("lengthens_as_angle_grows", "is missing", "true or false");
    s.lengthens_as_angle_grows = f.boolean("lengthens_as_angle_grows", false);
    if (s.shape == MomentArmShape::Cosine) {
        s.phi_max = deg2rad(f.number("phi_max_deg", -360.0, 360.0));
        if (f.has("r_min_m")) {
            s.r_min = f.number("r_min_m", 1e-4, s.r);
            s.phi_min = deg2rad(f.number("phi_min_deg", -360.0, 360.0));
            if (s.phi_min == s.phi_max) f.fail("phi_min_deg", "equals phi_max_deg", "an angle other than phi_max_deg");
        }
    }
    return s;
}

} // namespace

MuscleSetDesc parseMuscleSet(const Json& j, const std::string& file) {
    MuscleSetDesc d;
    d.file = file;
    if (!j.is_array()) throw InputError(file, "muscles", "is not an array", "an array of muscle objects");
    int settings_at = -1;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string path = "muscles/" + std::to_string(i);
        if (!j[i].is_object()) throw InputError(file, path, "is not an object", "a JSON object");
        Fields f(j[i], file, path);
        if (f.choice("type", {"settings", "muscle"}) == "settings") {
            if (settings_at >= 0) f.fail("type", "a second settings element", "exactly one element of type \"settings\"");
            settings_at = int(i);
            parseSettings(f, d.settings);
        }
    }
    if (settings_at < 0) throw InputError(file, "muscles", "has no element of type \"settings\"", "one settings element");
    std::set<std::string> angles;
    for (const auto& a : d.settings.joint_angles) angles.insert(a.name);
    std::set<std::string> names;
    for (std::size_t i = 0; i < j.size(); ++i) {
        if (int(i) == settings_at) continue;
        Fields f(j[i], file, "muscles/" + std::to_string(i));
        MuscleDesc m;
        m.json_index = int(i);
        m.name = f.text("name");
        if (m.name.empty() || !names.insert(m.name).second) f.fail("name", "empty or duplicate muscle name \"" + m.name + "\"", "unique names");
        m.description = f.text("description", "");
        m.groups = stringList(f, "groups");
        m.max_isometric_force = f.number("max_isometric_force_n", 0.0, 1e5);
        m.optimal_fibre_length = f.number("optimal_fibre_length_m", 0.005, 1.0);
        m.tendon_slack_length = f.number("tendon_slack_length_m", 0.001, 1.0);
        m.max_shortening_velocity = f.number("max_shortening_velocity_lopt_per_s", 1.0, 30.0);
        m.fast_twitch_percent = f.number("fast_twitch_percent", 0.0, 100.0);
        for (const Fields& sf : f.objects("spans")) m.spans.push_back(parseSpan(sf, angles));
        if (m.spans.empty()) f.fail("spans", "is empty", "at least one joint the muscle crosses");
        for (const Fields& pf : f.objects("path")) {
            PathPointDesc p;
            p.segment = pf.text("segment");
            const auto v = pf.numbers("point_m", 3, -2.0, 2.0);
            p.point = {v[0], v[1], v[2]};
            m.path.push_back(p);
        }
        if (m.path.size() < 2) f.fail("path", "has fewer than 2 points", "origin, optional via points, insertion");
        d.muscles.push_back(std::move(m));
    }
    if (d.muscles.empty()) throw InputError(file, "muscles", "has no element of type \"muscle\"", "at least one muscle");
    return d;
}

} // namespace rg
