#pragma once
/// The studio's ImGui interface: the control panel (scene, gait, belt speed, incline, body,
/// pushes, playback, display, recording), the live plots (last strides and the gait cycle with
/// the other gait's mean), the activation legend, and the muscle under the mouse.
#include "engine/render/camera.hpp"
#include "engine/render/gait_plots.hpp"
#include "engine/render/walker_scene.hpp"
#include "runner.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace studio {

struct FrameStats {
    double frame_ms = 16.7;   ///< smoothed time between frames
    double scene_ms = 0;      ///< 3D drawing (CPU side)
    double ui_ms = 0;         ///< ImGui build and draw
};

struct UiRect {
    float x, y, w, h;
};

/// What the interface needs for one frame.
struct UiContext {
    SimRunner& runner;
    const Frame& frame;
    std::vector<rg::GaitPlotData>& plots;
    rg::OrbitCamera& camera;
    const FrameStats& stats;
    int width, height, panel_width, plots_height;
    std::size_t views;
    int hovered_view = -1, hovered_muscle = -1;
    std::vector<UiRect> view_rects;
};

class UiState {
public:
    UiState();
    rg::DrawOptions draw;
    bool show_plots = true, shadows = true, follow = true;
    std::optional<double> excitation;
    std::string selected_muscle;
    bool screenshot_requested = false;
    std::string screenshot_path = "studio.png";
    double last_step_cost_us = 0, last_publish_cost_us = 0;

    /// Brings the panel's values in line with freshly built walkers.
    void onRebuilt(SimRunner& runner, const Frame& frame);
    /// Rebuilds the walkers with the panel's current settings (the Reset button).
    void requestReset(SimRunner& runner);
    void build(UiContext& ctx);

private:
    StudioConfig currentConfig() const;
    void controlPanel(UiContext& ctx);
    void plotsWindow(UiContext& ctx);
    void legend(UiContext& ctx);
    void muscleTooltip(UiContext& ctx);
    void viewLabels(UiContext& ctx);

    std::vector<std::string> scenes_;
    int scene_index_ = 0;
    std::string model_path_;
    std::uint64_t seed_ = 1;
    float speed_ = 1.25f, incline_ = 0, mass_ = 75, height_ = 1.75, playback_ = 1;
    int gait_ = 0;
    bool side_by_side_ = false;
    bool recording_ = false;
    char record_dir_[256] = "out/studio";
    char shot_path_[256] = "studio.png";
    float push_n_ = 100, push_s_ = 0.2f;
    std::vector<std::string> muscle_groups_;
    std::map<std::string, float> strength_;   ///< factor per muscle group (1: as in the model)
    bool initialised_ = false;
};

/// The full name of a muscle from its abbreviation with side ("GLU_r" → "gluteus maximus (right)").
std::string muscleFullName(const std::string& name);

} // namespace studio
