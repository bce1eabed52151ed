#include "engine/model/scene_desc.hpp"

namespace rg {

SceneDesc parseScene(const Json& j, const std::string& file) {
    if (!j.is_object()) throw InputError(file, "(root)", "is not a JSON object", "a scene object");
    Fields root(j, file);
    SceneDesc s;
    s.file = file;
    root.choice("format", {"retrogait-scene-1"});
    s.name = root.text("name");
    const std::string type = root.choice("type", {"treadmill", "overground"});
    s.surface = type == "treadmill" ? SurfaceType::Treadmill : SurfaceType::Overground;

    Fields surface = root.object("surface");
    s.friction = surface.number("friction", 0.05, 3.0);
    s.incline_percent = surface.number("incline_percent", -kMaxIncline, kMaxIncline);
    if (s.surface == SurfaceType::Treadmill) {
        s.belt_length_m = surface.number("belt_length_m", 1.0, 10.0);
        s.belt_width_m = surface.number("belt_width_m", 0.4, 3.0);
    }

    Fields walker = root.object("walker");
    s.gait = walker.choice("gait", {"forward", "backward"}) == "forward" ? Gait::Forward : Gait::Backward;
    s.speed_m_per_s = walker.number("speed_m_per_s", 0.0, kMaxSpeed);
    if (walker.has("switch_at_s")) s.switch_at_s = walker.number("switch_at_s", 0.0, kMaxDuration);
    s.switch_ramp_s = walker.number("switch_ramp_s", kMinSwitchRamp, kMaxSwitchPhase, s.switch_ramp_s);
    s.switch_stop_s = walker.number("switch_stop_s", 0.0, kMaxSwitchPhase, s.switch_stop_s);
    s.start_speed_m_per_s = walker.number("start_speed_m_per_s", 0.0, kMaxSpeed, s.start_speed_m_per_s);
    s.start_ramp_s = walker.number("start_ramp_s", 0.0, kMaxStartRamp, s.start_ramp_s);
    if (walker.has("walking_control")) s.walking_control_file = walker.filePath("walking_control", "a walking-control file");
    if (walker.has("strength_scale")) {
        const Fields st = walker.object("strength_scale");
        for (const auto& key : st.keys()) s.strength_scale[key] = st.number(key, 0.0, 10.0);
    }

    Fields sim = root.object("simulation");
    s.time_step_s = sim.number("time_step_s", kMinTimeStep, kMaxTimeStep);
    s.solver_iterations = sim.integer("solver_iterations", 1, 500);
    s.solver_warm_start = sim.number("solver_warm_start", 0.0, 1.0, s.solver_warm_start);
    s.gravity = sim.number("gravity_m_per_s2", 0.0, 30.0, 9.81);
    s.duration_s = sim.number("duration_s", s.time_step_s, kMaxDuration);

    if (root.has("pushes"))
        for (const Fields& p : root.objects("pushes")) {
            PushDesc d;
            d.start_s = p.number("start_s", 0.0, kMaxDuration);
            d.duration_s = p.number("duration_s", 0.001, 10.0);
            d.force_forward_n = p.number("force_forward_n", -2000.0, 2000.0, 0.0);
            d.force_lateral_n = p.number("force_lateral_n", -2000.0, 2000.0, 0.0);
            s.pushes.push_back(d);
        }
    if (root.has("sled") && !j["sled"].is_null()) {
        Fields sl = root.object("sled");
        SledDesc d;
        d.mass_kg = sl.number("mass_kg", 0.0, 500.0);
        d.friction = sl.number("friction", 0.0, 2.0);
        d.rope_length_m = sl.number("rope_length_m", 0.3, 10.0);
        s.sled = d;
    }
    return s;
}

SceneDesc loadSceneFile(const std::string& path) { return parseScene(readJsonFile(path), path); }

} // namespace rg
