#pragma once
/// One simulated walker in the studio: a Simulation (one State of a shared Model) with what the
/// studio adds around it: the belt's travel (for the moving stripes), pushes from the panel,
/// live gait switching, plot sampling and recording to the files `retrogait run` writes.
#include "engine/analysis/joint_contact.hpp"
#include "engine/render/walker_scene.hpp"
#include "engine/sim/experiment.hpp"
#include "engine/sim/recorder.hpp"
#include "engine/sim/simulation.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace studio {

/// One plot sample: values in SimSession::plotChannels() order.
struct PlotRow {
    double time_s = 0;
    double right_vertical_grf_n = 0;
    rg::Gait gait = rg::Gait::Forward;
    std::vector<double> values;
};

/// Plots group channels that share an axis.
struct PlotGroup {
    std::string title, unit;
    std::vector<int> channels;   ///< indices into plotChannels()
};

class SimSession {
public:
    /// Built like `retrogait run` builds its walker (rg::makeController, rg::makeActuation:
    /// muscle strength comes from scene.strength_scale).
    SimSession(std::shared_ptr<const rg::Model> model, const rg::SceneDesc& scene, std::uint64_t seed,
               std::string label);

    /// One fixed step (does nothing once the run has ended).
    void step();
    const rg::Simulation& sim() const { return *sim_; }
    const std::string& label() const { return label_; }
    rg::DrawList drawList(const rg::DrawOptions& options) const;

    /// A push on the pelvis (N, world) for `duration_s` from now.
    void push(const Eigen::Vector3d& force_n, double duration_s);
    /// Belt speed magnitude (m/s): the belt runs against the current walking direction.
    void setSpeed(double speed_m_per_s);
    double speed() const { return speed_; }
    /// Switches the walking direction while walking: the belt reverses, and a controller that
    /// can switch (the walking controller) is told.
    void setGait(rg::Gait g);
    rg::Gait gait() const { return gait_; }
    /// Drives every muscle at this excitation instead of the controller (nullopt: back to the
    /// controller); false when the actuation has no muscles.
    bool setExcitationOverride(std::optional<double> excitation);
    bool hasMuscles() const { return !muscleViews().empty(); }
    /// The muscle groups of the walker's muscles (empty without muscles).
    std::vector<std::string> muscleGroups() const;

    // ---- plots ----
    const std::vector<std::string>& plotChannels() const { return channels_; }
    const std::vector<PlotGroup>& plotGroups() const { return groups_; }
    /// Rows sampled since the last call (every 10 ms of simulated time).
    std::vector<PlotRow> takePlotRows();

    // ---- recording ----
    void startRecording();
    bool recording() const { return bool(recorder_); }
    /// Ends the recording and writes summary.json, timeseries.csv, kinematics.mot, grf.mot (and
    /// the actuation's channels) into `dir`. Returns the summary.
    nlohmann::json stopRecording(const std::string& dir);

private:
    void setupPlots();
    void samplePlots();
    std::vector<rg::MuscleView> muscleViews() const;
    void updateJointContact();

    std::shared_ptr<const rg::Model> model_;
    rg::SceneDesc scene_;
    std::string label_;
    std::uint64_t seed_ = 1;
    std::unique_ptr<rg::Simulation> sim_;
    double belt_travel_ = 0;
    double speed_ = 0;
    rg::Gait gait_ = rg::Gait::Forward;
    long long steps_ = 0;
    int plot_every_ = 10;
    std::vector<std::string> channels_;
    std::vector<PlotGroup> groups_;
    std::vector<int> coord_;   ///< plotted coordinates: hip flexion, knee, ankle (right)
    std::vector<int> activation_channels_;   ///< actuation channel index per activation plot
    std::vector<double> actuation_values_;
    std::vector<PlotRow> rows_;
    std::unique_ptr<rg::Recorder> recorder_;
    std::unique_ptr<rg::StepAccelerations> accelerations_;
    // Joint contact forces, from a one-step recording every joint_contact_every_ steps (25 Hz).
    int joint_contact_every_ = 40;
    std::unique_ptr<rg::Recorder> contact_recorder_;
    std::unique_ptr<rg::StepAccelerations> contact_accelerations_;
    std::vector<rg::MuscleCrossing> crossings_;
    bool crossings_ready_ = false;
    std::vector<rg::JointLoadView> joint_loads_;
    double record_start_s_ = 0;
    double record_wall_start_ = 0;
};

} // namespace studio
