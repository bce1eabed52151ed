#pragma once
/// Reads and validates a walker model file (JSON). Every field is checked; a problem throws
/// InputError naming the file, the field and the allowed values.
#include "engine/core/json_fields.hpp"
#include "engine/model/model_desc.hpp"

#include <optional>
#include <string>

namespace rg {

/// Optional overrides applied after loading (from the command line or a scene).
struct ModelOverrides {
    std::optional<double> body_mass;  ///< kg
    std::optional<double> height;     ///< m
};

/// Allowed ranges for body size: adults and adolescents (a sanity bound, not a physiology claim).
constexpr double kMinBodyMass = 20.0, kMaxBodyMass = 250.0;  ///< kg
constexpr double kMinHeight = 1.0, kMaxHeight = 2.3;         ///< m

ModelDesc loadModelFile(const std::string& path, const ModelOverrides& overrides = {});
ModelDesc parseModel(const Json& j, const std::string& file, const ModelOverrides& overrides = {});
/// The default model shipped in models/.
std::string defaultModelPath();

} // namespace rg
