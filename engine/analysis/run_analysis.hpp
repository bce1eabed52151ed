#pragma once
/// The analyses of one recorded run, from its time series alone (so they can be re-run on
/// saved outputs): gait events and strides, inverse dynamics, joint power and work, joint
/// contact forces, muscle recruitment, energy, stability. Fills the summary (the output
/// contract's keys) and the tables behind the run's extra files and the report.
#include "engine/analysis/gait_events.hpp"
#include "engine/analysis/inverse_dynamics.hpp"
#include "engine/io/table.hpp"
#include "engine/io/text_table.hpp"

#include <nlohmann/json.hpp>

namespace rg {

struct RunAnalysisOptions {
    double gravity = 9.81;          ///< m/s²
    double incline_percent = 0;     ///< uphill in the direction of travel
    double travel = 1;              ///< +1 forward gait (towards +x), −1 backward gait
    /// Complete strides of each foot discarded from the start as warm-up (when a foot has no
    /// more strides than this, none are discarded, so a short run still gets values).
    int warmup_strides = 2;
    /// Strides that start before this time (s; the end of a start-up ramp) are left out before
    /// the warm-up strides are counted.
    double warmup_after_s = 0;
    GaitEventOptions events;
    /// Physics time step (s). With it, recordings carrying the step accelerations get exact
    /// inverse dynamics (Differencing::RecordedStep); otherwise central differences are used.
    double time_step_s = 0;
    /// Cut-off (Hz) of the zero-lag low-pass applied to the vertical GRF for grf_bw_lowpass,
    /// as force-plate data are filtered (engine/analysis/lowpass.hpp).
    double grf_lowpass_hz = 20.0;
};

struct RunAnalysis {
    /// The contract's summary keys (same layout as summarySkeleton(), null where not computed)
    /// plus extensions (see analyseRun()).
    nlohmann::json summary;
    GaitEvents events;
    std::vector<Stride> strides[2];   ///< the analysed strides (after warm-up) per foot
    Table joint_moments;              ///< OpenSim inverse-dynamics layout (joint_moments.sto)
    Table joint_loads;                ///< net joint reaction forces and moments (world)
    Table joint_contact;              ///< joint_contact_forces.sto
    Table cycle;                      ///< gait_cycle.csv: 0–100 %, mean ± SD over strides
    TextTable stride_table{{}};       ///< strides.csv
    TextTable step_table{{}};         ///< steps.csv
    TextTable muscle_table{{}};       ///< muscle_recruitment.csv
};

/// Analyses a recording of `model`. Throws InputError (naming `source`) when a needed column
/// is missing. Summary extensions: strides_per_side, warmup_strides_discarded,
/// walking_speed_m_per_s (measured relative to the surface), analysis_window_s,
/// analysis_basis ("strides", "whole_run" when no stride completed), the lumbar entries of the
/// work objects, trunk muscles in mean_activation, inverse_dynamics_check (RMS difference
/// between the net joint moments and the applied joint torques), leg_length_m,
/// joint_contact_model (the models used).
RunAnalysis analyseRun(const Table& recording, const Model& model, const RunAnalysisOptions& options,
                       const std::string& source = "recording");

/// Copies `values` into `summary`, merging nested objects key by key.
void mergeSummary(nlohmann::json& summary, const nlohmann::json& values);

} // namespace rg
