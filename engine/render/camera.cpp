#include "engine/render/camera.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rg {

void OrbitCamera::orbit(double da, double de) {
    azimuth += da;
    elevation = std::clamp(elevation + de, -1.48, 1.48);
}

void OrbitCamera::zoom(double f) { distance = std::clamp(distance * f, 0.5, 50.0); }

Eigen::Vector3d OrbitCamera::eye() const {
    const double c = std::cos(elevation);
    return target + distance * Eigen::Vector3d(c * std::sin(azimuth), std::sin(elevation), c * std::cos(azimuth));
}

Eigen::Matrix4f OrbitCamera::view() const {
    const Eigen::Vector3d e = eye();
    const Eigen::Vector3d f = (target - e).normalized();
    const Eigen::Vector3d s = f.cross(Eigen::Vector3d::UnitY()).normalized();
    const Eigen::Vector3d u = s.cross(f);
    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
    m.block<1, 3>(0, 0) = s.transpose();
    m.block<1, 3>(1, 0) = u.transpose();
    m.block<1, 3>(2, 0) = -f.transpose();
    m(0, 3) = -s.dot(e);
    m(1, 3) = -u.dot(e);
    m(2, 3) = f.dot(e);
    return m.cast<float>();
}

Eigen::Matrix4f OrbitCamera::projection(double aspect) const {
    const double t = 1.0 / std::tan(fov_y / 2);
    Eigen::Matrix4d p = Eigen::Matrix4d::Zero();
    p(0, 0) = t / aspect;
    p(1, 1) = t;
    p(2, 2) = -(far_m + near_m) / (far_m - near_m);
    p(2, 3) = -2 * far_m * near_m / (far_m - near_m);
    p(3, 2) = -1;
    return p.cast<float>();
}

ScreenPoint projectToScreen(const Eigen::Vector3d& p, const Eigen::Matrix4f& vp, int w, int h) {
    const Eigen::Vector4f c = vp * Eigen::Vector4f(float(p.x()), float(p.y()), float(p.z()), 1.0f);
    ScreenPoint s;
    if (c.w() <= 1e-6f) return s;
    const Eigen::Vector3f ndc = c.head<3>() / c.w();
    s.x = (ndc.x() * 0.5 + 0.5) * w;
    s.y = (1.0 - (ndc.y() * 0.5 + 0.5)) * h;
    s.depth = ndc.z() * 0.5 + 0.5;
    s.visible = true;
    return s;
}

namespace {
double distanceToSegment(double px, double py, const ScreenPoint& a, const ScreenPoint& b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((px - a.x) * dx + (py - a.y) * dy) / len2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(px - (a.x + t * dx), py - (a.y + t * dy));
}
} // namespace

int pickMuscle(const DrawList& list, const Eigen::Matrix4f& vp, int w, int h, double mx, double my, double tol) {
    int best = -1;
    double best_d = std::numeric_limits<double>::infinity();
    for (int i = 0; i < int(list.muscles.size()); ++i) {
        const auto& path = list.muscles[i].path;
        for (std::size_t k = 1; k < path.size(); ++k) {
            const ScreenPoint a = projectToScreen(path[k - 1], vp, w, h);
            const ScreenPoint b = projectToScreen(path[k], vp, w, h);
            if (!a.visible || !b.visible) continue;
            const double d = distanceToSegment(mx, my, a, b);
            if (d < best_d) {
                best_d = d;
                best = i;
            }
        }
    }
    return best_d <= tol ? best : -1;
}

} // namespace rg
