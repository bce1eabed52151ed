#pragma once
/// An orbiting camera (view and projection matrices in OpenGL's conventions, column-major
/// Eigen floats) and screen-space picking of muscles in a DrawList. GL-free.
#include "engine/render/draw_list.hpp"

namespace rg {

struct OrbitCamera {
    Eigen::Vector3d target{0, 0.9, 0};   ///< m, the point looked at
    /// Angle about the vertical (rad): 0 looks from the walker's right side (+z), so the
    /// walking direction (+x) points right on screen; π/2 looks from the front (+x).
    double azimuth = 0.7;
    double elevation = 0.16;             ///< rad above the horizontal
    double distance = 2.9;               ///< m
    double fov_y = 0.70;                 ///< rad, vertical field of view
    double near_m = 0.05, far_m = 300;

    void sideView() { azimuth = 0; elevation = 0.05; }
    void frontView() { azimuth = 1.5707963267948966; elevation = 0.05; }
    void orbit(double d_azimuth, double d_elevation);   ///< elevation kept within ±85°
    void zoom(double factor);                            ///< distance × factor, 0.5 m .. 50 m
    Eigen::Vector3d eye() const;
    Eigen::Matrix4f view() const;
    Eigen::Matrix4f projection(double aspect) const;
};

/// Window coordinates (pixels, origin top-left, y down) and depth in [0, 1] of a world point;
/// `visible` false when it is behind the camera.
struct ScreenPoint {
    double x = 0, y = 0, depth = 0;
    bool visible = false;
};
ScreenPoint projectToScreen(const Eigen::Vector3d& p, const Eigen::Matrix4f& view_projection, int width, int height);

/// The muscle whose drawn path passes nearest the mouse (pixels, origin top-left), if within
/// `tolerance_px` of it; -1 otherwise.
int pickMuscle(const DrawList& list, const Eigen::Matrix4f& view_projection, int width, int height, double mouse_x,
               double mouse_y, double tolerance_px = 8);

} // namespace rg
