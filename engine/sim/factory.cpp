#include "engine/sim/factory.hpp"

#include "engine/control/posture_controller.hpp"
#include "engine/control/walking_controller.hpp"
#include "engine/muscle/muscle_actuation.hpp"

namespace rg {

std::string walkingControlFile(const Model& model, const SceneDesc& scene) {
    if (!model.desc().walking_control_file.empty()) return model.desc().walking_control_file;
    return scene.walking_control_file.empty() ? defaultWalkingControlPath() : scene.walking_control_file;
}

std::unique_ptr<Controller> makeController(const Model& model, const SceneDesc& scene) {
    // Standing at speed 0; otherwise the walking controller with the model's or the scene's
    // control file (walkingControlFile).
    if (scene.speed_m_per_s <= 0) return std::make_unique<PostureController>();
    return std::make_unique<WalkingController>(loadWalkingControl(walkingControlFile(model, scene)), scene.gait, scene.speed_m_per_s,
                                               scene.incline_percent);
}

std::unique_ptr<Actuation> makeActuation(const Model& model, const SceneDesc& scene) {
    // Muscles with reserves when the model has muscles (engine/muscle), else ideal torques.
    const auto& muscles = model.desc().muscles;
    if (muscles.is_array() && !muscles.empty()) return std::make_unique<MuscleActuation>(model, scene.strength_scale);
    return std::make_unique<IdealActuation>();
}

} // namespace rg
