#include "engine/sim/experiment.hpp"

#include "engine/sim/factory.hpp"
#include "engine/io/output_dir.hpp"
#include "engine/sim/recorder.hpp"
#include "engine/sim/summary.hpp"

#include <chrono>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace rg {

void checkOptionRange(const std::string& option, double value, double lo, double hi, const std::string& unit) {
    if (!(value >= lo && value <= hi)) {
        std::ostringstream v, a;
        v << "value " << value << " is out of range";
        a << "a number from " << lo << " to " << hi << " (" << unit << ")";
        throw InputError("command line", option, v.str(), a.str());
    }
}

RunSetup prepareRun(const RunRequest& req) {
    RunSetup s;
    s.request = req;
    if (req.speed_m_per_s) checkOptionRange("--speed", *req.speed_m_per_s, 0.0, kMaxSpeed, "m/s");
    if (req.incline_percent) checkOptionRange("--incline", *req.incline_percent, -kMaxIncline, kMaxIncline, "percent grade");
    if (req.duration_s) checkOptionRange("--duration", *req.duration_s, 0.001, kMaxDuration, "s");
    checkOptionRange("--sample-rate", req.sample_rate_hz, 1.0, 10000.0, "Hz");
    if (req.scene_path.empty()) throw InputError("command line", "--scene", "is required", "a scene JSON file, e.g. scenes/treadmill.json");
    s.scene = loadSceneFile(req.scene_path);
    if (req.gait) s.scene.gait = *req.gait;
    if (req.speed_m_per_s) s.scene.speed_m_per_s = *req.speed_m_per_s;
    if (req.incline_percent) s.scene.incline_percent = *req.incline_percent;
    s.duration_s = req.duration_s ? *req.duration_s : s.scene.duration_s;
    const std::string model_path = req.model_path.empty() ? defaultModelPath() : req.model_path;
    s.model = Model::build(loadModelFile(model_path, req.model_overrides));
    return s;
}

RunResult executeRun(const RunSetup& setup, const std::function<void(double, double)>& progress) {
    const auto wall0 = std::chrono::steady_clock::now();
    SimulationOptions opt;
    opt.seed = setup.request.seed;
    auto controller = makeController(*setup.model, setup.scene);
    const std::string controller_name = controller->name();
    Simulation sim(setup.model, setup.scene, std::move(controller), opt, makeActuation(*setup.model, setup.scene));
    Recorder rec(sim, 1.0 / setup.request.sample_rate_hz);
    rec.record(sim);
    const double eps = 0.5 * sim.world().timeStep();
    double next_report = 1.0;
    while (sim.status() == RunStatus::Running && sim.time() + eps < setup.duration_s) {
        sim.step();
        rec.afterStep(sim);
        if (progress && sim.time() >= next_report) {
            progress(sim.time(), setup.duration_s);
            next_report += 1.0;
        }
    }
    rec.record(sim);
    sim.finish();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();

    RunResult r;
    r.status = sim.status();
    r.recording = rec.table();
    auto& s = r.summary;
    s = summarySkeleton();
    const SceneDesc& sc = setup.scene;
    s["gait"] = gaitName(sc.gait);
    s["speed_m_per_s"] = sc.speed_m_per_s;
    s["incline_percent"] = sc.incline_percent;
    s["scene"] = sc.name;
    s["fell"] = sim.status() == RunStatus::Fell;
    s["sim_time_s"] = sim.time();
    s["wall_time_s"] = wall;
    s["real_time_factor"] = wall > 0 ? nlohmann::json(sim.time() / wall) : nlohmann::json(nullptr);
    // Extensions of the contract.
    s["status"] = statusName(sim.status());
    s["fall_time_s"] = sim.status() == RunStatus::Completed ? nlohmann::json(nullptr) : nlohmann::json(sim.endTime());
    s["end_reason"] = sim.endReason().empty() ? nlohmann::json(nullptr) : nlohmann::json(sim.endReason());
    s["scene_file"] = sc.file;
    s["model"] = setup.model->desc().name;
    s["model_file"] = setup.model->desc().file;
    s["body_mass_kg"] = setup.model->bodyMass();
    s["height_m"] = setup.model->height();
    s["controller"] = controller_name;
    s["actuation"] = sim.actuation().name();
    s["seed"] = setup.request.seed;
    s["time_step_s"] = sc.time_step_s;
    s["requested_duration_s"] = setup.duration_s;
    s["surface"] = sc.surface == SurfaceType::Treadmill ? "treadmill" : "overground";
    return r;
}

void writeRunFiles(const RunResult& r, const Model& model, const std::string& dir) {
    OutputDir out(dir);
    {
        std::ofstream f(out.file("summary.json"));
        f << std::setw(2) << r.summary << "\n";
        if (!f) throw std::runtime_error("cannot write summary.json in " + dir);
    }
    writeCsv(r.recording, out.file("timeseries.csv"));
    writeOpenSim(kinematicsTable(r.recording, model), out.file("kinematics.mot"), "kinematics", true);
    writeOpenSim(grfTable(r.recording), out.file("grf.mot"), "grf", false);
    out.commit();
}

} // namespace rg
