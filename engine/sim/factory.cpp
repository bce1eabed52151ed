#include "engine/sim/factory.hpp"

#include "engine/control/posture_controller.hpp"

namespace rg {

std::unique_ptr<Controller> makeController(const Model&, const SceneDesc&) {
    // Until the walking controller lands, every scene is run with the posture controller.
    return std::make_unique<PostureController>();
}

std::unique_ptr<Actuation> makeActuation(const Model&, const SceneDesc&) {
    return std::make_unique<IdealActuation>();
}

} // namespace rg
