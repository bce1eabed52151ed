#include "engine/sim/recorder.hpp"

#include "engine/core/units.hpp"

#include <cmath>

namespace rg {

namespace {
const char* kAxes[3] = {"x", "y", "z"};
const char* kSides[2] = {"r", "l"};
} // namespace

std::vector<std::string> recordedStateColumns(const Model& m) {
    std::vector<std::string> n{"time_s", "pelvis_tx_m", "pelvis_ty_m", "pelvis_tz_m",
                               "pelvis_tilt_deg", "pelvis_list_deg", "pelvis_rotation_deg"};
    for (const auto& c : m.coordinates()) n.push_back(c.name + "_deg");
    for (const auto& c : m.coordinates()) n.push_back(c.name + "_vel_deg_per_s");
    for (const char* s : kSides) n.push_back(std::string("knee_flexion_") + s + "_deg");
    for (const char* a : kAxes) n.push_back(std::string("com_") + a + "_m");
    for (const char* a : kAxes) n.push_back(std::string("com_v") + a + "_m_per_s");
    for (const char* s : kSides) {
        for (const char* a : kAxes) n.push_back(std::string("grf_") + s + "_" + a + "_n");
        for (const char* a : kAxes) n.push_back(std::string("cop_") + s + "_" + a + "_m");
        n.push_back(std::string("contact_") + s);
    }
    for (const auto& c : m.coordinates()) n.push_back("tau_" + c.name + "_nm");
    n.push_back("belt_speed_m_per_s");
    n.push_back("push_x_n");
    n.push_back("push_z_n");
    // Pelvis velocities (origin, world; angular velocity in world axes): with the pose and the
    // coordinates they complete the generalised state, so inverse dynamics can run on the file.
    for (const char* a : kAxes) n.push_back(std::string("pelvis_v") + a + "_m_per_s");
    for (const char* a : kAxes) n.push_back(std::string("pelvis_omega_") + a + "_deg_per_s");
    // The feet's contact forces averaged over the physics steps since the previous row (the
    // impulse over the sample interval divided by it): the rows above are the state at the
    // sampled step, whose contact force of a rigid foot can be a 1 ms impact spike or a
    // drop-out that one sample in every few steps would alias.
    for (const char* s : kSides) {
        for (const char* a : kAxes) n.push_back(std::string("grf_") + s + "_" + a + "_mean_n");
        for (const char* a : kAxes) n.push_back(std::string("cop_") + s + "_" + a + "_mean_m");
    }
    return n;
}

Recorder::Recorder(const Simulation& sim, double interval) {
    every_ = std::max(1, int(std::lround(interval / sim.world().timeStep())));
    std::vector<std::string> n = recordedStateColumns(sim.model());
    fixed_columns_ = n.size();
    for (const auto& c : sim.actuation().channelNames()) n.push_back(c);
    table_ = Table(n);
}

void Recorder::afterStep(const Simulation& sim) {
    ++steps_;
    for (int s = 0; s < 2; ++s) {
        const FootContact& f = sim.world().foot(Side(s));
        grf_sum_[s] += f.force;
        if (f.loaded()) {
            const double weight = f.force.norm();
            cop_moment_sum_[s] += weight * f.cop;
            cop_weight_sum_[s] += weight;
        }
    }
    ++grf_steps_;
    if (steps_ % every_ == 0) record(sim);
}

void Recorder::record(const Simulation& sim) {
    const PhysicsWorld& w = sim.world();
    if (w.time() == last_time_) return;
    last_time_ = w.time();
    const Model& m = sim.model();
    row_.resize(fixed_columns_);
    std::size_t k = 0;
    row_[k++] = w.time();
    const Eigen::Vector3d p = w.segmentPose(0).position;
    for (int i = 0; i < 3; ++i) row_[k++] = p[i];
    const Eigen::Vector3d a = w.pelvisAngles();
    for (int i = 0; i < 3; ++i) row_[k++] = rad2deg(a[i]);
    const int nc = w.numCoordinates();
    for (int c = 0; c < nc; ++c) row_[k++] = rad2deg(w.q(c));
    for (int c = 0; c < nc; ++c) row_[k++] = rad2deg(w.qd(c));
    for (const char* s : kSides) {
        const int c = m.coordinateIndex(std::string("knee_angle_") + s);
        row_[k++] = c >= 0 ? -rad2deg(w.q(c)) : std::nan("");
    }
    const Eigen::Vector3d com = w.centreOfMass(), vcom = w.centreOfMassVelocity();
    for (int i = 0; i < 3; ++i) row_[k++] = com[i];
    for (int i = 0; i < 3; ++i) row_[k++] = vcom[i];
    for (int s = 0; s < 2; ++s) {
        const FootContact& f = w.foot(Side(s));
        for (int i = 0; i < 3; ++i) row_[k++] = f.force[i];
        for (int i = 0; i < 3; ++i) row_[k++] = f.loaded() ? f.cop[i] : 0.0;
        row_[k++] = f.loaded() ? 1.0 : 0.0;
    }
    for (int c = 0; c < nc; ++c) row_[k++] = sim.appliedTorques()[c];
    row_[k++] = w.beltSpeed();
    row_[k++] = sim.pelvisForce().x();
    row_[k++] = sim.pelvisForce().z();
    {
        const Eigen::Vector3d w0 = w.segmentAngularVelocity(0);
        const Eigen::Vector3d v0 = w.segmentComVelocity(0) - w0.cross(w.segmentComPosition(0) - p);
        for (int i = 0; i < 3; ++i) row_[k++] = v0[i];
        for (int i = 0; i < 3; ++i) row_[k++] = rad2deg(w0[i]);
    }
    for (int s = 0; s < 2; ++s) {
        // Before any step (the first row) the mean is the current force.
        const FootContact& now = w.foot(Side(s));
        const Eigen::Vector3d f = grf_steps_ > 0 ? Eigen::Vector3d(grf_sum_[s] / double(grf_steps_)) : now.force;
        const Eigen::Vector3d cop = cop_weight_sum_[s] > 0 ? Eigen::Vector3d(cop_moment_sum_[s] / cop_weight_sum_[s])
                                                          : (now.loaded() ? now.cop : Eigen::Vector3d::Zero());
        for (int i = 0; i < 3; ++i) row_[k++] = f[i];
        for (int i = 0; i < 3; ++i) row_[k++] = cop[i];
        grf_sum_[s].setZero();
        cop_moment_sum_[s].setZero();
        cop_weight_sum_[s] = 0;
    }
    grf_steps_ = 0;
    sim.actuation().channelValues(row_);
    table_.addRow(row_);
}

Table kinematicsTable(const Table& rec, const Model& model) {
    std::vector<std::string> from{"time_s", "pelvis_tilt_deg", "pelvis_list_deg", "pelvis_rotation_deg",
                                  "pelvis_tx_m", "pelvis_ty_m", "pelvis_tz_m"};
    std::vector<std::string> to{"time", "pelvis_tilt", "pelvis_list", "pelvis_rotation", "pelvis_tx", "pelvis_ty", "pelvis_tz"};
    for (const auto& c : model.coordinates()) {
        from.push_back(c.name + "_deg");
        to.push_back(c.name);
    }
    return rec.select(from, to);
}

Table grfTable(const Table& rec) {
    std::vector<std::string> from{"time_s"}, to{"time"};
    const char* prefix[2] = {"", "1_"};
    for (int s = 0; s < 2; ++s) {
        for (const char* a : kAxes) {
            from.push_back(std::string("grf_") + kSides[s] + "_" + a + "_n");
            to.push_back(std::string(prefix[s]) + "ground_force_v" + a);
        }
        for (const char* a : kAxes) {
            from.push_back(std::string("cop_") + kSides[s] + "_" + a + "_m");
            to.push_back(std::string(prefix[s]) + "ground_force_p" + a);
        }
    }
    Table t = rec.select(from, to);
    // Free moments are not resolved by the contact readout: the point of application carries
    // the whole force, so the torque columns are zero (as in OpenSim's example files).
    for (int s = 0; s < 2; ++s)
        for (const char* a : kAxes) {
            const int c = t.addColumn(std::string(prefix[s]) + "ground_torque_" + a);
            t.col(c).assign(t.rows(), 0.0);
        }
    return t;
}

} // namespace rg
