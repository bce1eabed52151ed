#pragma once
/// The summary of a forward-versus-backward comparison (DESIGN.md output contract):
/// { "forward": {...}, "backward": {...}, "ratio_backward_to_forward": { "<key.flattened>": b/f } }.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace rg {

/// `numeric_keys`: the contract's numeric keys flattened with dots (summaryNumericKeys()). The
/// ratios cover those keys, then any further numeric entry inside the contract's objects (e.g.
/// "positive_work_j_per_kg_per_stride.lumbar", trunk muscles of "mean_activation") and the
/// measured walking speed. A ratio is null when either value is missing or the forward value is 0.
nlohmann::json compareSummary(const nlohmann::json& forward, const nlohmann::json& backward,
                              const std::vector<std::string>& numeric_keys);

/// The value at a dotted key ("grf_bw.peak1"), or null.
nlohmann::json valueAt(const nlohmann::json& summary, const std::string& dotted_key);

} // namespace rg
