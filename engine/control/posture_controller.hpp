#pragma once
/// Joint-space PD control towards a fixed posture (the model's neutral coordinate values):
/// keeps the walker standing. Gains are per joint group and scale with body mass.
#include "engine/control/controller.hpp"

#include <vector>

namespace rg {

struct PdGains {
    double kp = 0;  ///< N·m/rad
    double kd = 0;  ///< N·m·s/rad
};

class PostureController : public Controller {
public:
    /// Gains at 75 kg; scaled in proportion to body mass.
    struct Gains {
        // The foot is light (I ≈ 0.009 kg·m² about the ankle): explicit damping needs
        // kd·dt/I well below 2, so the ankle gets little joint damping; sway is damped instead
        // by feedback of the whole-body centre-of-mass velocity, which a free foot cannot excite.
        PdGains lumbar{800, 40}, hip{600, 30}, knee{600, 20}, ankle{800, 3};
        double sway_damping = 200;  ///< ankle torque per CoM velocity along the facing direction, N·s
    };
    PostureController() = default;
    explicit PostureController(const Gains& g) : gains_(g) {}
    std::string name() const override { return "posture-pd"; }
    void reset(const PhysicsWorld& world) override;
    void compute(const PhysicsWorld& world, Eigen::VectorXd& tau) override;
    const Eigen::VectorXd& target() const { return target_; }

private:
    Gains gains_;
    Eigen::VectorXd target_;
    std::vector<PdGains> per_coord_;
    std::vector<int> ankles_;
};

/// Which group a Gait2392 coordinate name belongs to: "lumbar", "hip", "knee", "ankle" or "".
std::string coordinateGroup(const std::string& name);

} // namespace rg
