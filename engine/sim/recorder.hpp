#pragma once
/// Samples a Simulation into a Table at a fixed rate. Column names carry their units; angles
/// in degrees with OpenSim Gait2392 names and signs, plus ISB knee flexion (positive).
#include "engine/io/table.hpp"
#include "engine/sim/simulation.hpp"

namespace rg {

/// The recording's columns before the actuation's channels, in order (time, pelvis pose,
/// coordinates and their speeds, knee flexion, centre of mass, per-foot GRF, CoP and contact,
/// applied torques, belt speed, push, pelvis velocities, per-foot GRF averaged over the steps
/// since the previous row).
std::vector<std::string> recordedStateColumns(const Model& model);

class Recorder {
public:
    /// sample_interval_s: time between rows (rounded to whole steps; at least one step).
    Recorder(const Simulation& sim, double sample_interval_s);
    /// Call after every step; records when a sample is due.
    void afterStep(const Simulation& sim);
    /// Records the current state unconditionally (e.g. at t = 0 or at the end).
    void record(const Simulation& sim);
    const Table& table() const { return table_; }

private:
    Table table_;
    int every_ = 1;
    long long steps_ = 0;
    double last_time_ = -1;
    std::vector<double> row_;
    std::size_t fixed_columns_ = 0;
    /// Sum of each foot's contact force over the steps since the last row, and their count:
    /// the row's grf_*_mean_n columns (impulse / interval, which does not alias impacts).
    Eigen::Vector3d grf_sum_[2] = {Eigen::Vector3d::Zero(), Eigen::Vector3d::Zero()};
    /// Σ |f|·CoP and Σ |f| per foot: the force-weighted mean centre of pressure of the interval.
    Eigen::Vector3d cop_moment_sum_[2] = {Eigen::Vector3d::Zero(), Eigen::Vector3d::Zero()};
    double cop_weight_sum_[2] = {0, 0};
    int grf_steps_ = 0;
};

/// The OpenSim coordinate table (kinematics.mot: time, pelvis_*, joint coordinates in degrees).
Table kinematicsTable(const Table& recording, const Model& model);
/// The OpenSim ExternalLoads table (grf.mot): per foot force (N), point (m), torque (N·m);
/// right foot "ground_force_*", left foot "1_ground_force_*" as in OpenSim's gait examples.
Table grfTable(const Table& recording);

} // namespace rg
