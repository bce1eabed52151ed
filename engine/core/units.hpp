#pragma once
/// Physical constants and unit conversions. SI and radians inside the engine.
#include <cmath>

namespace rg {

constexpr double kPi = 3.14159265358979323846;
constexpr double kGravity = 9.81;  ///< m/s², standard value used throughout gait analysis

constexpr double deg2rad(double d) { return d * kPi / 180.0; }
constexpr double rad2deg(double r) { return r * 180.0 / kPi; }

} // namespace rg
