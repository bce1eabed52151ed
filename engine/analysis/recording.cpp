#include "engine/analysis/recording.hpp"

#include "engine/core/error.hpp"
#include "engine/core/units.hpp"

namespace rg {

namespace {
const char* kAxes[3] = {"x", "y", "z"};
const char* kSides[2] = {"r", "l"};
} // namespace

const std::vector<double>* Recording::column(const std::string& name) const {
    const int i = table_->index(name);
    return i < 0 ? nullptr : &table_->col(i);
}

const std::vector<double>& Recording::need(const std::string& name) const {
    const auto* c = column(name);
    if (!c) throw InputError(source_, name, "column is missing", "a recording written by 'retrogait run' (timeseries.csv)");
    return *c;
}

Recording::Recording(const Table& t, const Model& m, std::string source)
    : Recording(t, m, std::move(source), FeetLoads::Sampled) {}

bool Recording::hasIntervalMeans(const Table& t) {
    for (const char* s : kSides)
        for (const char* a : kAxes)
            if (t.index(std::string("grf_") + s + "_" + a + "_mean_n") < 0 || t.index(std::string("cop_") + s + "_" + a + "_mean_m") < 0)
                return false;
    return true;
}

Recording::Recording(const Table& t, const Model& m, std::string source, FeetLoads feet)
    : table_(&t), model_(&m), source_(std::move(source)) {
    time_ = need("time_s");
    const char* ang[3] = {"pelvis_tilt_deg", "pelvis_list_deg", "pelvis_rotation_deg"};
    for (int i = 0; i < 3; ++i) {
        pelvis_pos_[i] = &need(std::string("pelvis_t") + kAxes[i] + "_m");
        pelvis_ang_[i] = &need(ang[i]);
        pelvis_vel_[i] = column(std::string("pelvis_v") + kAxes[i] + "_m_per_s");
        pelvis_omega_[i] = column(std::string("pelvis_omega_") + kAxes[i] + "_deg_per_s");
    }
    for (const auto& c : m.coordinates()) {
        q_.push_back(&need(c.name + "_deg"));
        qd_.push_back(&need(c.name + "_vel_deg_per_s"));
        if (const auto* tau = column("tau_" + c.name + "_nm")) tau_.push_back(tau);
    }
    if (tau_.size() != m.coordinates().size()) tau_.clear();
    bool acc = true;
    for (int i = 0; i < 3; ++i) {
        pelvis_acc_[i] = column(std::string("pelvis_acc_") + kAxes[i] + "_m_per_s2");
        pelvis_alpha_[i] = column(std::string("pelvis_alpha_") + kAxes[i] + "_deg_per_s2");
        acc = acc && pelvis_acc_[i] && pelvis_alpha_[i];
    }
    for (const auto& c : m.coordinates()) {
        const auto* a = column(c.name + "_acc_deg_per_s2");
        acc = acc && a;
        qdd_.push_back(a);
    }
    if (!acc) qdd_.clear();
    for (int s = 0; s < 2; ++s)
        for (int a = 0; a < 3; ++a) {
            const std::string mean = feet == FeetLoads::IntervalMean ? "_mean" : "";
            grf_[s][a] = &need(std::string("grf_") + kSides[s] + "_" + kAxes[a] + mean + "_n");
            cop_[s][a] = &need(std::string("cop_") + kSides[s] + "_" + kAxes[a] + mean + "_m");
            free_[s][a] = column(std::string("grf_") + kSides[s] + "_torque_" + kAxes[a] + "_nm");
        }
    push_x_ = column("push_x_n");
    push_z_ = column("push_z_n");
}

GeneralisedState Recording::state(std::size_t k) const {
    GeneralisedState s;
    for (int i = 0; i < 3; ++i) s.pelvis_origin[i] = (*pelvis_pos_[i])[k];
    auto rotationAt = [&](std::size_t r) {
        return pelvisRotation(deg2rad((*pelvis_ang_[0])[r]), deg2rad((*pelvis_ang_[1])[r]), deg2rad((*pelvis_ang_[2])[r]));
    };
    s.pelvis_rotation = rotationAt(k);
    const std::size_t n = rows();
    const std::size_t a = k > 0 ? k - 1 : k, b = k + 1 < n ? k + 1 : k;
    const double dt = time_[b] - time_[a];
    if (pelvis_vel_[0] && pelvis_vel_[1] && pelvis_vel_[2]) {
        for (int i = 0; i < 3; ++i) s.pelvis_origin_velocity[i] = (*pelvis_vel_[i])[k];
    } else if (dt > 0) {
        for (int i = 0; i < 3; ++i) s.pelvis_origin_velocity[i] = ((*pelvis_pos_[i])[b] - (*pelvis_pos_[i])[a]) / dt;
    }
    if (pelvis_omega_[0] && pelvis_omega_[1] && pelvis_omega_[2]) {
        for (int i = 0; i < 3; ++i) s.pelvis_angular_velocity[i] = deg2rad((*pelvis_omega_[i])[k]);
    } else if (dt > 0) {
        const Eigen::AngleAxisd d(rotationAt(b) * rotationAt(a).transpose());
        s.pelvis_angular_velocity = d.axis() * (d.angle() / dt);
    }
    const int nc = int(q_.size());
    s.q.resize(nc);
    s.qd.resize(nc);
    for (int c = 0; c < nc; ++c) {
        s.q[c] = deg2rad((*q_[c])[k]);
        s.qd[c] = deg2rad((*qd_[c])[k]);
    }
    return s;
}

GeneralisedAcceleration Recording::acceleration(std::size_t k) const {
    GeneralisedAcceleration a;
    if (qdd_.empty()) return a;
    for (int i = 0; i < 3; ++i) {
        a.pelvis_origin[i] = (*pelvis_acc_[i])[k];
        a.pelvis_angular[i] = deg2rad((*pelvis_alpha_[i])[k]);
    }
    a.qdd.resize(qdd_.size());
    for (std::size_t c = 0; c < qdd_.size(); ++c) a.qdd[c] = deg2rad((*qdd_[c])[k]);
    return a;
}

Eigen::Vector3d Recording::pelvisComVelocity(std::size_t k) const {
    const GeneralisedState s = state(k);
    const auto& c = model_->segments()[0].inertial.com;
    return s.pelvis_origin_velocity + s.pelvis_angular_velocity.cross(s.pelvis_rotation * Eigen::Vector3d(c[0], c[1], c[2]));
}

FootLoad Recording::foot(std::size_t k, int side) const {
    FootLoad f;
    for (int a = 0; a < 3; ++a) {
        f.force[a] = (*grf_[side][a])[k];
        f.cop[a] = (*cop_[side][a])[k];
        if (free_[side][a]) f.torque[a] = (*free_[side][a])[k];
    }
    return f;
}

Eigen::Vector3d Recording::pelvisPush(std::size_t k) const {
    return {push_x_ ? (*push_x_)[k] : 0.0, 0.0, push_z_ ? (*push_z_)[k] : 0.0};
}

Eigen::VectorXd Recording::appliedTorques(std::size_t k) const {
    Eigen::VectorXd t(tau_.size());
    for (std::size_t c = 0; c < tau_.size(); ++c) t[c] = (*tau_[c])[k];
    return t;
}

} // namespace rg
