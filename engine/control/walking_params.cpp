#include "engine/control/walking_params.hpp"

#include "engine/core/units.hpp"

#include <algorithm>
#include <cmath>

namespace rg {

const std::vector<std::pair<const char*, double WalkingParams::*>>& walkingParamFields() {
#define RG_WP(name) {#name, &WalkingParams::name}
    static const std::vector<std::pair<const char*, double WalkingParams::*>> fields = {
        RG_WP(walk_ratio), RG_WP(double_support_fraction), RG_WP(swing_lift_m), RG_WP(reach_fraction),
        RG_WP(min_swing_fraction), RG_WP(lift_peak_behind), RG_WP(step_width_margin_m), RG_WP(speed_gain),
        RG_WP(speed_integral_gain), RG_WP(position_gain), RG_WP(pushoff_ankle_rad), RG_WP(pushoff_gain),
        RG_WP(stance_knee_rad), RG_WP(torso_lean_rad), RG_WP(pelvis_kp), RG_WP(pelvis_kd), RG_WP(yaw_kp), RG_WP(yaw_kd),
        RG_WP(lumbar_kp), RG_WP(lumbar_kd), RG_WP(swing_hip_kp), RG_WP(swing_hip_kd), RG_WP(swing_hip_rot_kp),
        RG_WP(swing_hip_rot_kd), RG_WP(swing_knee_kp), RG_WP(swing_knee_kd), RG_WP(ankle_kp), RG_WP(ankle_kd),
        RG_WP(stance_ankle_kp), RG_WP(stance_ankle_kd), RG_WP(stance_knee_kp), RG_WP(stance_knee_kd),
        RG_WP(full_load_fraction), RG_WP(simbicon_state0_s), RG_WP(simbicon_hip0), RG_WP(simbicon_hip1),
        RG_WP(simbicon_knee0), RG_WP(simbicon_knee1), RG_WP(simbicon_ankle0), RG_WP(simbicon_ankle1),
        RG_WP(simbicon_cd), RG_WP(simbicon_cv), RG_WP(height_kp), RG_WP(height_kd), RG_WP(torque_filter_hz), RG_WP(landing_pitch_rad), RG_WP(speed_ankle_gain), RG_WP(stance_pushoff_nm_per_kg), RG_WP(stance_pushoff_phase), RG_WP(stance_ankle_stop_rad), RG_WP(stance_ankle_stop_kp), RG_WP(trailing_hip_turn_damping), RG_WP(incline_lean_gain), RG_WP(incline_hip_gain),
        RG_WP(simbicon_cd_lateral), RG_WP(simbicon_cv_lateral), RG_WP(min_step_width_m), RG_WP(swing_hip_add_kp), RG_WP(swing_hip_add_kd),
        RG_WP(trunk_yaw_assist), RG_WP(stance_hip_rotation_budget_nm), RG_WP(centre_pull_lateral),
        RG_WP(step_speed_floor_m_per_s), RG_WP(centring_gain),
    };
#undef RG_WP
    return fields;
}

bool setWalkingParam(WalkingParams& p, const std::string& name, double value) {
    if (name == "simbicon") {
        p.simbicon = value != 0;
        return true;
    }
    for (const auto& [n, m] : walkingParamFields())
        if (name == n) {
            p.*m = value;
            return true;
        }
    return false;
}

std::string defaultWalkingControlPath() { return std::string(RETROGAIT_SOURCE_DIR) + "/models/walking_control.json"; }

namespace {
/// Reads the parameters of one object (every key but "speed_m_per_s" and "incline_percent") over
/// `params`.
void parseParams(const Fields& e, WalkingParams& params) {
    for (const std::string& k : e.keys()) {
        if (k == "speed_m_per_s" || k == "incline_percent") continue;
        if (k == "mode") {
            params.simbicon = e.choice("mode", {"simbicon", "placement"}) == "simbicon";
            continue;
        }
        const auto& fields = walkingParamFields();
        const auto it = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return k == f.first; });
        if (it == fields.end()) {
            std::string allowed = "mode";
            for (const auto& f : fields) allowed += std::string(", ") + f.first;
            e.fail(k, "is not a walking-controller parameter", allowed);
        }
        // Angles (rad) within ±π; incline gains (rad per rad of slope) within ±10; coronal
        // balance gains and the pull to the belt's middle within 0–5 (rad per m, rad per m/s:
        // 5 rad per m turns a 0.2 m offset into a full swing); the crossover guard's width
        // within 0–0.4 m (about a leg's lateral reach); the step-speed floor within 0.05–2 m/s
        // (a positive cadence, up to a fast walk's); the centring gain within 0–1 per m·s (1 doubles
        // the gait's speed in 2 s at a metre off the middle); the push-off moment within 0–5 N·m/kg
        // (a person's plantarflexors give about 1.5, Winter 2009) from a phase of the step
        // within 0–1; the trunk's yaw assist within 0–1 and the hip's rotation budget within
        // 0–300 N·m (the controller's torque limits);
        // other gains, times and fractions non-negative and bounded.
        const bool angle = k.find("_rad") != std::string::npos || k.rfind("simbicon_hip", 0) == 0 ||
                           k.rfind("simbicon_knee", 0) == 0 || k.rfind("simbicon_ankle", 0) == 0;
        params.*(it->second) = angle                                  ? e.number(k, -kPi, kPi)
                               : k.rfind("incline_", 0) == 0          ? e.number(k, -10.0, 10.0)
                               : k.find("_lateral") != std::string::npos ? e.number(k, 0.0, 5.0)
                               : k == "min_step_width_m"              ? e.number(k, 0.0, 0.4)
                               : k == "step_speed_floor_m_per_s"      ? e.number(k, 0.05, 2.0)
                               : k == "centring_gain"                 ? e.number(k, 0.0, 1.0)
                               : k == "stance_pushoff_nm_per_kg"      ? e.number(k, 0.0, 5.0)
                               : k == "stance_pushoff_phase"          ? e.number(k, 0.0, 1.0)
                               : k == "trailing_hip_turn_damping"     ? e.number(k, 0.0, 1.0)
                               : k == "trunk_yaw_assist"              ? e.number(k, 0.0, 1.0)
                               : k == "stance_hip_rotation_budget_nm" ? e.number(k, 0.0, 300.0)
                                                                      : e.number(k, 0.0, 1e5);
    }
}

std::vector<WalkingControlDesc::Entry> parseGait(const Fields& root, const std::string& key, const WalkingParams& base) {
    std::vector<WalkingControlDesc::Entry> out;
    for (const Fields& e : root.objects(key)) {
        WalkingControlDesc::Entry entry;
        entry.params = base;
        entry.speed = e.number("speed_m_per_s", 0.0, kMaxSpeed);
        if (e.has("incline_percent")) entry.incline = e.number("incline_percent", -kMaxIncline, kMaxIncline);
        if (!out.empty() && entry.incline < out.back().incline)
            e.fail("incline_percent", "is below the previous entry's incline", "entries grouped by incline, in increasing order");
        if (!out.empty() && entry.incline == out.back().incline && entry.speed <= out.back().speed)
            e.fail("speed_m_per_s", "is not above the previous entry's speed at this incline",
                   "speeds in increasing order within an incline");
        parseParams(e, entry.params);
        // Coronal balance gains not given (here or in "common"): the entry's sagittal ones.
        entry.params.resolveCoronal();
        out.push_back(entry);
    }
    if (out.empty()) root.fail(key, "is empty", "at least one parameter set");
    return out;
}

/// Linear blend of every numeric parameter: (1 − a)·x + a·y.
WalkingParams blend(const WalkingParams& x, const WalkingParams& y, double a) {
    WalkingParams p = x;
    for (const auto& [n, m] : walkingParamFields()) p.*m = (1 - a) * x.*m + a * y.*m;
    return p;
}

/// Parameters of the entries at one incline (a contiguous run, speeds increasing), interpolated
/// in speed and held outside.
WalkingParams atSpeed(const std::vector<WalkingControlDesc::Entry>& e, double incline, double speed) {
    auto first = std::find_if(e.begin(), e.end(), [&](const auto& x) { return x.incline == incline; });
    auto last = std::find_if(first, e.end(), [&](const auto& x) { return x.incline != incline; });
    if (speed <= first->speed) return first->params;
    for (auto i = first; i + 1 != last; ++i)
        if (speed < (i + 1)->speed) return blend(i->params, (i + 1)->params, (speed - i->speed) / ((i + 1)->speed - i->speed));
    return (last - 1)->params;
}
} // namespace

WalkingControlDesc loadWalkingControl(const std::string& path) {
    const Json j = readJsonFile(path);
    if (!j.is_object()) throw InputError(path, "(root)", "is not a JSON object", "a walking-control object");
    Fields root(j, path);
    root.choice("format", {"retrogait-walking-control-1"});
    WalkingParams base;  // shared values ("common") first; each entry's values override them
    if (root.has("common")) parseParams(root.object("common"), base);
    WalkingControlDesc d;
    d.file = path;
    d.forward = parseGait(root, "forward", base);
    d.backward = parseGait(root, "backward", base);
    return d;
}

WalkingParams walkingParamsFor(const WalkingControlDesc& d, Gait gait, double speed, double incline_percent) {
    const auto& e = gait == Gait::Forward ? d.forward : d.backward;
    // the entries' inclines next to the asked one (held outside the inclines given)
    const double x = std::clamp(incline_percent, e.front().incline, e.back().incline);
    double below = e.front().incline, above = e.back().incline;
    for (const auto& entry : e) {
        if (entry.incline <= x) below = entry.incline;
        if (entry.incline >= x) above = std::min(above, entry.incline);
    }
    WalkingParams p = below == above ? atSpeed(e, below, speed)
                                     : blend(atSpeed(e, below, speed), atSpeed(e, above, speed), (x - below) / (above - below));
    p.speed = speed;
    p.gait = gait;
    return p;
}

} // namespace rg
