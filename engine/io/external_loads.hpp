#pragma once
/// OpenSim ExternalLoads setup file for grf.mot: one ExternalForce per foot (right:
/// ground_force_v*/ground_force_p*/ground_torque_* on calcn_r; left: the same with the "1_"
/// prefix on calcn_l), force and point expressed in ground, as in OpenSim's gait examples.
#include <string>

namespace rg {

/// Writes the XML; `grf_file` is the data file name it refers to (e.g. "grf.mot").
void writeExternalLoadsXml(const std::string& path, const std::string& grf_file);

} // namespace rg
