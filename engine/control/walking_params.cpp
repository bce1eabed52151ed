#include "engine/control/walking_params.hpp"

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
        RG_WP(simbicon_cd), RG_WP(simbicon_cv), RG_WP(height_kp), RG_WP(height_kd), RG_WP(torque_filter_hz), RG_WP(landing_pitch_rad),
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
std::vector<WalkingControlDesc::Entry> parseGait(const Fields& root, const std::string& key, const WalkingParams& base) {
    std::vector<WalkingControlDesc::Entry> out;
    for (const Fields& e : root.objects(key)) {
        WalkingControlDesc::Entry entry;
        entry.params = base;
        entry.speed = e.number("speed_m_per_s", 0.0, kMaxSpeed);
        if (!out.empty() && entry.speed <= out.back().speed)
            e.fail("speed_m_per_s", "is not above the previous entry's speed", "speeds in increasing order");
        for (const std::string& k : e.keys()) {
            if (k == "speed_m_per_s") continue;
            if (k == "mode") {
                entry.params.simbicon = e.choice("mode", {"simbicon", "placement"}) == "simbicon";
                continue;
            }
            if (k == "simbicon") e.fail(k, "is not a parameter", "\"mode\": \"simbicon\" or \"placement\"");
            // Angles in rad within ±π, gains and times non-negative and bounded.
            bool known = false;
            for (const auto& [n, m] : walkingParamFields())
                if (k == n) {
                    known = true;
                    const bool signed_value = k.find("_rad") != std::string::npos || k.rfind("simbicon_hip", 0) == 0 ||
                                              k.rfind("simbicon_knee", 0) == 0 || k.rfind("simbicon_ankle", 0) == 0;
                    entry.params.*m = signed_value ? e.number(k, -3.1416, 3.1416) : e.number(k, 0.0, 1e5);
                }
            if (!known) e.fail(k, "is not a walking-controller parameter", "the names listed in engine/control/walking_params.cpp");
        }
        out.push_back(entry);
    }
    if (out.empty()) root.fail(key, "is empty", "at least one parameter set");
    return out;
}
} // namespace

WalkingControlDesc loadWalkingControl(const std::string& path) {
    const Json j = readJsonFile(path);
    if (!j.is_object()) throw InputError(path, "(root)", "is not a JSON object", "a walking-control object");
    Fields root(j, path);
    root.choice("format", {"retrogait-walking-control-1"});
    WalkingParams base;
    if (root.has("common")) {
        // Shared values first, then per-entry values override them.
        Json wrapped = Json::object();
        wrapped["common"] = Json::array({j["common"]});
        wrapped["common"][0]["speed_m_per_s"] = 0.0;
        Fields w(wrapped, path);
        base = parseGait(w, "common", base).front().params;
    }
    WalkingControlDesc d;
    d.file = path;
    d.forward = parseGait(root, "forward", base);
    d.backward = parseGait(root, "backward", base);
    return d;
}

WalkingParams walkingParamsFor(const WalkingControlDesc& d, Gait gait, double speed) {
    const auto& e = gait == Gait::Forward ? d.forward : d.backward;
    WalkingParams p = e.front().params;
    if (speed >= e.back().speed) p = e.back().params;
    for (std::size_t i = 0; i + 1 < e.size(); ++i)
        if (speed >= e[i].speed && speed < e[i + 1].speed) {
            const double a = (speed - e[i].speed) / (e[i + 1].speed - e[i].speed);
            p = e[i].params;
            for (const auto& [n, m] : walkingParamFields()) p.*m = (1 - a) * e[i].params.*m + a * e[i + 1].params.*m;
        }
    p.speed = speed;
    p.gait = gait;
    return p;
}

} // namespace rg
