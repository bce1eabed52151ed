#include "engine/sim/factory.hpp"

#include "engine/control/posture_controller.hpp"
#include "engine/muscle/muscle_actuation.hpp"

namespace rg {

std::unique_ptr<Controller> makeController(const Model&, const SceneDesc&) {
    // Until the walking controller lands, every scene is run with the posture controller.
    return std::make_unique<PostureController>();
}

std::unique_ptr<Actuation> makeActuation(const Model& model, const SceneDesc& scene) {
    // Muscles with reserves when the model has muscles (engine/muscle), else ideal torques.
    const auto& muscles = model.desc().muscles;
    if (muscles.is_array() && !muscles.empty()) return std::make_unique<MuscleActuation>(model, scene.strength_scale);
    return std::make_unique<IdealActuation>();
}

} // namespace rg
