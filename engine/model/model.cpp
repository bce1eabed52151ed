#include "engine/model/model.hpp"

#include "engine/core/error.hpp"

#include <Eigen/Dense>

namespace rg {

namespace {
Eigen::Vector3d ev(const Vec3& v) { return {v[0], v[1], v[2]}; }
Vec3 av(const Eigen::Vector3d& v) { return {v.x(), v.y(), v.z()}; }

ShapeDesc scaleShape(ShapeDesc s, double k) {
    for (auto& x : s.size) x *= k;
    for (auto& x : s.centre) x *= k;
    return s;
}
} // namespace

SegmentInertia partInertia(const PartDesc& p, double body_mass, double k) {
    SegmentInertia out;
    out.mass = p.mass_fraction * body_mass;
    const double L = p.length * k;
    const Eigen::Vector3d a = ev(p.axis).normalized();
    const Eigen::Vector3d com = ev(p.start) * k + a * (p.com_fraction * L);
    out.com = av(com);
    // Principal axes: longitudinal = part axis; transverse = the medio-lateral z axis (made
    // orthogonal to the part axis); sagittal = the remaining one.
    Eigen::Vector3d trans = Eigen::Vector3d::UnitZ() - a * a.z();
    if (trans.norm() < 1e-9) trans = Eigen::Vector3d::UnitX() - a * a.x();
    trans.normalize();
    const Eigen::Vector3d sag = trans.cross(a).normalized();
    auto term = [&](double r, const Eigen::Vector3d& e) -> Eigen::Matrix3d {
        const double rad = r * L;
        return out.mass * rad * rad * (e * e.transpose());
    };
    const Eigen::Matrix3d I = term(p.gyration[0], sag) + term(p.gyration[1], trans) + term(p.gyration[2], a);
    out.inertia = {I(0, 0), I(1, 1), I(2, 2)};
    return out;
}

SegmentInertia combine(const std::vector<SegmentInertia>& parts) {
    SegmentInertia s;
    Eigen::Vector3d c = Eigen::Vector3d::Zero();
    for (const auto& p : parts) {
        s.mass += p.mass;
        c += p.mass * ev(p.com);
    }
    if (s.mass <= 0) return s;
    c /= s.mass;
    Eigen::Matrix3d I = Eigen::Matrix3d::Zero();
    for (const auto& p : parts) {
        const Eigen::Vector3d d = ev(p.com) - c;
        I += Eigen::Vector3d(ev(p.inertia)).asDiagonal();
        I += p.mass * (d.squaredNorm() * Eigen::Matrix3d::Identity() - d * d.transpose());
    }
    s.com = av(c);
    s.inertia = {I(0, 0), I(1, 1), I(2, 2)};
    return s;
}

std::shared_ptr<const Model> Model::build(const ModelDesc& desc) {
    auto m = std::make_shared<Model>();
    m->desc_ = desc;
    const double k = desc.height / desc.reference_stature;
    for (const auto& sd : desc.segments) {
        Segment s;
        s.name = sd.name;
        std::vector<SegmentInertia> parts;
        for (const auto& p : sd.parts) parts.push_back(partInertia(p, desc.body_mass, k));
        s.inertial = combine(parts);
        for (const auto& sh : sd.shapes) s.shapes.push_back(scaleShape(sh, k));
        m->segments_.push_back(std::move(s));
    }
    for (const auto& jd : desc.joints) {
        Joint j;
        j.name = jd.name;
        j.type = jd.type;
        j.parent = m->segmentIndex(jd.parent);
        j.child = m->segmentIndex(jd.child);
        if (j.parent < 0 || j.child < 0)
            throw InputError(desc.file, "joints/" + jd.name, "names an unknown segment", "segments of the model");
        for (int i = 0; i < 3; ++i) j.location[i] = jd.location[i] * k;
        for (const auto& cd : jd.coordinates) {
            Coordinate c;
            c.name = cd.name;
            c.axis = cd.axis;
            c.range_min = cd.range_min;
            c.range_max = cd.range_max;
            c.neutral = cd.neutral;
            c.passive_stiffness = cd.passive_stiffness;
            c.passive_damping = cd.passive_damping;
            c.joint = int(m->joints_.size());
            j.coordinates.push_back(int(m->coordinates_.size()));
            m->coordinates_.push_back(c);
        }
        m->segments_[j.child].parent_joint = int(m->joints_.size());
        m->joints_.push_back(std::move(j));
    }
    return m;
}

Eigen::VectorXd Model::neutralPose() const {
    Eigen::VectorXd q(coordinates_.size());
    for (std::size_t c = 0; c < coordinates_.size(); ++c) q[c] = coordinates_[c].neutral;
    return q;
}

int Model::segmentIndex(const std::string& name) const {
    for (std::size_t i = 0; i < segments_.size(); ++i)
        if (segments_[i].name == name) return int(i);
    return -1;
}
int Model::coordinateIndex(const std::string& name) const {
    for (std::size_t i = 0; i < coordinates_.size(); ++i)
        if (coordinates_[i].name == name) return int(i);
    return -1;
}
int Model::jointIndex(const std::string& name) const {
    for (std::size_t i = 0; i < joints_.size(); ++i)
        if (joints_[i].name == name) return int(i);
    return -1;
}
double Model::totalMass() const {
    double m = 0;
    for (const auto& s : segments_) m += s.inertial.mass;
    return m;
}

} // namespace rg
