#pragma once
/// The run summary (summary.json): every key of the output contract (DESIGN.md) is present,
/// null where the run produced no value; extra keys extend it.
#include <nlohmann/json.hpp>

namespace rg {

/// The contract's skeleton with every value null.
nlohmann::json summarySkeleton();
/// Contract keys flattened with dots ("grf_bw.peak1"), in a fixed order.
std::vector<std::string> summaryNumericKeys();

} // namespace rg
