#include "engine/sim/summary.hpp"

namespace rg {

nlohmann::json summarySkeleton() {
    using nlohmann::json;
    json n = nullptr;
    auto obj = [&](std::initializer_list<const char*> keys) {
        json o = json::object();
        for (const char* k : keys) o[k] = n;
        return o;
    };
    json s = json::object();
    for (const char* k : {"gait", "speed_m_per_s", "incline_percent", "scene", "fell", "sim_time_s", "wall_time_s",
                          "real_time_factor", "strides", "cadence_steps_per_min", "stride_length_m", "stance_percent",
                          "double_support_percent"})
        s[k] = n;
    s["grf_bw"] = obj({"peak1", "trough", "peak2"});
    s["grf_bw_lowpass"] = obj({"peak1", "trough", "peak2"});
    s["joint_rom_deg"] = obj({"hip", "knee", "ankle"});
    s["peak_knee_flexion_deg"] = n;
    s["peak_moment_nm_per_kg"] = obj({"hip_extension", "hip_flexion", "knee_extension", "knee_flexion", "ankle_plantarflexion"});
    s["positive_work_j_per_kg_per_stride"] = obj({"hip", "knee", "ankle"});
    s["negative_work_j_per_kg_per_stride"] = obj({"hip", "knee", "ankle"});
    s["peak_joint_contact_force_bw"] = obj({"hip", "knee", "ankle", "patellofemoral", "lumbar"});
    s["peak_joint_contact_force_bw_lowpass"] = obj({"hip", "knee", "ankle", "patellofemoral", "lumbar"});
    s["mean_activation"] = obj({"GLU", "HAM", "VAS", "RF", "GAS", "SOL", "TA", "HFL", "BFSH", "HAB", "HAD"});
    s["metabolic_power_w_per_kg"] = n;
    s["cost_of_transport_j_per_kg_per_m"] = n;
    s["reserve_moment_ratio"] = n;
    s["torque_shortfall_ratio"] = n;
    s["margin_of_stability_m"] = obj({"anterior", "posterior", "medial_lateral"});
    s["min_foot_clearance_m"] = n;
    return s;
}

std::vector<std::string> summaryNumericKeys() {
    std::vector<std::string> keys;
    const auto s = summarySkeleton();
    for (auto it = s.begin(); it != s.end(); ++it) {
        if (it.value().is_object()) {
            for (auto jt = it.value().begin(); jt != it.value().end(); ++jt) keys.push_back(it.key() + "." + jt.key());
        } else if (it.key() != "gait" && it.key() != "scene" && it.key() != "fell") {
            keys.push_back(it.key());
        }
    }
    return keys;
}

} // namespace rg
