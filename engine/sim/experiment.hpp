#pragma once
/// One headless run, as `retrogait run` does it: load and validate the inputs, build the
/// model and scene, choose the controller, simulate, record, summarise, write the files.
#include "engine/analysis/run_analysis.hpp"
#include "engine/io/table.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/model/scene_desc.hpp"
#include "engine/sim/recorder.hpp"
#include "engine/sim/simulation.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace rg {

/// What a user can set for a run (command-line options override the scene file).
struct RunRequest {
    std::string scene_path;
    std::string model_path;               ///< empty: the default model
    ModelOverrides model_overrides;
    std::optional<Gait> gait;
    std::optional<double> speed_m_per_s;
    std::optional<double> incline_percent;
    std::optional<double> duration_s;     ///< empty: the scene's
    std::uint64_t seed = 1;
    double sample_rate_hz = 200;          ///< rows per second in the time-series files
    /// Cut-off of the low-pass for grf_bw_lowpass and the interval joint contact forces, Hz
    /// (1 Hz to below half the sample rate).
    double grf_lowpass_hz = 20;
    /// Complete strides per foot discarded as warm-up by the analyses.
    int warmup_strides = 2;
    /// > 0: end the run once both feet have completed warm-up + this many strides (or at the
    /// duration, whichever comes first); 0: run for the duration.
    int target_strides = 0;
    /// Muscle strength factors from the command line ("VAS=0.5,plantarflexors=0.8"); they
    /// override the scene's walker.strength_scale entries of the same name.
    std::string strength;
    /// Direction switch time (s), overriding the scene's walker.switch_at_s.
    std::optional<double> switch_at_s;
    /// Direction switch ramp and stop times (s), overriding walker.switch_ramp_s / switch_stop_s.
    std::optional<double> switch_ramp_s, switch_stop_s;
    /// Start-up ramp: starting speed (m/s) and ramp time (s), overriding walker.start_speed_m_per_s
    /// / start_ramp_s.
    std::optional<double> start_speed_m_per_s, start_ramp_s;
    /// Pushes from the command line, added to the scene's.
    std::vector<PushDesc> pushes;
};

/// Parses a --push value "TIME:DIRECTION[:FORCE_N[:DURATION_S]]": DIRECTION is forward,
/// backward, left or right (the walker's heading frame); force 100 N and duration 0.2 s by
/// default. Throws InputError naming --push on bad input.
PushDesc parsePushOption(const std::string& text);

/// Everything loaded and checked, before any simulation: an InputError is thrown from here.
struct RunSetup {
    RunRequest request;
    std::shared_ptr<const Model> model;
    SceneDesc scene;
    double duration_s = 0;
};

struct RunResult {
    RunStatus status = RunStatus::Running;
    nlohmann::json summary;
    Table recording;
    RunAnalysis analysis;     ///< what the analyses computed from the recording
};

/// Where a run is, for progress displays.
struct RunProgress {
    double time_s = 0, duration_s = 0;
    int strides = 0;          ///< complete strides of the foot with fewer (online detection)
    int strides_needed = 0;   ///< warm-up + target (0 when the run goes by duration)
};

/// The accelerations of every sampled physics step (velocity change over the step / step length),
/// kept beside a Recorder and appended to its table as <coordinate>_acc_deg_per_s2,
/// pelvis_acc_<x|y|z>_m_per_s2 (pelvis origin) and pelvis_alpha_<x|y|z>_deg_per_s2 (world axes).
/// With them, inverse dynamics of the file reproduces every sampled step exactly
/// (Differencing::RecordedStep) at any sampling rate.
class StepAccelerations {
public:
    explicit StepAccelerations(const Simulation& sim);
    /// Call before every step.
    void beforeStep(const Simulation& sim);
    /// Call after the recorder may have added a row (after afterStep / record): adds its row.
    void sampled(const Simulation& sim, const Recorder& rec);
    void appendTo(Table& recording) const;

private:
    static void read(const Simulation& sim, Eigen::VectorXd& qd, Eigen::Vector3d& v, Eigen::Vector3d& w);
    double h_;
    Table table_;
    Eigen::VectorXd qd_;
    Eigen::Vector3d v_, w_;
};

/// Validates a request (files and option ranges). Throws InputError.
RunSetup prepareRun(const RunRequest& request);
/// Runs it and analyses the recording. `progress` gets (simulated time, duration).
RunResult executeRun(const RunSetup& setup, const std::function<void(double, double)>& progress = {});
/// The same, with progress as RunProgress (about every simulated second).
RunResult executeRun(const RunSetup& setup, const std::function<void(const RunProgress&)>& progress);
/// The analysis options of a set-up (surface, direction, gravity, warm-up).
RunAnalysisOptions analysisOptions(const RunSetup& setup);
/// The summary keys that say what was simulated: the scene and its file, the model, its file,
/// body mass and height, the controller and its walking-control file (null when standing), the
/// actuation, the time step, the surface, gravity and the solver's iterations and warm start.
/// Shared by `retrogait run` and the studio.
void describeSimulated(nlohmann::json& summary, const Model& model, const SceneDesc& scene, const Simulation& sim);
/// Writes into `dir` (atomically): summary.json, timeseries.csv, kinematics.mot, grf.mot,
/// external_loads.xml, muscles.sto, joint_moments.sto, joint_contact_forces.sto,
/// gait_cycle.csv, strides.csv, steps.csv, muscle_recruitment.csv.
void writeRunFiles(const RunResult& result, const Model& model, const std::string& dir);

/// A run folder analysed again from its files.
struct Reanalysis {
    RunResult result;                     ///< recording from timeseries.csv, fresh analysis and summary
    std::shared_ptr<const Model> model;
};
/// Re-runs the analyses on the files of a run folder (timeseries.csv and summary.json, as `run`
/// writes them). The model is summary.json's model_file scaled to its body_mass_kg and height_m
/// (or `model_path`); the conditions are its gait, incline_percent, gravity_m_per_s2 and
/// time_step_s. Throws InputError naming the file and field when something is missing.
/// grf_lowpass_hz 0: the summary's grf_lowpass_hz, else 20 Hz.
Reanalysis reanalyseRunFolder(const std::string& dir, const std::string& model_path = "", int warmup_strides = 2,
                              double grf_lowpass_hz = 0);

/// Validates option ranges (throws InputError naming the option and the allowed values).
void checkOptionRange(const std::string& option, double value, double lo, double hi, const std::string& unit);
/// --grf-lowpass: from 1 Hz to below half the sample rate, else InputError naming the option.
void checkLowpassCutoff(double cutoff_hz, double sample_rate_hz);

} // namespace rg
