#include "session.hpp"

#include "engine/core/units.hpp"
#include "engine/sim/factory.hpp"
#include "engine/sim/summary.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

// The muscle module (engine/muscle) draws the muscles and lets the panel set their strength.
#if __has_include("engine/muscle/muscle_actuation.hpp")
#include "engine/muscle/muscle_actuation.hpp"
#define RG_STUDIO_MUSCLES 1
#endif

namespace studio {

namespace {
double wallSeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
/// The muscles plotted, when the actuation has them: the ones an educator points at first.
const char* kPlottedMuscles[] = {"GLU", "HAM", "VAS", "RF", "GAS", "SOL", "TA", "HFL"};
} // namespace

namespace {
std::unique_ptr<rg::Actuation> makeStudioActuation(const rg::Model& model, const rg::SceneDesc& scene,
                                                   const std::map<std::string, double>& strength) {
#ifdef RG_STUDIO_MUSCLES
    // Strength factors need the muscles built with them; otherwise the engine's usual choice.
    if (!strength.empty() && model.desc().muscles.is_array() && !model.desc().muscles.empty())
        return std::make_unique<rg::MuscleActuation>(model, rg::StrengthScale(strength.begin(), strength.end()));
#endif
    (void)strength;
    return rg::makeActuation(model, scene);
}
} // namespace

SimSession::SimSession(std::shared_ptr<const rg::Model> model, const rg::SceneDesc& scene, std::uint64_t seed,
                       std::string label, const std::map<std::string, double>& strength)
    : model_(std::move(model)), scene_(scene), label_(std::move(label)) {
    rg::SimulationOptions opt;
    opt.seed = seed;
    sim_ = std::make_unique<rg::Simulation>(model_, scene_, rg::makeController(*model_, scene_), opt,
                                            makeStudioActuation(*model_, scene_, strength));
    gait_ = scene_.gait;
    speed_ = scene_.surface == rg::SurfaceType::Treadmill ? scene_.speed_m_per_s : 0.0;
    plot_every_ = std::max(1, int(std::lround(0.01 / scene_.time_step_s)));
    setupPlots();
}

void SimSession::setupPlots() {
    const rg::Model& m = *model_;
    channels_.clear();
    groups_.clear();
    coord_ = {m.coordinateIndex("hip_flexion_r"), m.coordinateIndex("knee_angle_r"), m.coordinateIndex("ankle_angle_r")};
    PlotGroup angles{"Joint angles R", "deg", {}};
    PlotGroup moments{"Joint moments R", "N·m/kg", {}};
    const char* angle_names[3] = {"hip flex", "knee flex", "ankle dorsi"};
    const char* moment_names[3] = {"hip flex", "knee ext", "ankle plantar"};
    for (int i = 0; i < 3; ++i) {
        if (coord_[i] < 0) continue;
        angles.channels.push_back(int(channels_.size()));
        channels_.push_back(angle_names[i]);
    }
    for (int i = 0; i < 3; ++i) {
        if (coord_[i] < 0) continue;
        moments.channels.push_back(int(channels_.size()));
        channels_.push_back(moment_names[i]);
    }
    PlotGroup grf{"Ground reaction force", "BW", {}};
    for (const char* n : {"vertical R", "vertical L", "fore-aft R"}) {
        grf.channels.push_back(int(channels_.size()));
        channels_.push_back(n);
    }
    PlotGroup act{"Activations R", "0-1", {}};
    activation_channels_.clear();
    const auto names = sim_->actuation().channelNames();
    for (const char* mu : kPlottedMuscles)
        for (int k = 0; k < int(names.size()); ++k)
            if (names[k] == std::string(mu) + "_r_activation") {
                activation_channels_.push_back(k);
                act.channels.push_back(int(channels_.size()));
                channels_.push_back(mu);
            }
    groups_ = {angles, moments, grf};
    if (!act.channels.empty()) groups_.push_back(act);
}

void SimSession::samplePlots() {
    const rg::PhysicsWorld& w = sim_->world();
    PlotRow r;
    r.time_s = w.time();
    r.right_vertical_grf_n = w.foot(rg::kRight).force.y();
    r.gait = gait_;
    r.values.reserve(channels_.size());
    const double mass = model_->bodyMass();
    const double bw = mass * scene_.gravity;
    // Gait2392 signs to ISB: knee_angle is negative in flexion.
    const double angle_sign[3] = {1, -1, 1};
    const double moment_sign[3] = {1, 1, -1};
    for (int i = 0; i < 3; ++i)
        if (coord_[i] >= 0) r.values.push_back(angle_sign[i] * rg::rad2deg(w.q(coord_[i])));
    for (int i = 0; i < 3; ++i)
        if (coord_[i] >= 0) r.values.push_back(moment_sign[i] * sim_->appliedTorques()[coord_[i]] / mass);
    r.values.push_back(w.foot(rg::kRight).force.y() / bw);
    r.values.push_back(w.foot(rg::kLeft).force.y() / bw);
    r.values.push_back(w.foot(rg::kRight).force.x() / bw);
    if (!activation_channels_.empty()) {
        actuation_values_.clear();
        sim_->actuation().channelValues(actuation_values_);
        for (int k : activation_channels_) r.values.push_back(actuation_values_[k]);
    }
    rows_.push_back(std::move(r));
}

std::vector<PlotRow> SimSession::takePlotRows() {
    std::vector<PlotRow> out;
    out.swap(rows_);
    return out;
}

void SimSession::step() {
    if (sim_->status() != rg::RunStatus::Running) return;
    rg::PhysicsWorld& w = sim_->world();
    if (w.time() < push_until_) w.addPelvisForce(push_);
    sim_->step();
    belt_travel_ += w.beltSpeed() * w.timeStep();
    ++steps_;
    if (steps_ % plot_every_ == 0) samplePlots();
    if (recorder_) recorder_->afterStep(*sim_);
}

void SimSession::push(const Eigen::Vector3d& f, double duration) {
    push_ = f;
    push_until_ = sim_->time() + duration;
}

void SimSession::setSpeed(double v) {
    speed_ = v;
    const double travel = gait_ == rg::Gait::Forward ? 1.0 : -1.0;
    sim_->world().setBeltSpeed(travel * v);
}

void SimSession::setGait(rg::Gait g) {
    gait_ = g;
    setSpeed(speed_);
}

bool SimSession::setExcitationOverride(std::optional<double> e) {
#ifdef RG_STUDIO_MUSCLES
    if (auto* m = dynamic_cast<rg::MuscleActuation*>(&sim_->actuation())) {
        if (e) m->setExcitationOverride(Eigen::VectorXd::Constant(m->muscles().size(), std::clamp(*e, 0.0, 1.0)));
        else m->setExcitationOverride(std::nullopt);
        return true;
    }
#endif
    (void)e;
    return false;
}

std::vector<std::string> SimSession::muscleGroups() const {
    std::vector<std::string> groups;
#ifdef RG_STUDIO_MUSCLES
    if (const auto* m = dynamic_cast<const rg::MuscleActuation*>(&sim_->actuation()))
        for (const auto& mu : m->muscles().muscles())
            for (const auto& g : mu.groups)
                if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
#endif
    return groups;
}

std::vector<rg::MuscleView> SimSession::muscleViews() const {
    std::vector<rg::MuscleView> out;
#ifdef RG_STUDIO_MUSCLES
    if (const auto* m = dynamic_cast<const rg::MuscleActuation*>(&sim_->actuation()))
        for (auto& d : m->drawList(sim_->world())) out.push_back({d.name, std::move(d.points), d.activation, d.force_n});
#endif
    return out;
}

rg::DrawList SimSession::drawList(const rg::DrawOptions& o) const {
    rg::WalkerFrame f;
    f.world = &sim_->world();
    f.belt_travel_m = belt_travel_;
    f.muscles = muscleViews();
    if (sim_->time() < push_until_) f.push_n = push_;
    return rg::buildDrawList(f, o);
}

void SimSession::startRecording() {
    recorder_ = std::make_unique<rg::Recorder>(*sim_, 1.0 / 200.0);
    recorder_->record(*sim_);
    record_start_s_ = sim_->time();
    record_wall_start_ = wallSeconds();
}

nlohmann::json SimSession::stopRecording(const std::string& dir) {
    if (!recorder_) throw std::runtime_error("not recording");
    recorder_->record(*sim_);
    rg::RunResult r;
    r.status = sim_->status() == rg::RunStatus::Running ? rg::RunStatus::Completed : sim_->status();
    r.recording = recorder_->table();
    recorder_.reset();
    const double wall = wallSeconds() - record_wall_start_;
    const double simulated = sim_->time() - record_start_s_;
    auto& s = r.summary;
    s = rg::summarySkeleton();
    s["gait"] = rg::gaitName(gait_);
    s["speed_m_per_s"] = scene_.surface == rg::SurfaceType::Treadmill ? speed_ : scene_.speed_m_per_s;
    s["incline_percent"] = scene_.incline_percent;
    s["scene"] = scene_.name;
    s["fell"] = sim_->status() == rg::RunStatus::Fell;
    s["sim_time_s"] = simulated;
    // The studio runs at real time (× the playback speed): wall time is the session's.
    s["wall_time_s"] = wall;
    s["real_time_factor"] = wall > 0 ? nlohmann::json(simulated / wall) : nlohmann::json(nullptr);
    s["status"] = rg::statusName(r.status);
    s["fall_time_s"] = r.status == rg::RunStatus::Completed ? nlohmann::json(nullptr) : nlohmann::json(sim_->endTime());
    s["end_reason"] = sim_->endReason().empty() ? nlohmann::json(nullptr) : nlohmann::json(sim_->endReason());
    s["scene_file"] = scene_.file;
    s["model"] = model_->desc().name;
    s["model_file"] = model_->desc().file;
    s["body_mass_kg"] = model_->bodyMass();
    s["height_m"] = model_->height();
    s["controller"] = sim_->controller().name();
    s["actuation"] = sim_->actuation().name();
    s["time_step_s"] = scene_.time_step_s;
    s["surface"] = scene_.surface == rg::SurfaceType::Treadmill ? "treadmill" : "overground";
    s["recorded_from_s"] = record_start_s_;
    s["source"] = "retrogait-studio";
    rg::writeRunFiles(r, *model_, dir);
    return s;
}

} // namespace studio
