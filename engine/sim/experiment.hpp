#pragma once
/// One headless run, as `retrogait run` does it: load and validate the inputs, build the
/// model and scene, choose the controller, simulate, record, summarise, write the files.
#include "engine/io/table.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/model/scene_desc.hpp"
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
};

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
};

/// Validates a request (files and option ranges). Throws InputError.
RunSetup prepareRun(const RunRequest& request);
/// Runs it. `progress` gets (simulated time, duration).
RunResult executeRun(const RunSetup& setup, const std::function<void(double, double)>& progress = {});
/// Writes summary.json, timeseries.csv, kinematics.mot and grf.mot into `dir` (atomically).
void writeRunFiles(const RunResult& result, const Model& model, const std::string& dir);

/// Validates option ranges (throws InputError naming the option and the allowed values).
void checkOptionRange(const std::string& option, double value, double lo, double hi, const std::string& unit);

} // namespace rg
