#include "engine/control/posture_controller.hpp"

namespace rg {

std::string coordinateGroup(const std::string& name) {
    for (const char* g : {"lumbar", "hip", "knee", "ankle"})
        if (name.rfind(g, 0) == 0) return g;
    return "";
}

void PostureController::reset(const PhysicsWorld& world) {
    const Model& m = world.model();
    const int n = int(m.coordinates().size());
    target_.resize(n);
    per_coord_.assign(n, PdGains{});
    ankles_.clear();
    const double scale = m.bodyMass() / 75.0;
    for (int c = 0; c < n; ++c) {
        const auto& co = m.coordinates()[c];
        target_[c] = co.neutral;
        const std::string g = coordinateGroup(co.name);
        // A coordinate outside the four groups (a toe's MTP joint) is passive: no servo torque.
        PdGains k = g == "lumbar" ? gains_.lumbar : g == "hip" ? gains_.hip : g == "knee" ? gains_.knee : g == "ankle" ? gains_.ankle : PdGains{0, 0};
        per_coord_[c] = {k.kp * scale, k.kd * scale};
        if (g == "ankle") ankles_.push_back(c);
    }
}

void PostureController::compute(const PhysicsWorld& world, Eigen::VectorXd& tau) {
    const int n = int(target_.size());
    tau.resize(n);
    for (int c = 0; c < n; ++c)
        tau[c] = per_coord_[c].kp * (target_[c] - world.q(c)) - per_coord_[c].kd * world.qd(c);
    // Sagittal sway: CoM moving forward → plantarflex (negative ankle torque) on both feet.
    const double v = world.centreOfMassVelocity().x();
    const double scale = world.model().bodyMass() / 75.0;
    for (int c : ankles_) tau[c] -= gains_.sway_damping * scale * v;
}

} // namespace rg
