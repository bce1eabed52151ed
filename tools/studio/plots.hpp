#pragma once
/// Line plots drawn with ImGui's draw list (ImGui 1.86 has no multi-series plot): several
/// series on one axis, a zero line, y-range from the data, a legend, and a hover readout.
#include <imgui.h>

#include <string>
#include <vector>

namespace studio {

struct Series {
    std::string name;
    std::vector<float> x, y;   ///< same length
    ImU32 colour = IM_COL32(255, 255, 255, 255);
    bool dashed = false;
    float thickness = 2.0f;  // whole pixels: ImGui draws these as cheap textured lines
};

struct PlotAxes {
    std::string title, x_label, y_unit;
    float x_min = 0, x_max = 1;
    std::vector<float> x_marks;   ///< vertical guide lines (e.g. initial contacts)
};

/// Draws one plot `size` pixels large at the cursor.
void linePlot(const char* id, const PlotAxes& axes, const std::vector<Series>& series, ImVec2 size);

/// A distinct colour for the i-th series.
ImU32 seriesColour(int i, int alpha = 255);

} // namespace studio
