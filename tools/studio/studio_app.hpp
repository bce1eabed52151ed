#pragma once
/// The studio's window: GLFW + OpenGL 3.3 core + ImGui. Interactive (the walker at real time,
/// the control panel, live plots), a frame-time benchmark, or one offscreen screenshot.
#include "engine/render/walker_scene.hpp"
#include "runner.hpp"

#include <optional>
#include <string>

namespace studio {

struct AppOptions {
    StudioConfig config;
    double seconds = 0;              ///< screenshot mode: simulated time before the picture
    std::string screenshot;          ///< non-empty: render one frame offscreen to this PNG and exit
    int width = 1280, height = 720;
    bool ui = true;                  ///< draw the control panel and plots (also in screenshots)
    bool plots = true;
    std::string view = "orbit";      ///< initial camera: orbit, side or front
    /// Multisampling (0: off); -1: automatic (4, but none in an interactive window on a
    /// software renderer such as llvmpipe, where it costs more than the rest of the frame).
    int samples = -1;
    bool shadows = true;
    bool follow = true;              ///< the camera follows the pelvis
    rg::DrawOptions draw;            ///< what to show at the start (the opacity is chosen below)
    std::optional<float> body_opacity;   ///< default: 0.35 when the walker has muscles, else 1
    int benchmark_frames = 0;        ///< > 0: run this many interactive frames, print timings, exit
    std::optional<double> excitation;   ///< drive every muscle at this excitation (0..1)
    /// Record from the start and write the files of `retrogait run` here at the end (screenshot
    /// mode: after --seconds; interactive: when the window closes).
    std::string record_dir;
};

/// Returns the process exit status (0 ok, 1 no display or GL failure).
int runStudio(const AppOptions& options, SimRunner& runner);

} // namespace studio
