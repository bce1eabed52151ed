#include "engine/render/colour_map.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace rg {

namespace {
struct Stop {
    double at;
    Colour c;
};
// Muted blue at rest, red at half, yellow at full activation: the endpoints and the middle of
// the usual "cool to hot" maps; each stop is brighter than the last.
constexpr Stop kActivationStops[] = {
    {0.0, {0.22f, 0.32f, 0.62f, 1.0f}},
    {0.5, {0.86f, 0.22f, 0.20f, 1.0f}},
    {1.0, {1.00f, 0.88f, 0.22f, 1.0f}},
};

float lerp(float a, float b, double t) { return float(a + (b - a) * t); }
} // namespace

Colour activationColour(double a) {
    if (std::isnan(a)) return {0.5f, 0.5f, 0.5f, 1.0f};
    a = std::clamp(a, 0.0, 1.0);
    const auto& s = kActivationStops;
    const int n = int(std::size(s));
    for (int i = 1; i < n; ++i) {
        if (a <= s[i].at) {
            const double t = (a - s[i - 1].at) / (s[i].at - s[i - 1].at);
            return {lerp(s[i - 1].c.r, s[i].c.r, t), lerp(s[i - 1].c.g, s[i].c.g, t),
                    lerp(s[i - 1].c.b, s[i].c.b, t), 1.0f};
        }
    }
    return s[n - 1].c;
}

double luminance(const Colour& c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }

ColourLegend activationLegend(int samples) {
    if (samples < 2) throw std::invalid_argument("activationLegend: at least two samples");
    ColourLegend l;
    l.title = "muscle activation";
    l.unit = "";
    l.min = 0;
    l.max = 1;
    for (int i = 0; i < samples; ++i) {
        const double v = double(i) / (samples - 1);
        l.values.push_back(v);
        l.colours.push_back(activationColour(v));
    }
    return l;
}

Colour segmentColour(const std::string& name) {
    const auto ends = [&](const char* suffix) {
        const std::string s(suffix);
        return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
    };
    if (ends("_r")) return {0.80f, 0.74f, 0.68f, 1.0f};
    if (ends("_l")) return {0.68f, 0.72f, 0.78f, 1.0f};
    return {0.78f, 0.77f, 0.75f, 1.0f};
}

} // namespace rg
