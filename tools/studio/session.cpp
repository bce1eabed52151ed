#include "session.hpp"

#include "engine/control/walking_controller.hpp"
#include "engine/core/units.hpp"
#include "engine/muscle/muscle_actuation.hpp"
#include "engine/sim/factory.hpp"
#include "engine/analysis/inverse_dynamics.hpp"
#include "engine/analysis/joint_contact.hpp"
#include "engine/analysis/run_analysis.hpp"
#include "engine/sim/summary.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>


namespace studio {

namespace {
double wallSeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
/// The muscles plotted, when the actuation has them: the ones an educator points at first.
const char* kPlottedMuscles[] = {"GLU", "HAM", "VAS", "RF", "GAS", "SOL", "TA", "HFL"};
} // namespace

SimSession::SimSession(std::shared_ptr<const rg::Model> model, const rg::SceneDesc& scene, std::uint64_t seed,
                       std::string label)
    : model_(std::move(model)), scene_(scene), label_(std::move(label)), seed_(seed) {
    rg::SimulationOptions opt;
    opt.seed = seed;
    sim_ = std::make_unique<rg::Simulation>(model_, scene_, rg::makeController(*model_, scene_), opt,
                                            rg::makeActuation(*model_, scene_));
    gait_ = scene_.gait;
    speed_ = scene_.surface == rg::SurfaceType::Treadmill ? scene_.speed_m_per_s : 0.0;
    plot_every_ = std::max(1, int(std::lround(0.01 / scene_.time_step_s)));
    joint_contact_every_ = std::max(1, int(std::lround(0.04 / scene_.time_step_s)));
    setupPlots();
}

void SimSession::setupPlots() {
    const rg::Model& m = *model_;
    channels_.clear();
    groups_.clear();
    coord_ = {m.coordinateIndex("hip_flexion_r"), m.coordinateIndex("knee_angle_r"), m.coordinateIndex("ankle_angle_r")};
    PlotGroup angles{"Angles R", "deg", {}};
    PlotGroup moments{"Moments R", "N·m/kg", {}};
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
    PlotGroup grf{"Ground reaction", "BW", {}};
    for (const char* n : {"vertical R", "vertical L", "fore-aft R"}) {
        grf.channels.push_back(int(channels_.size()));
        channels_.push_back(n);
    }
    PlotGroup act{"Activations R", "", {}};
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
    if (accelerations_) accelerations_->beforeStep(*sim_);
    const bool contact_due = joint_contact_every_ > 0 && (steps_ + 1) % joint_contact_every_ == 0;
    if (contact_due) {
        // A recording of this step (the state before it, then after it with the step's
        // accelerations), for the analyses' joint contact forces.
        contact_recorder_ = std::make_unique<rg::Recorder>(*sim_, w.timeStep());
        contact_recorder_->record(*sim_);
        contact_accelerations_ = std::make_unique<rg::StepAccelerations>(*sim_);
        contact_accelerations_->sampled(*sim_, *contact_recorder_);
        contact_accelerations_->beforeStep(*sim_);
    }
    sim_->step();
    belt_travel_ += w.beltSpeed() * w.timeStep();
    ++steps_;
    if (contact_due) updateJointContact();
    if (steps_ % plot_every_ == 0) samplePlots();
    if (recorder_) {
        recorder_->afterStep(*sim_);
        accelerations_->sampled(*sim_, *recorder_);
    }
}

void SimSession::updateJointContact() {
    contact_recorder_->afterStep(*sim_);
    contact_accelerations_->sampled(*sim_, *contact_recorder_);
    rg::Table t = contact_recorder_->table();
    contact_accelerations_->appendTo(t);
    contact_recorder_.reset();
    contact_accelerations_.reset();
    try {
        // Inverse dynamics of exactly this step, then the muscles' compression on top of the
        // net joint reaction (engine/analysis, as `retrogait run` computes them).
        const rg::Recording rec(t, *model_, "studio");
        const double dt = sim_->world().timeStep();
        const auto ids = rg::inverseDynamicsOfRecording(rec, scene_.gravity, rg::Differencing::RecordedStep, dt);
        // As the run's analyses do: the walker's muscle set (crossings and lines of action along
        // the muscle paths) when it has muscles.
        const auto* muscles = dynamic_cast<const rg::MuscleActuation*>(&sim_->actuation());
        if (!crossings_ready_) {
            crossings_ = muscles ? rg::musclesCrossingJoints(*model_, muscles->muscles(), t)
                                 : rg::musclesCrossingJoints(*model_, t);
            crossings_ready_ = true;
        }
        const double bw = model_->bodyMass() * scene_.gravity;
        const rg::Table jc =
            muscles ? rg::jointContactForces(rec, ids.joint_loads, crossings_, bw, rg::pathLineOfAction(muscles->muscles()))
                    : rg::jointContactForces(rec, ids.joint_loads, crossings_, bw);
        joint_loads_.clear();
        const auto& joints = model_->joints();
        for (const auto& j : joints) {
            const std::string c = j.name + "_contact_";
            if (!jc.has(c + "x_n") || jc.rows() < 2) continue;
            rg::JointLoadView v;
            v.name = j.name;
            v.centre = sim_->world().segmentPose(j.child).position;  // the child's origin is the joint centre
            v.force_n = {jc.col(c + "x_n")[1], jc.col(c + "y_n")[1], jc.col(c + "z_n")[1]};  // after the step
            if (v.force_n.allFinite()) joint_loads_.push_back(v);
        }
    } catch (const std::exception&) {
        // A state the analyses cannot take (e.g. a numerical failure): no arrows this time.
        joint_loads_.clear();
    }
}

void SimSession::push(const Eigen::Vector3d& f, double duration) {
    rg::PushDesc p;
    p.start_s = sim_->time();
    p.duration_s = duration;
    p.force_forward_n = f.x();
    p.force_lateral_n = f.z();
    sim_->addPush(p);
}

void SimSession::setGait(rg::Gait g) {
    gait_ = g;
    setSpeed(speed_);
    // The walking controller turns around; the posture controller (standing) needs nothing.
    if (auto* w = dynamic_cast<rg::WalkingController*>(&sim_->controller())) w->setGait(g);
}

void SimSession::setSpeed(double v) {
    speed_ = v;
    const double travel = gait_ == rg::Gait::Forward ? 1.0 : -1.0;
    sim_->world().setBeltSpeed(travel * v);
    if (auto* w = dynamic_cast<rg::WalkingController*>(&sim_->controller())) w->params().speed = v;
}

bool SimSession::setExcitationOverride(std::optional<double> e) {
    if (auto* m = dynamic_cast<rg::MuscleActuation*>(&sim_->actuation())) {
        if (e) m->setExcitationOverride(Eigen::VectorXd::Constant(m->muscles().size(), std::clamp(*e, 0.0, 1.0)));
        else m->setExcitationOverride(std::nullopt);
        return true;
    }
    return false;
}

std::vector<std::string> SimSession::muscleGroups() const {
    std::vector<std::string> groups;
    if (const auto* m = dynamic_cast<const rg::MuscleActuation*>(&sim_->actuation()))
        for (const auto& mu : m->muscles().muscles())
            for (const auto& g : mu.groups)
                if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
    return groups;
}

std::vector<rg::MuscleView> SimSession::muscleViews() const {
    std::vector<rg::MuscleView> out;
    if (const auto* m = dynamic_cast<const rg::MuscleActuation*>(&sim_->actuation()))
        for (auto& d : m->drawList(sim_->world())) out.push_back({d.name, std::move(d.points), d.activation, d.force_n});
    return out;
}

rg::DrawList SimSession::drawList(const rg::DrawOptions& o) const {
    rg::WalkerFrame f;
    f.world = &sim_->world();
    f.belt_travel_m = belt_travel_;
    f.muscles = muscleViews();
    f.push_n = sim_->pelvisForce();
    f.joint_loads = joint_loads_;
    return rg::buildDrawList(f, o);
}

void SimSession::startRecording() {
    recorder_ = std::make_unique<rg::Recorder>(*sim_, 1.0 / 200.0);
    recorder_->record(*sim_);
    accelerations_ = std::make_unique<rg::StepAccelerations>(*sim_);
    accelerations_->sampled(*sim_, *recorder_);
    record_start_s_ = sim_->time();
    record_wall_start_ = wallSeconds();
}

nlohmann::json SimSession::stopRecording(const std::string& dir) {
    if (!recorder_) throw std::runtime_error("not recording");
    recorder_->record(*sim_);
    accelerations_->sampled(*sim_, *recorder_);
    rg::RunResult r;
    r.status = sim_->status() == rg::RunStatus::Running ? rg::RunStatus::Completed : sim_->status();
    r.recording = recorder_->table();
    accelerations_->appendTo(r.recording);
    recorder_.reset();
    accelerations_.reset();
    const double wall = wallSeconds() - record_wall_start_;
    const double simulated = sim_->time() - record_start_s_;
    auto& s = r.summary;
    s = rg::summarySkeleton();
    s["gait"] = rg::gaitName(gait_);
    s["speed_m_per_s"] = scene_.surface == rg::SurfaceType::Treadmill ? speed_ : scene_.speed_m_per_s;
    s["incline_percent"] = scene_.incline_percent;
    rg::describeSimulated(s, *model_, scene_, *sim_);
    s["fell"] = sim_->status() == rg::RunStatus::Fell;
    s["sim_time_s"] = simulated;
    // The studio runs at real time (× the playback speed): wall time is the session's.
    s["wall_time_s"] = wall;
    s["real_time_factor"] = wall > 0 ? nlohmann::json(simulated / wall) : nlohmann::json(nullptr);
    s["status"] = rg::statusName(r.status);
    s["fall_time_s"] = r.status == rg::RunStatus::Completed ? nlohmann::json(nullptr) : nlohmann::json(sim_->endTime());
    s["end_reason"] = sim_->endReason().empty() ? nlohmann::json(nullptr) : nlohmann::json(sim_->endReason());
    s["sample_rate_hz"] = 200.0;
    s["seed"] = seed_;
    s["requested_duration_s"] = simulated;
    s["recorded_from_s"] = record_start_s_;
    s["source"] = "retrogait-studio";
    // The same analyses as `retrogait run`, in the direction walked at the end of the recording.
    rg::RunSetup setup;
    setup.model = model_;
    setup.scene = scene_;
    setup.scene.gait = gait_;
    setup.scene.speed_m_per_s = speed_;
    setup.duration_s = simulated;
    r.analysis = rg::analyseRun(r.recording, *model_, rg::analysisOptions(setup), dir);
    rg::mergeSummary(s, r.analysis.summary);
    rg::writeRunFiles(r, *model_, dir);
    return s;
}

} // namespace studio
