#pragma once
/// Colour maps of the studio: muscle activation (a muscle "lights up" from a muted blue at
/// rest through red to yellow at full activation; luminance rises monotonically, so it reads
/// in grey too) and the fixed colours of segments and overlays.
#include "engine/render/draw_list.hpp"

#include <string>

namespace rg {

/// Colour of an activation in [0, 1]; values outside are clamped, NaN gives neutral grey.
Colour activationColour(double activation);
/// Relative luminance (Rec. 709 weights) of a colour, 0..1.
double luminance(const Colour& c);
/// The legend of activationColour with `samples` (>= 2) evenly spaced values from 0 to 1.
ColourLegend activationLegend(int samples = 11);
/// Colour of a body segment by name: right-side segments a warm grey, left-side a cool grey
/// (so the sides read at a glance), trunk and pelvis neutral.
Colour segmentColour(const std::string& segment_name);

/// Fixed overlay colours.
namespace palette {
constexpr Colour kGroundReaction{0.10f, 0.75f, 0.30f, 1.0f};
constexpr Colour kJointContact{0.95f, 0.55f, 0.05f, 1.0f};
constexpr Colour kPush{0.85f, 0.10f, 0.85f, 1.0f};
constexpr Colour kCentreOfMass{0.95f, 0.95f, 0.95f, 1.0f};
constexpr Colour kExtrapolatedCom{0.10f, 0.70f, 0.95f, 1.0f};
constexpr Colour kBaseOfSupport{0.95f, 0.85f, 0.10f, 1.0f};
constexpr Colour kCentreOfPressure{0.10f, 0.55f, 0.20f, 1.0f};
constexpr Colour kBelt{0.16f, 0.17f, 0.19f, 1.0f};
constexpr Colour kBeltStripe{0.80f, 0.80f, 0.76f, 1.0f};
constexpr Colour kFloor{0.52f, 0.54f, 0.56f, 1.0f};
constexpr Colour kFloorGrid{0.44f, 0.46f, 0.48f, 1.0f};
} // namespace palette

} // namespace rg
