#include "engine/muscle/max_isometric.hpp"

#include "engine/core/units.hpp"

#include <cmath>

namespace rg {

const std::vector<StrengthDirection>& strengthDirections() {
    static const std::vector<StrengthDirection> d{
        {"hip_flexion", "hip_flexion", 1},           {"hip_extension", "hip_flexion", -1},
        {"knee_extension", "knee_angle", 1},         {"knee_flexion", "knee_angle", -1},
        {"ankle_plantarflexion", "ankle_angle", -1}, {"ankle_dorsiflexion", "ankle_angle", 1},
        {"hip_abduction", "hip_adduction", -1},      {"hip_adduction", "hip_adduction", 1},
        {"lumbar_extension", "lumbar_extension", 1}, {"lumbar_flexion", "lumbar_extension", -1},
        {"lumbar_bending_right", "lumbar_bending", 1}, {"lumbar_bending_left", "lumbar_bending", -1},
        {"lumbar_rotation_left", "lumbar_rotation", 1}, {"lumbar_rotation_right", "lumbar_rotation", -1},
        {"hip_internal_rotation", "hip_rotation", 1},  {"hip_external_rotation", "hip_rotation", -1},
    };
    return d;
}

double isometricTorque(const MuscleSet& ms, const Eigen::VectorXd& q, int coordinate, double sign) {
    double tau = 0;
    for (int i = 0; i < ms.size(); ++i) {
        const double r = ms.momentArm(i, coordinate, q);
        if (r == 0.0) continue;
        const MuscleParameters& p = ms.muscles()[i].params;
        const double L = ms.length(i, q);
        const double a = sign * r > 0.0 ? 1.0 : 0.0;
        tau += r * steadyForce(ms.curves(), p, ms.settings().rigid_tendon, a, L);
    }
    return tau;
}

std::vector<MaxIsometricTorque> maxIsometricTorques(const MuscleSet& ms, const Model& model, const std::string& side) {
    std::vector<MaxIsometricTorque> out;
    const Eigen::VectorXd q = model.neutralPose();
    for (const auto& d : strengthDirections()) {
        int c = model.coordinateIndex(d.coordinate + "_" + side);
        if (c < 0) c = model.coordinateIndex(d.coordinate);
        if (c < 0) continue;
        const Coordinate& co = model.coordinates()[c];
        MaxIsometricTorque best;
        best.direction = d.name;
        best.coordinate = co.name;
        best.torque_nm = -1e300;
        Eigen::VectorXd qq = q;
        const int steps = int(std::floor(rad2deg(co.range_max - co.range_min) + 1e-9));
        for (int k = 0; k <= steps; ++k) {
            qq[c] = std::min(co.range_min + deg2rad(double(k)), co.range_max);
            const double t = d.sign * isometricTorque(ms, qq, c, d.sign);
            if (t > best.torque_nm) best.torque_nm = t, best.angle_rad = qq[c];
        }
        best.torque_nm = std::max(best.torque_nm, 0.0);
        out.push_back(best);
    }
    return out;
}

std::vector<DynamometryReference> dynamometryReference(double m, double h) {
    // Anderson, Madigan & Nussbaum 2007 (J Biomech 40:3105), Table 3, men 18–25 y: peak
    // isometric torque C1 normalised by body weight × height. The band is ±50 % of the mean,
    // about ±2 SD of healthy adults (dynamometry CVs of 20–25 %).
    const double wh = m * kGravity * h;
    auto anderson = [&](const char* dir, double c1) {
        return DynamometryReference{dir, c1 * wh, 0.5 * c1 * wh, 1.5 * c1 * wh,
                                    "Anderson, Madigan & Nussbaum 2007, J Biomech 40:3105 (men 18-25 y)"};
    };
    // Sugimoto et al. 2014 (Clin J Sport Med 24:422): hip abduction 1.29 ± 0.24 N·m/kg (men,
    // concentric 60°/s, a lower bound for isometric strength); adductor torques did not differ
    // between sexes and lie in the same range. Band 0.8–2.4 N·m/kg.
    auto frontal = [&](const char* dir) {
        return DynamometryReference{dir, 1.29 * m, 0.8 * m, 2.4 * m,
                                    "Sugimoto et al. 2014, Clin J Sport Med 24:422 (men, hip abduction 1.29 +/- 0.24 N m/kg)"};
    };
    return {anderson("hip_flexion", 0.113),          anderson("hip_extension", 0.161),
            anderson("knee_extension", 0.163),       anderson("knee_flexion", 0.087),
            anderson("ankle_plantarflexion", 0.095), anderson("ankle_dorsiflexion", 0.033),
            frontal("hip_abduction"),                frontal("hip_adduction")};
}

} // namespace rg
