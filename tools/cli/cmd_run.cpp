#include "cli_common.hpp"

#include "engine/core/error.hpp"
#include "engine/sim/experiment.hpp"

#include <iostream>
#include <memory>

namespace rgcli {

namespace {
struct RunArgs {
    std::string scene, model, gait, out, strength;
    std::vector<std::string> pushes;
    double switch_at = -1, switch_ramp = -1, switch_stop = -1, start_speed = -1, start_ramp = -1;
    double speed = -1, incline = -1e9, duration = -1, mass = -1, height = -1, sample_rate = 200, grf_lowpass = 20;
    std::uint64_t seed = 1;
    bool quiet = false;
};

rg::RunRequest toRequest(const RunArgs& a, CLI::App* cmd) {
    rg::RunRequest r;
    r.scene_path = a.scene;
    r.model_path = a.model;
    if (cmd->count("--gait")) r.gait = a.gait == "forward" ? rg::Gait::Forward : rg::Gait::Backward;
    if (cmd->count("--speed")) r.speed_m_per_s = a.speed;
    if (cmd->count("--incline")) r.incline_percent = a.incline;
    if (cmd->count("--duration")) r.duration_s = a.duration;
    if (cmd->count("--mass")) r.model_overrides.body_mass = a.mass;
    if (cmd->count("--height")) r.model_overrides.height = a.height;
    r.seed = a.seed;
    r.strength = a.strength;
    r.sample_rate_hz = a.sample_rate;
    r.grf_lowpass_hz = a.grf_lowpass;
    if (cmd->count("--switch-at")) r.switch_at_s = a.switch_at;
    if (cmd->count("--switch-ramp")) r.switch_ramp_s = a.switch_ramp;
    if (cmd->count("--switch-stop")) r.switch_stop_s = a.switch_stop;
    if (cmd->count("--start-speed")) r.start_speed_m_per_s = a.start_speed;
    if (cmd->count("--start-ramp")) r.start_ramp_s = a.start_ramp;
    for (const auto& p : a.pushes) r.pushes.push_back(rg::parsePushOption(p));
    return r;
}
} // namespace

namespace {
void addRunCommand(CLI::App& app) {
    auto args = std::make_shared<RunArgs>();
    CLI::App* cmd = app.add_subcommand("run", "Simulate one walk (or stand) and write its files into --out:\n"
                                              "summary.json, timeseries.csv, kinematics.mot, grf.mot");
    cmd->add_option("--scene", args->scene, "Scene JSON file (e.g. scenes/treadmill.json)")->required();
    cmd->add_option("--model", args->model, "Model JSON file (default: models/adult_walker.json)");
    cmd->add_option("--gait", args->gait, "Walking direction: forward or backward (default: the scene's)")
        ->check(CLI::IsMember({"forward", "backward"}));
    cmd->add_option("--speed", args->speed, "Walking speed relative to the surface, m/s (0 to 3; treadmill: belt speed)");
    cmd->add_option("--incline", args->incline, "Surface incline, percent grade (-30 to 30; uphill in the direction of travel)");
    cmd->add_option("--duration", args->duration, "Simulated time, s (default: the scene's)");
    cmd->add_option("--mass", args->mass, "Body mass, kg (20 to 250; rescales the model)");
    cmd->add_option("--height", args->height, "Body height, m (1.0 to 2.3; rescales the model)");
    cmd->add_option("--strength", args->strength, "Muscle strength factors on Fmax, e.g. VAS=0.5,plantarflexors=0.8\n"
                                                  "(muscle, muscle_side or group = factor 0 to 10; see 'retrogait muscles')");
    cmd->add_option("--switch-at", args->switch_at, "Change walking direction at this time, s: slow down, stop, walk the other way\n"
                                                    "(a treadmill belt reverses with it; default: the scene's walker.switch_at_s)")
        ->check(CLI::Range(0.0, rg::kMaxDuration));
    cmd->add_option("--switch-ramp", args->switch_ramp, "Direction switch: time to slow to a stop, and to reach the speed the other way, s\n"
                                                        "(0.5 to 20; default: the scene's walker.switch_ramp_s, else 2)");
    cmd->add_option("--switch-stop", args->switch_stop, "Direction switch: time stepping in place at the stop, s (0 to 20; the gait turns\n"
                                                        "at the first foot contact after half of it, and the speed-up starts half of it\n"
                                                        "later; default: the scene's walker.switch_stop_s, else 1)");
    cmd->add_option("--start-speed", args->start_speed, "Start-up: speed at the start, m/s (0 to 3; the belt and the walker then speed up\n"
                                                        "to --speed over --start-ramp; default: the scene's walker.start_speed_m_per_s)");
    cmd->add_option("--start-ramp", args->start_ramp, "Start-up: time to reach --speed from --start-speed, s (0 to 60; 0: no ramp;\n"
                                                      "default: the scene's walker.start_ramp_s, else 0)");
    cmd->add_option("--push", args->pushes, "Push on the pelvis, TIME:DIRECTION[:FORCE_N[:DURATION_S]] (repeatable);\n"
                                            "DIRECTION forward|backward|left|right, default 100 N for 0.2 s, e.g. --push 8:left");
    cmd->add_option("--seed", args->seed, "Random seed (same inputs and seed give identical files)");
    cmd->add_option("--sample-rate", args->sample_rate, "Rows per second in the time-series files, Hz (default 200)");
    cmd->add_option("--grf-lowpass", args->grf_lowpass, "Cut-off of the zero-lag low-pass for grf_bw_lowpass and the interval joint\n"
                                                        "contact forces, Hz (1 to below half the sample rate; default 20)");
    cmd->add_option("--out", args->out, "Output folder (replaced when the run completes)")->required();
    cmd->add_flag("--quiet,-q", args->quiet, "No progress output");
    cmd->callback([args, cmd]() {
        const rg::RunSetup setup = rg::prepareRun(toRequest(*args, cmd));
        auto progress = [&](double t, double T) {
            if (!args->quiet) std::cerr << "\r  simulated " << int(t) << " / " << int(T + 0.5) << " s" << std::flush;
        };
        const rg::RunResult result = rg::executeRun(setup, progress);
        if (!args->quiet) std::cerr << "\r";
        rg::writeRunFiles(result, *setup.model, args->out);
        const auto& s = result.summary;
        std::cout << "run: " << s["status"].get<std::string>() << " after " << s["sim_time_s"].get<double>() << " s"
                  << (s["end_reason"].is_null() ? "" : " (" + s["end_reason"].get<std::string>() + ")")
                  << ", " << s["real_time_factor"] << "x real time\n"
                  << "wrote " << args->out << "/ (summary.json, timeseries.csv, OpenSim .mot/.sto files, gait-cycle tables)\n";
    });
}

Registrar registerRun(10, addRunCommand);
} // namespace
} // namespace rgcli
