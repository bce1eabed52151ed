#pragma once
/// Maximal isometric joint torques of the muscle model, the way a dynamometer measures them:
/// one coordinate swept over its range (1° steps) with the others at their neutral values, the
/// agonists fully activated and the antagonists relaxed (passive), every fibre in static
/// equilibrium with its tendon; the peak of the net torque in the tested direction.
#include "engine/muscle/muscle_set.hpp"

#include <string>
#include <vector>

namespace rg {

/// A tested direction: positive generalised torque on `coordinate` (base name) times `sign`.
struct StrengthDirection {
    std::string name;        ///< e.g. "knee_extension"
    std::string coordinate;  ///< e.g. "knee_angle"
    double sign = 1;
};

/// The eight leg directions of `retrogait muscles --json`, then the trunk's six.
const std::vector<StrengthDirection>& strengthDirections();

struct MaxIsometricTorque {
    std::string direction;
    std::string coordinate;  ///< full name, e.g. "knee_angle_r"
    double torque_nm = 0;    ///< magnitude at the peak
    double angle_rad = 0;    ///< coordinate value at the peak
};

/// Peak isometric torques for every direction whose coordinate exists (side "r" or "l").
std::vector<MaxIsometricTorque> maxIsometricTorques(const MuscleSet& muscles, const Model& model, const std::string& side = "r");

/// Net torque (N·m, generalised, on `coordinate`) at pose q with the muscles whose moment arm
/// has the sign `sign` fully active and the others relaxed, fibres in static equilibrium.
double isometricTorque(const MuscleSet& muscles, const Eigen::VectorXd& q, int coordinate, double sign);

/// Healthy-adult dynamometry values for a body (N·m), to compare the model against.
struct DynamometryReference {
    std::string direction;
    double mean_nm = 0;          ///< the study's mean, scaled to the body
    double low_nm = 0, high_nm = 0;  ///< the accepted healthy-adult band
    std::string source;
};
std::vector<DynamometryReference> dynamometryReference(double body_mass_kg, double height_m);

} // namespace rg
