#pragma once
/// Reads a recorded run (the Recorder's Table, or its timeseries.csv) back into SI quantities:
/// the generalised state per row, foot loads, joint torques. Every analysis works from this, so
/// it can be re-run on saved outputs. Column names are those of engine/sim/recorder.cpp.
#include "engine/analysis/body_kinematics.hpp"
#include "engine/io/table.hpp"

#include <Eigen/Dense>

#include <array>

#include <string>
#include <vector>

namespace rg {

/// Ground reaction on one foot at one instant (world frame).
struct FootLoad {
    Eigen::Vector3d force = Eigen::Vector3d::Zero();   ///< N, from the ground on the foot
    Eigen::Vector3d cop = Eigen::Vector3d::Zero();     ///< m, centre of pressure
    Eigen::Vector3d torque = Eigen::Vector3d::Zero();  ///< N·m, free moment about the CoP (zero when not recorded)
};

class Recording {
public:
    /// `source` names the file (or "recording") in error messages. Throws InputError when a
    /// column the analyses need is missing.
    Recording(const Table& table, const Model& model, std::string source = "recording");
    /// Feet's loads averaged over each sample interval (grf_*_mean_n, cop_*_mean_m; see
    /// engine/sim/recorder.hpp): with them, Differencing::StepConsistent gives the inverse
    /// dynamics of the whole interval before each row. Throws InputError when they are missing.
    enum class FeetLoads { Sampled, IntervalMean };
    Recording(const Table& table, const Model& model, std::string source, FeetLoads feet);
    /// Whether a table carries the interval means (recordings from before they were added do not).
    static bool hasIntervalMeans(const Table& table);

    std::size_t rows() const { return table_->rows(); }
    const Table& table() const { return *table_; }
    const Model& model() const { return *model_; }
    const std::string& source() const { return source_; }
    double time(std::size_t k) const { return time_[k]; }
    const std::vector<double>& times() const { return time_; }

    /// Pelvis pose, pelvis velocities and joint coordinates at row k. Pelvis velocities come from
    /// the recorded pelvis_v*/pelvis_omega_* columns, or (older recordings) from central
    /// differences of the pelvis pose.
    GeneralisedState state(std::size_t k) const;
    /// Accelerations over the physics step that ended at row k, when the run recorded them
    /// (<coordinate>_acc_deg_per_s2, pelvis_acc_<x|y|z>_m_per_s2 of the pelvis origin,
    /// pelvis_alpha_<x|y|z>_deg_per_s2): the velocity change of that step divided by its length.
    bool hasAccelerations() const { return !qdd_.empty(); }
    GeneralisedAcceleration acceleration(std::size_t k) const;
    /// Velocity of the pelvis centre of mass at row k (m/s, world).
    Eigen::Vector3d pelvisComVelocity(std::size_t k) const;
    FootLoad foot(std::size_t k, int side) const;           ///< side 0 right, 1 left
    /// Horizontal push on the pelvis at row k (N, world), zero when not recorded.
    Eigen::Vector3d pelvisPush(std::size_t k) const;
    /// Joint torques applied in the step ending at row k (N·m, per coordinate); empty when absent.
    Eigen::VectorXd appliedTorques(std::size_t k) const;
    bool hasAppliedTorques() const { return !tau_.empty(); }
    /// Column by name or nullptr.
    const std::vector<double>* column(const std::string& name) const;

private:
    const std::vector<double>& need(const std::string& name) const;
    const Table* table_;
    const Model* model_;
    std::string source_;
    std::vector<double> time_;
    std::array<const std::vector<double>*, 3> pelvis_pos_{}, pelvis_ang_{}, pelvis_vel_{}, pelvis_omega_{};
    std::vector<const std::vector<double>*> q_, qd_, tau_, qdd_;
    std::array<const std::vector<double>*, 3> pelvis_acc_{}, pelvis_alpha_{};
    std::array<std::array<const std::vector<double>*, 3>, 2> grf_{}, cop_{}, free_{};
    const std::vector<double>* push_x_ = nullptr;
    const std::vector<double>* push_z_ = nullptr;
};

} // namespace rg
