#include "plots.hpp"

#include <algorithm>
#include <cmath>
#include <climits>
#include <cstdint>
#include <cstdio>

namespace studio {

ImU32 seriesColour(int i, int alpha) {
    static const int rgb[][3] = {{230, 90, 70}, {80, 160, 230}, {110, 200, 90}, {240, 190, 60},
                                 {190, 110, 220}, {70, 210, 200}, {240, 140, 180}, {170, 170, 170}};
    const auto& c = rgb[i % 8];
    return IM_COL32(c[0], c[1], c[2], alpha);
}

void linePlot(const char* id, const PlotAxes& ax, const std::vector<Series>& series, ImVec2 size) {
    ImGui::PushID(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
    ImGui::InvisibleButton("plot", size);
    const bool hovered = ImGui::IsItemHovered();
    const float title_h = ImGui::GetTextLineHeight() + 2;
    const float left = 46, right = 6, bottom = 4;
    const ImVec2 a(p0.x + left, p0.y + title_h), b(p0.x + size.x - right, p0.y + size.y - bottom);
    dl->AddRect(a, b, IM_COL32(60, 64, 72, 255));
    dl->AddText(ImVec2(p0.x + 4, p0.y), IM_COL32(230, 230, 230, 255),
                (ax.title + (ax.y_unit.empty() ? "" : "  [" + ax.y_unit + "]")).c_str());

    float lo = INFINITY, hi = -INFINITY;
    for (const auto& s : series)
        for (std::size_t i = 0; i < s.y.size(); ++i)
            if (std::isfinite(s.y[i]) && s.x[i] >= ax.x_min && s.x[i] <= ax.x_max) {
                lo = std::min(lo, s.y[i]);
                hi = std::max(hi, s.y[i]);
            }
    if (!(lo <= hi)) {
        dl->AddText(ImVec2(a.x + 8, a.y + 6), IM_COL32(160, 160, 160, 255), "no data yet");
        ImGui::PopID();
        return;
    }
    if (hi - lo < 1e-3f) {
        lo -= 0.5f;
        hi += 0.5f;
    }
    const float pad = 0.08f * (hi - lo);
    lo -= pad;
    hi += pad;
    auto X = [&](float x) { return a.x + (x - ax.x_min) / std::max(ax.x_max - ax.x_min, 1e-6f) * (b.x - a.x); };
    auto Y = [&](float y) { return b.y - (y - lo) / (hi - lo) * (b.y - a.y); };
    char buf[64];
    for (float v : {lo + pad, hi - pad}) {
        std::snprintf(buf, sizeof buf, "%.3g", v);
        dl->AddText(ImVec2(p0.x + 2, Y(v) - 7), IM_COL32(170, 170, 170, 255), buf);
        dl->AddLine(ImVec2(a.x, Y(v)), ImVec2(b.x, Y(v)), IM_COL32(60, 64, 70, 255));
    }
    if (lo < 0 && hi > 0) dl->AddLine(ImVec2(a.x, Y(0)), ImVec2(b.x, Y(0)), IM_COL32(110, 110, 120, 255));
    for (float xm : ax.x_marks)
        if (xm >= ax.x_min && xm <= ax.x_max) dl->AddLine(ImVec2(X(xm), a.y), ImVec2(X(xm), b.y), IM_COL32(90, 90, 60, 255));
    dl->PushClipRect(a, b, true);
    std::vector<ImVec2> pts;
    for (const auto& s : series) {
        pts.clear();
        // At most two points per pixel column (its minimum and maximum, in time order), so a
        // long history costs what the plot's width costs.
        int column = INT32_MIN;
        ImVec2 lo_pt, hi_pt;
        auto flush = [&]() {
            if (column == INT32_MIN) return;
            if (lo_pt.x == hi_pt.x && lo_pt.y == hi_pt.y) pts.push_back(lo_pt);
            else if (lo_pt.x <= hi_pt.x) {
                pts.push_back(lo_pt);
                pts.push_back(hi_pt);
            } else {
                pts.push_back(hi_pt);
                pts.push_back(lo_pt);
            }
        };
        for (std::size_t i = 0; i < s.y.size(); ++i) {
            if (!std::isfinite(s.y[i]) || s.x[i] < ax.x_min || s.x[i] > ax.x_max) continue;
            const ImVec2 p(X(s.x[i]), Y(s.y[i]));
            const int c = int(p.x);
            if (c != column) {
                flush();
                column = c;
                lo_pt = hi_pt = p;
            } else {
                if (p.y > lo_pt.y) lo_pt = p;   // screen y grows downwards: the lowest value
                if (p.y < hi_pt.y) hi_pt = p;
            }
        }
        flush();
        if (pts.size() < 2) continue;
        if (!s.dashed) {
            dl->AddPolyline(pts.data(), int(pts.size()), s.colour, 0, s.thickness);
        } else {
            for (std::size_t i = 1; i < pts.size(); ++i)
                if ((i / 3) % 2 == 0) dl->AddLine(pts[i - 1], pts[i], s.colour, s.thickness);
        }
    }
    dl->PopClipRect();
    // Legend: solid series by name, wrapped inside the top of the plot; dashed series (the
    // other gait's means) share one grey entry.
    {
        float lx = a.x + 4, ly = a.y + 2;
        const float lh = ImGui::GetTextLineHeight();
        auto entry = [&](const std::string& name, ImU32 colour, bool dashed) {
            const float w = 16 + ImGui::CalcTextSize(name.c_str()).x + 8;
            if (lx + w > b.x && lx > a.x + 4) {
                lx = a.x + 4;
                ly += lh;
            }
            dl->AddRectFilled(ImVec2(lx - 2, ly), ImVec2(lx + w - 4, ly + lh), IM_COL32(22, 24, 28, 200));
            if (dashed) {
                dl->AddLine(ImVec2(lx, ly + lh / 2), ImVec2(lx + 5, ly + lh / 2), colour, 2);
                dl->AddLine(ImVec2(lx + 8, ly + lh / 2), ImVec2(lx + 13, ly + lh / 2), colour, 2);
            } else {
                dl->AddLine(ImVec2(lx, ly + lh / 2), ImVec2(lx + 13, ly + lh / 2), colour, 2.5f);
            }
            dl->AddText(ImVec2(lx + 16, ly), IM_COL32(225, 225, 225, 255), name.c_str());
            lx += w;
        };
        std::string dashed_name;
        for (const auto& s : series) {
            if (s.dashed) {
                if (dashed_name.empty()) dashed_name = s.name;
                continue;
            }
            entry(s.name, s.colour, false);
        }
        if (!dashed_name.empty()) entry(dashed_name, IM_COL32(190, 190, 190, 255), true);
    }
    if (hovered) {
        const float mx = ImGui::GetIO().MousePos.x;
        const float xv = ax.x_min + (mx - a.x) / (b.x - a.x) * (ax.x_max - ax.x_min);
        dl->AddLine(ImVec2(mx, a.y), ImVec2(mx, b.y), IM_COL32(200, 200, 200, 120));
        std::string tip = ax.x_label + " " + std::to_string(xv).substr(0, 5);
        for (const auto& s : series) {
            if (s.x.empty()) continue;
            const auto it = std::lower_bound(s.x.begin(), s.x.end(), xv);
            if (it == s.x.end()) continue;
            std::snprintf(buf, sizeof buf, "\n%s: %.3g", s.name.c_str(), s.y[it - s.x.begin()]);
            tip += buf;
        }
        ImGui::SetTooltip("%s", tip.c_str());
    }
    ImGui::PopID();
}

} // namespace studio
