#pragma once
/// Chooses the controller and the actuation for a scene, the same way for the CLI, the studio
/// and the tests.
#include "engine/control/controller.hpp"
#include "engine/model/scene_desc.hpp"
#include "engine/sim/actuation.hpp"

#include <memory>
#include <string>

namespace rg {

/// The controller for the scene: standing (speed 0) or walking in the scene's direction.
std::unique_ptr<Controller> makeController(const Model& model, const SceneDesc& scene);
/// The walking-control file of a model in a scene: the model's "walking_control" field, else
/// the scene's (walker.walking_control, entries tuned at the scene's time step), else
/// models/walking_control.json.
std::string walkingControlFile(const Model& model, const SceneDesc& scene);
/// The actuation stage: muscles with reserves when the model has muscles, else ideal torques.
std::unique_ptr<Actuation> makeActuation(const Model& model, const SceneDesc& scene);

} // namespace rg
