#include "engine/io/external_loads.hpp"

#include <fstream>
#include <stdexcept>

namespace rg {

void writeExternalLoadsXml(const std::string& path, const std::string& grf_file) {
    std::ofstream o(path);
    if (!o) throw std::runtime_error("cannot write " + path);
    auto force = [&](const char* name, const char* body, const char* prefix) {
        o << "      <ExternalForce name=\"" << name << "\">\n"
          << "        <applied_to_body>" << body << "</applied_to_body>\n"
          << "        <force_expressed_in_body>ground</force_expressed_in_body>\n"
          << "        <point_expressed_in_body>ground</point_expressed_in_body>\n"
          << "        <force_identifier>" << prefix << "ground_force_v</force_identifier>\n"
          << "        <point_identifier>" << prefix << "ground_force_p</point_identifier>\n"
          << "        <torque_identifier>" << prefix << "ground_torque_</torque_identifier>\n"
          << "        <data_source_name>" << grf_file << "</data_source_name>\n"
          << "      </ExternalForce>\n";
    };
    o << "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
      << "<!-- Ground reaction forces of a RetroGait run, for OpenSim's inverse dynamics and analyses. -->\n"
      << "<OpenSimDocument Version=\"40000\">\n"
      << "  <ExternalLoads name=\"externalloads\">\n"
      << "    <objects>\n";
    force("right_foot", "calcn_r", "");
    force("left_foot", "calcn_l", "1_");
    o << "    </objects>\n"
      << "    <groups />\n"
      << "    <datafile>" << grf_file << "</datafile>\n"
      << "  </ExternalLoads>\n"
      << "</OpenSimDocument>\n";
    if (!o) throw std::runtime_error("cannot write " + path);
}

} // namespace rg
