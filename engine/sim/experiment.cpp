#include "engine/sim/experiment.hpp"

#include "engine/muscle/muscle_set.hpp"

#include "engine/control/walking_params.hpp"
#include "engine/sim/factory.hpp"
#include "engine/analysis/gait_events.hpp"
#include "engine/io/external_loads.hpp"
#include "engine/io/output_dir.hpp"
#include "engine/sim/recorder.hpp"
#include "engine/sim/summary.hpp"

#include "engine/core/units.hpp"

#include <chrono>
#include <filesystem>
#include <limits>
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

void checkLowpassCutoff(double cutoff_hz, double sample_rate_hz) {
    if (!(cutoff_hz >= 1.0 && cutoff_hz < 0.5 * sample_rate_hz)) {
        std::ostringstream v, a;
        v << "value " << cutoff_hz << " is out of range";
        a << "a number from 1 Hz to below half the sample rate (" << 0.5 * sample_rate_hz << " Hz at --sample-rate " << sample_rate_hz << ")";
        throw InputError("command line", "--grf-lowpass", v.str(), a.str());
    }
}

RunSetup prepareRun(const RunRequest& req) {
    RunSetup s;
    s.request = req;
    if (req.speed_m_per_s) checkOptionRange("--speed", *req.speed_m_per_s, 0.0, kMaxSpeed, "m/s");
    if (req.incline_percent) checkOptionRange("--incline", *req.incline_percent, -kMaxIncline, kMaxIncline, "percent grade");
    if (req.duration_s) checkOptionRange("--duration", *req.duration_s, 0.001, kMaxDuration, "s");
    checkOptionRange("--sample-rate", req.sample_rate_hz, 1.0, 10000.0, "Hz");
    checkLowpassCutoff(req.grf_lowpass_hz, req.sample_rate_hz);
    if (req.switch_ramp_s) checkOptionRange("--switch-ramp", *req.switch_ramp_s, kMinSwitchRamp, kMaxSwitchPhase, "s");
    if (req.switch_stop_s) checkOptionRange("--switch-stop", *req.switch_stop_s, 0.0, kMaxSwitchPhase, "s");
    if (req.start_speed_m_per_s) checkOptionRange("--start-speed", *req.start_speed_m_per_s, 0.0, kMaxSpeed, "m/s");
    if (req.start_ramp_s) checkOptionRange("--start-ramp", *req.start_ramp_s, 0.0, kMaxStartRamp, "s");
    if (req.scene_path.empty()) throw InputError("command line", "--scene", "is required", "a scene JSON file, e.g. scenes/treadmill.json");
    s.scene = loadSceneFile(req.scene_path);
    if (req.gait) s.scene.gait = *req.gait;
    if (req.speed_m_per_s) s.scene.speed_m_per_s = *req.speed_m_per_s;
    if (req.incline_percent) s.scene.incline_percent = *req.incline_percent;
    if (req.switch_at_s) s.scene.switch_at_s = *req.switch_at_s;
    if (req.switch_ramp_s) s.scene.switch_ramp_s = *req.switch_ramp_s;
    if (req.switch_stop_s) s.scene.switch_stop_s = *req.switch_stop_s;
    if (req.start_speed_m_per_s) s.scene.start_speed_m_per_s = *req.start_speed_m_per_s;
    if (req.start_ramp_s) s.scene.start_ramp_s = *req.start_ramp_s;
    for (const auto& p : req.pushes) s.scene.pushes.push_back(p);
    s.duration_s = req.duration_s ? *req.duration_s : s.scene.duration_s;
    const std::string model_path = req.model_path.empty() ? defaultModelPath() : req.model_path;
    s.model = Model::build(loadModelFile(model_path, req.model_overrides));
    for (const auto& [name, factor] : parseStrengthScale(req.strength)) s.scene.strength_scale[name] = factor;
    if (s.model->desc().muscles.is_array() && !s.model->desc().muscles.empty())
        MuscleSet::build(*s.model, s.scene.strength_scale, "scene " + s.scene.file + " or --strength");  // validates names
    else if (!s.scene.strength_scale.empty())
        throw InputError("command line", "--strength", "the model has no muscles", "a model with a muscles section");
    // The walking-control file is checked here, before any output or simulation.
    if (s.scene.speed_m_per_s > 0) loadWalkingControl(walkingControlFile(*s.model, s.scene));
    return s;
}

PushDesc parsePushOption(const std::string& text) {
    const std::string allowed = "TIME:DIRECTION[:FORCE_N[:DURATION_S]], DIRECTION one of forward, backward, left, right; "
                                "e.g. 8:left or 8:forward:100:0.2";
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i)
        if (i == text.size() || text[i] == ':') {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    auto bad = [&](const std::string& why) { throw InputError("command line", "--push", "\"" + text + "\": " + why, allowed); };
    if (parts.size() < 2 || parts.size() > 4) bad("needs 2 to 4 fields separated by ':'");
    auto number = [&](const std::string& v, double lo, double hi, const char* what) {
        std::size_t used = 0;
        double x = 0;
        try {
            x = std::stod(v, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != v.size() || v.empty() || !(x >= lo && x <= hi))
            bad(std::string(what) + " '" + v + "' is not a number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
        return x;
    };
    PushDesc d;
    d.start_s = number(parts[0], 0.0, kMaxDuration, "time");
    const double force = parts.size() > 2 ? number(parts[2], 0.0, 2000.0, "force") : 100.0;
    d.duration_s = parts.size() > 3 ? number(parts[3], 0.001, 10.0, "duration") : 0.2;
    const std::string& dir = parts[1];
    if (dir == "forward") d.force_forward_n = force;
    else if (dir == "backward") d.force_forward_n = -force;
    else if (dir == "right") d.force_lateral_n = force;
    else if (dir == "left") d.force_lateral_n = -force;
    else bad("unknown direction '" + dir + "'");
    return d;
}

StepAccelerations::StepAccelerations(const Simulation& sim) : h_(sim.world().timeStep()) {
    std::vector<std::string> n;
    for (const auto& c : sim.model().coordinates()) n.push_back(c.name + "_acc_deg_per_s2");
    for (const char* a : {"x", "y", "z"}) n.push_back(std::string("pelvis_acc_") + a + "_m_per_s2");
    for (const char* a : {"x", "y", "z"}) n.push_back(std::string("pelvis_alpha_") + a + "_deg_per_s2");
    table_ = Table(n);
    read(sim, qd_, v_, w_);
}

void StepAccelerations::beforeStep(const Simulation& sim) { read(sim, qd_, v_, w_); }

void StepAccelerations::sampled(const Simulation& sim, const Recorder& rec) {
    if (rec.table().rows() == table_.rows()) return;
    std::vector<double> row(table_.cols(), std::numeric_limits<double>::quiet_NaN());
    if (table_.rows() > 0) {
        Eigen::VectorXd qd;
        Eigen::Vector3d v, w;
        read(sim, qd, v, w);
        std::size_t k = 0;
        for (int c = 0; c < qd.size(); ++c) row[k++] = rad2deg((qd[c] - qd_[c]) / h_);
        for (int i = 0; i < 3; ++i) row[k++] = (v[i] - v_[i]) / h_;
        for (int i = 0; i < 3; ++i) row[k++] = rad2deg((w[i] - w_[i]) / h_);
    }
    table_.addRow(row);
}

void StepAccelerations::appendTo(Table& recording) const {
    for (std::size_t c = 0; c < table_.cols(); ++c) {
        const int i = recording.addColumn(table_.names()[c]);
        recording.col(i) = table_.col(int(c));
    }
}

void StepAccelerations::read(const Simulation& sim, Eigen::VectorXd& qd, Eigen::Vector3d& v, Eigen::Vector3d& w) {
    const PhysicsWorld& pw = sim.world();
    qd = pw.velocities();
    w = pw.segmentAngularVelocity(0);
    v = pw.segmentComVelocity(0) - w.cross(pw.segmentComPosition(0) - pw.segmentPose(0).position);
}

RunResult executeRun(const RunSetup& setup, const std::function<void(double, double)>& progress) {
    std::function<void(const RunProgress&)> p;
    if (progress) p = [&](const RunProgress& r) { progress(r.time_s, r.duration_s); };
    return executeRun(setup, p);
}

RunAnalysisOptions analysisOptions(const RunSetup& setup) {
    RunAnalysisOptions o;
    o.gravity = setup.scene.gravity;
    o.incline_percent = setup.scene.incline_percent;
    o.travel = setup.scene.gait == Gait::Forward ? 1.0 : -1.0;
    o.warmup_strides = setup.request.warmup_strides;
    o.warmup_after_s = startRampEnd(setup.scene);
    o.time_step_s = setup.scene.time_step_s;
    o.grf_lowpass_hz = setup.request.grf_lowpass_hz;
    return o;
}

RunResult executeRun(const RunSetup& setup, const std::function<void(const RunProgress&)>& progress) {
    const auto wall0 = std::chrono::steady_clock::now();
    SimulationOptions opt;
    opt.seed = setup.request.seed;
    Simulation sim(setup.model, setup.scene, makeController(*setup.model, setup.scene), opt, makeActuation(*setup.model, setup.scene));
    Recorder rec(sim, 1.0 / setup.request.sample_rate_hz);
    rec.record(sim);
    StepAccelerations accelerations(sim);
    accelerations.sampled(sim, rec);
    const double eps = 0.5 * sim.world().timeStep();
    double next_report = 1.0;
    // Strides counted online, to stop after enough: the analyses' event detection (thresholds,
    // minimum phase, minimum stride) on the samples the analyses will see (the recorded rows,
    // not every physics step, whose contact forces chatter more).
    const RunAnalysisOptions aopt = analysisOptions(setup);
    const int strides_needed = setup.request.target_strides > 0 ? setup.request.warmup_strides + setup.request.target_strides : 0;
    const Eigen::Vector3d normal = sim.world().surfaceNormal();
    ContactEventDetector detector[2] = {ContactEventDetector(aopt.events), ContactEventDetector(aopt.events)};
    int counted[2] = {0, 0};   // initial contacts that start a stride (or the first)
    double last_contact[2] = {-1e9, -1e9};
    for (int s = 0; s < 2; ++s) detector[s].update(sim.time(), sim.world().foot(Side(s)).force.dot(normal));
    int strides_done = 0;
    double stop_at = setup.duration_s;
    while (sim.status() == RunStatus::Running && sim.time() + eps < stop_at) {
        accelerations.beforeStep(sim);
        sim.step();
        const std::size_t rows = rec.table().rows();
        rec.afterStep(sim);
        accelerations.sampled(sim, rec);
        const bool sampled = rec.table().rows() != rows;
        for (int s = 0; s < 2 && sampled; ++s) {
            const auto ev = detector[s].update(sim.time(), sim.world().foot(Side(s)).force.dot(normal));
            if (!ev || ev->type != GaitEventType::InitialContact || ev->time < aopt.warmup_after_s) continue;
            if (ev->time - last_contact[s] >= aopt.events.min_stride_s) ++counted[s];
            last_contact[s] = ev->time;
        }
        strides_done = std::max(0, std::min(counted[0], counted[1]) - 1);
        // Past the last initial contact, a little more so the analyses see it in the samples.
        if (strides_needed > 0 && stop_at == setup.duration_s && strides_done >= strides_needed)
            stop_at = std::min(setup.duration_s, sim.time() + 0.25);
        if (progress && sim.time() >= next_report) {
            progress({sim.time(), setup.duration_s, strides_done, strides_needed});
            next_report += 1.0;
        }
    }
    rec.record(sim);
    accelerations.sampled(sim, rec);
    sim.finish();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();

    RunResult r;
    r.status = sim.status();
    r.recording = rec.table();
    accelerations.appendTo(r.recording);
    auto& s = r.summary;
    s = summarySkeleton();
    const SceneDesc& sc = setup.scene;
    s["gait"] = gaitName(sc.gait);
    s["speed_m_per_s"] = sc.speed_m_per_s;
    s["incline_percent"] = sc.incline_percent;
    describeSimulated(s, *setup.model, sc, sim);
    s["fell"] = sim.status() == RunStatus::Fell;
    s["sim_time_s"] = sim.time();
    s["wall_time_s"] = wall;
    s["real_time_factor"] = wall > 0 ? nlohmann::json(sim.time() / wall) : nlohmann::json(nullptr);
    // Extensions of the contract.
    s["status"] = statusName(sim.status());
    s["fall_time_s"] = sim.status() == RunStatus::Completed ? nlohmann::json(nullptr) : nlohmann::json(sim.endTime());
    s["end_reason"] = sim.endReason().empty() ? nlohmann::json(nullptr) : nlohmann::json(sim.endReason());
    s["seed"] = setup.request.seed;
    const bool ramp = startRampEnd(setup.scene) > 0;
    s["start_speed_m_per_s"] = ramp ? Json(setup.scene.start_speed_m_per_s) : Json(nullptr);
    s["start_ramp_s"] = ramp ? Json(setup.scene.start_ramp_s) : Json(nullptr);
    s["switch_at_s"] = setup.scene.switch_at_s ? Json(*setup.scene.switch_at_s) : Json(nullptr);
    s["switch_ramp_s"] = setup.scene.switch_at_s ? Json(setup.scene.switch_ramp_s) : Json(nullptr);
    s["switch_stop_s"] = setup.scene.switch_at_s ? Json(setup.scene.switch_stop_s) : Json(nullptr);
    Json pushes = Json::array();
    for (const auto& p : setup.scene.pushes)
        pushes.push_back({{"start_s", p.start_s}, {"duration_s", p.duration_s}, {"force_forward_n", p.force_forward_n},
                          {"force_lateral_n", p.force_lateral_n}});
    s["pushes"] = pushes;
    s["requested_duration_s"] = setup.duration_s;
    s["sample_rate_hz"] = setup.request.sample_rate_hz;
    if (strides_needed > 0) s["target_strides"] = setup.request.target_strides;
    r.analysis = analyseRun(r.recording, *setup.model, aopt);
    mergeSummary(s, r.analysis.summary);
    return r;
}

void describeSimulated(Json& s, const Model& model, const SceneDesc& scene, const Simulation& sim) {
    s["scene"] = scene.name;
    s["scene_file"] = scene.file;
    s["model"] = model.desc().name;
    s["model_file"] = model.desc().file;
    s["body_mass_kg"] = model.bodyMass();
    s["height_m"] = model.height();
    s["controller"] = sim.controller().name();
    s["walking_control_file"] = scene.speed_m_per_s > 0 ? Json(walkingControlFile(model, scene)) : Json(nullptr);
    s["actuation"] = sim.actuation().name();
    s["time_step_s"] = scene.time_step_s;
    s["surface"] = scene.surface == SurfaceType::Treadmill ? "treadmill" : "overground";
    s["gravity_m_per_s2"] = scene.gravity;
    s["solver_iterations"] = scene.solver_iterations;
    s["solver_warm_start"] = scene.solver_warm_start;
}

Reanalysis reanalyseRunFolder(const std::string& dir, const std::string& model_path, int warmup_strides, double grf_lowpass_hz) {
    namespace fs = std::filesystem;
    const std::string summary_path = (fs::path(dir) / "summary.json").string();
    const std::string series_path = (fs::path(dir) / "timeseries.csv").string();
    std::ifstream in(summary_path);
    if (!in) throw InputError(summary_path, "(file)", "cannot be read", "a folder written by 'retrogait run'");
    nlohmann::json summary;
    try {
        in >> summary;
    } catch (const std::exception& e) {
        throw InputError(summary_path, "(file)", std::string("is not valid JSON: ") + e.what());
    }
    auto number = [&](const char* key) {
        if (!summary.contains(key) || !summary[key].is_number())
            throw InputError(summary_path, key, "is missing or not a number", "a summary written by 'retrogait run'");
        return summary[key].get<double>();
    };
    auto text = [&](const char* key) {
        if (!summary.contains(key) || !summary[key].is_string())
            throw InputError(summary_path, key, "is missing or not a string", "a summary written by 'retrogait run'");
        return summary[key].get<std::string>();
    };
    ModelOverrides mo;
    mo.body_mass = number("body_mass_kg");
    mo.height = number("height_m");
    Reanalysis out;
    out.model = Model::build(loadModelFile(model_path.empty() ? text("model_file") : model_path, mo));
    if (!fs::exists(series_path)) throw InputError(series_path, "(file)", "does not exist", "a folder written by 'retrogait run'");
    out.result.recording = readCsv(series_path);
    RunAnalysisOptions o;
    const std::string gait = text("gait");
    if (gait != "forward" && gait != "backward") throw InputError(summary_path, "gait", "is \"" + gait + "\"", "forward or backward");
    o.travel = gait == "forward" ? 1.0 : -1.0;
    o.incline_percent = number("incline_percent");
    o.gravity = summary.contains("gravity_m_per_s2") ? number("gravity_m_per_s2") : kGravity;
    o.time_step_s = number("time_step_s");
    o.warmup_strides = warmup_strides;
    if (grf_lowpass_hz > 0) o.grf_lowpass_hz = grf_lowpass_hz;
    else if (summary.contains("grf_lowpass_hz") && summary["grf_lowpass_hz"].is_number()) o.grf_lowpass_hz = number("grf_lowpass_hz");
    if (summary.contains("start_ramp_s") && !summary["start_ramp_s"].is_null()) o.warmup_after_s = number("start_ramp_s");
    out.result.analysis = analyseRun(out.result.recording, *out.model, o, series_path);
    out.result.summary = summary;
    mergeSummary(out.result.summary, out.result.analysis.summary);
    const std::string status = summary.value("status", std::string("completed"));
    out.result.status = status == "fell" ? RunStatus::Fell : status == "numerical_failure" ? RunStatus::NumericalFailure : RunStatus::Completed;
    return out;
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
    writeExternalLoadsXml(out.file("external_loads.xml"), "grf.mot");
    {
        // Muscle activations and forces (and reserves and metabolic power when recorded).
        std::vector<std::string> from{"time_s"}, to{"time"};
        auto endsWith = [](const std::string& c, const std::string& e) {
            return c.size() >= e.size() && c.compare(c.size() - e.size(), e.size(), e) == 0;
        };
        for (const auto& c : r.recording.names()) {
            if (endsWith(c, "_activation") || endsWith(c, "_force_n") || c.rfind("reserve_", 0) == 0 || c == "metabolic_power_w") {
                from.push_back(c);
                to.push_back(c);
            }
        }
        writeOpenSim(r.recording.select(from, to), out.file("muscles.sto"), "muscles", false);
    }
    const RunAnalysis& a = r.analysis;
    writeOpenSim(a.joint_moments, out.file("joint_moments.sto"), "inverse dynamics", false);
    writeOpenSim(a.joint_contact, out.file("joint_contact_forces.sto"), "joint contact forces", false);
    writeCsv(a.cycle, out.file("gait_cycle.csv"));
    a.stride_table.writeCsv(out.file("strides.csv"));
    a.step_table.writeCsv(out.file("steps.csv"));
    a.muscle_table.writeCsv(out.file("muscle_recruitment.csv"));
    out.commit();
}

} // namespace rg
