#include "engine/muscle/muscle_set.hpp"

#include "engine/physics/physics_world.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>

namespace rg {

namespace {

std::string muscleField(int json_index, const std::string& rest) {
    return "muscles/" + std::to_string(json_index) + "/" + rest;
}

/// Coordinate index of `base` on a side: "<base>_<side>" if the model has it, else "<base>".
int sidedCoordinate(const Model& m, const std::string& base, const std::string& side) {
    const int c = m.coordinateIndex(base + "_" + side);
    return c >= 0 ? c : m.coordinateIndex(base);
}

int sidedSegment(const Model& m, const std::string& base, const std::string& side) {
    const int s = m.segmentIndex(base + "_" + side);
    return s >= 0 ? s : m.segmentIndex(base);
}

double spanLengthChange(const MuscleSpan& s, double phi) {
    if (s.shape == MomentArmShape::Constant) return s.direction * s.rho * s.r * (phi - s.phi_ref);
    return s.direction * s.rho * s.r / s.s * (std::sin(s.s * (phi - s.phi_max)) - s.sin_ref);
}

/// ∂ΔL/∂φ
double spanLengthSlope(const MuscleSpan& s, double phi) {
    if (s.shape == MomentArmShape::Constant) return s.direction * s.rho * s.r;
    return s.direction * s.rho * s.r * std::cos(s.s * (phi - s.phi_max));
}

} // namespace

std::shared_ptr<const MuscleSet> MuscleSet::build(const Model& model, const StrengthScale& overrides,
                                                  const std::string& overrides_source) {
    auto set = std::make_shared<MuscleSet>();
    MuscleSet& ms = *set;
    const std::string& file = model.desc().file;
    ms.desc_ = parseMuscleSet(model.desc().muscles, file);
    const MuscleSettingsDesc& st = ms.desc_.settings;
    ms.n_coords_ = int(model.coordinates().size());
    ms.actuated_.assign(ms.n_coords_, false);
    for (const auto& c : model.coordinates()) ms.coordinate_names_.push_back(c.name);
    ms.body_mass_ = model.bodyMass();

    // Scaling to the body: lengths with height, Fmax with mass (PCSA ∝ volume / lopt, and
    // muscle volume ∝ mass × height, Handsfield et al. 2014 J Biomech 47:631 → Fmax ∝ mass).
    const double length_scale = model.height() / st.reference_height;
    const double force_scale = std::pow(model.bodyMass() / st.reference_body_mass, st.force_mass_exponent);
    const double path_scale = model.lengthScale();

    std::map<std::string, const JointAngleDesc*> angles;
    for (const auto& a : st.joint_angles) angles[a.name] = &a;

    // Strength keys: the file's, replaced by the overrides; every key must name something.
    std::map<std::string, std::pair<double, std::string>> strength;  // key → (factor, source)
    for (const auto& [k, v] : st.strength_scale) strength[k] = {v, file};
    for (const auto& [k, v] : overrides) {
        if (!(v >= 0.0 && v <= 10.0))
            throw InputError(overrides_source, "strength_scale/" + k, "factor out of range", "a number from 0 to 10");
        strength[k] = {v, overrides_source};
    }
    std::set<std::string> known;

    for (const MuscleDesc& d : ms.desc_.muscles) {
        for (const std::string& side : st.sides) {
            Muscle m;
            m.base = d.name;
            m.side = side;
            m.name = d.name + "_" + side;
            m.description = d.description;
            m.groups = d.groups;
            known.insert(m.base);
            known.insert(m.name);
            for (const auto& g : m.groups) known.insert(g);
            m.strength_scale = 1.0;
            for (const auto& [k, fv] : strength)
                if (k == m.base || k == m.name || std::find(m.groups.begin(), m.groups.end(), k) != m.groups.end())
                    m.strength_scale *= fv.first;
            m.params.max_isometric_force = d.max_isometric_force * force_scale * m.strength_scale;
            m.params.optimal_fibre_length = d.optimal_fibre_length * length_scale;
            m.params.tendon_slack_length = d.tendon_slack_length * length_scale;
            m.params.max_shortening_velocity = d.max_shortening_velocity;
            m.fast_twitch_percent = d.fast_twitch_percent;
            m.mass = m.params.max_isometric_force / st.specific_tension * st.muscle_density * m.params.optimal_fibre_length;
            for (std::size_t k = 0; k < d.spans.size(); ++k) {
                const MuscleSpanDesc& sd = d.spans[k];
                const JointAngleDesc& a = *angles.at(sd.joint_angle);
                MuscleSpan s;
                s.coordinate = sidedCoordinate(model, a.coordinate, side);
                if (s.coordinate < 0) {
                    std::string allowed;
                    for (const auto& c : model.coordinates()) allowed += (allowed.empty() ? "" : ", ") + c.name;
                    throw InputError(file, muscleField(d.json_index, "spans/" + std::to_string(k) + "/joint_angle"),
                                     "joint angle \"" + a.name + "\" uses coordinate \"" + a.coordinate +
                                         "\", which the model does not have (with or without _" + side + ")",
                                     allowed);
                }
                s.angle_offset = a.offset;
                s.angle_sign = a.sign * (a.mirror_left && side == "l" ? -1.0 : 1.0);
                s.shape = sd.shape;
                s.r = sd.r * length_scale;
                s.s = (sd.shape == MomentArmShape::Cosine && sd.r_min > 0) ? std::acos(sd.r_min / sd.r) / (sd.phi_min - sd.phi_max) : 1.0;
                s.phi_max = sd.phi_max;
                s.phi_ref = sd.phi_ref;
                s.rho = sd.rho;
                s.direction = sd.lengthens_as_angle_grows ? 1.0 : -1.0;
                s.sin_ref = std::sin(s.s * (s.phi_ref - s.phi_max));
                ms.actuated_[s.coordinate] = true;
                m.spans.push_back(s);
            }
            for (std::size_t k = 0; k < d.path.size(); ++k) {
                MusclePathPoint p;
                p.segment = sidedSegment(model, d.path[k].segment, side);
                if (p.segment < 0) {
                    std::string allowed;
                    for (const auto& sg : model.segments()) allowed += (allowed.empty() ? "" : ", ") + sg.name;
                    throw InputError(file, muscleField(d.json_index, "path/" + std::to_string(k) + "/segment"),
                                     "unknown segment \"" + d.path[k].segment + "\"", "a segment base name: " + allowed);
                }
                const double mirror = side == "l" ? -1.0 : 1.0;
                p.point = Eigen::Vector3d(d.path[k].point[0], d.path[k].point[1], mirror * d.path[k].point[2]) * path_scale;
                m.path.push_back(p);
            }
            ms.muscles_.push_back(std::move(m));
        }
    }
    for (const auto& [k, fv] : strength)
        if (!known.count(k)) {
            std::string allowed;
            for (const auto& n : known) allowed += (allowed.empty() ? "" : ", ") + n;
            throw InputError(fv.second, fv.second == file ? "muscles/settings/strength_scale/" + k : "strength_scale/" + k,
                             "unknown muscle or group \"" + k + "\"", allowed);
        }
    return set;
}

int MuscleSet::index(const std::string& name) const {
    for (int i = 0; i < size(); ++i)
        if (muscles_[i].name == name) return i;
    return -1;
}

double MuscleSet::length(int mi, const Eigen::VectorXd& q) const {
    const Muscle& m = muscles_[mi];
    double L = m.params.tendon_slack_length + m.params.optimal_fibre_length;
    for (const auto& s : m.spans) L += spanLengthChange(s, s.angle_offset + s.angle_sign * q[s.coordinate]);
    return L;
}

double MuscleSet::momentArm(int mi, int coordinate, const Eigen::VectorXd& q) const {
    double r = 0;
    for (const auto& s : muscles_[mi].spans)
        if (s.coordinate == coordinate) r -= spanLengthSlope(s, s.angle_offset + s.angle_sign * q[s.coordinate]) * s.angle_sign;
    return r;
}

void MuscleSet::lengthsAndMomentArms(const Eigen::VectorXd& q, Eigen::VectorXd& L, Eigen::MatrixXd& R) const {
    L.resize(size());
    R.setZero(n_coords_, size());
    for (int i = 0; i < size(); ++i) {
        const Muscle& m = muscles_[i];
        double len = m.params.tendon_slack_length + m.params.optimal_fibre_length;
        for (const auto& s : m.spans) {
            const double phi = s.angle_offset + s.angle_sign * q[s.coordinate];
            len += spanLengthChange(s, phi);
            R(s.coordinate, i) -= spanLengthSlope(s, phi) * s.angle_sign;
        }
        L[i] = len;
    }
}

std::vector<Eigen::Vector3d> MuscleSet::pathInWorld(int mi, const PhysicsWorld& world) const {
    std::vector<Eigen::Vector3d> out;
    for (const auto& p : muscles_[mi].path) {
        const Pose pose = world.segmentPose(p.segment);
        out.push_back(pose.position + pose.orientation * p.point);
    }
    return out;
}

StrengthScale parseStrengthScale(const std::string& text, const std::string& option) {
    StrengthScale out;
    std::stringstream ss(text);
    std::string item;
    const std::string allowed = "comma-separated NAME=FACTOR pairs, e.g. VAS=0.5,plantarflexors=0.8 (factor 0 to 10)";
    while (std::getline(ss, item, ',')) {
        if (item.empty()) continue;
        const auto eq = item.find('=');
        if (eq == std::string::npos || eq == 0) throw InputError("command line", option, "\"" + item + "\" is not NAME=FACTOR", allowed);
        const std::string name = item.substr(0, eq), value = item.substr(eq + 1);
        char* end = nullptr;
        const double f = std::strtod(value.c_str(), &end);
        if (value.empty() || *end != '\0' || !(f >= 0.0 && f <= 10.0))
            throw InputError("command line", option, "factor \"" + value + "\" for " + name + " is not a number from 0 to 10", allowed);
        out[name] = f;
    }
    return out;
}

} // namespace rg
