#include "studio_app.hpp"

#include "engine/render/camera.hpp"
#include "engine/render/gait_plots.hpp"
#include "framebuffer.hpp"
#include "panels.hpp"
#include "renderer.hpp"

#include <epoxy/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <numeric>

namespace studio {

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

struct Rect {
    int x = 0, y = 0, w = 0, h = 0;   ///< pixels, origin top-left
    bool contains(double px, double py) const { return px >= x && px < x + w && py >= y && py < y + h; }
};

class Studio {
public:
    Studio(const AppOptions& o, SimRunner& r, GLFWwindow* w) : opt_(o), runner_(r), window_(w) {
        // Muscles run inside the body: it is drawn translucent when there are muscles (called
        // before the worker starts, so the sessions can be asked directly).
        bool muscles = false;
        for (const auto& s : runner_.sessions()) muscles |= s.hasMuscles();
        ui_.draw = o.draw;
        ui_.draw.body_opacity = o.body_opacity ? *o.body_opacity : (muscles ? 0.35f : 1.0f);
        ui_.show_plots = o.plots;
        ui_.shadows = o.shadows;
        ui_.follow = o.follow;
        ui_.excitation = o.excitation;
        if (o.view == "side") camera_.sideView();
        else if (o.view == "front") camera_.frontView();
        runner_.setDrawOptions(ui_.draw);
        if (o.excitation) {
            const double e = *o.excitation;
            runner_.post([e](SimRunner& s) {
                for (auto& x : s.sessions()) x.setExcitationOverride(e);
            });
        }
    }

    /// Takes the newest frame from the runner and feeds the plots.
    void update() {
        Frame f;
        if (!runner_.take(f)) return;
        if (f.generation != generation_) {
            plots_.clear();
            for (const auto& s : f.status) plots_.emplace_back(s.plot_channels, 6.0, 101, 10);
            generation_ = f.generation;
            ui_.onRebuilt(runner_, f);
        }
        for (std::size_t i = 0; i < f.rows.size() && i < plots_.size(); ++i)
            for (const auto& r : f.rows[i])
                if (plots_[i].times().empty() || r.time_s > plots_[i].times().back())
                    plots_[i].add(r.time_s, r.right_vertical_grf_n, r.gait, r.values);
        frame_ = std::move(f);
        have_frame_ = true;
    }

    Rect sceneArea(int W, int H) const {
        Rect r{0, 0, W, H};
        if (!opt_.ui) return r;
        r.x = kPanelWidth;
        r.w = std::max(1, W - kPanelWidth);
        if (ui_.show_plots) r.h = std::max(1, H - plotsHeight(H));
        return r;
    }
    static int plotsHeight(int H) { return int(std::lround(0.38 * H)); }

    std::vector<Rect> views(int W, int H) const {
        const Rect a = sceneArea(W, H);
        const int n = std::max<int>(1, int(frame_.lists.size()));
        std::vector<Rect> v;
        for (int i = 0; i < n; ++i) v.push_back({a.x + a.w * i / n, a.y, a.w / n, a.h});
        return v;
    }

    rg::OrbitCamera cameraFor(int i) const {
        rg::OrbitCamera c = camera_;
        if (ui_.follow && i < int(frame_.lists.size())) {
            const Eigen::Vector3d f = frame_.lists[i].focus;
            c.target = {f.x(), std::max(0.5, f.y() - 0.05), f.z()};
        } else {
            c.target = manual_target_;
        }
        return c;
    }

    /// Clears the panel and plot rectangles (their ImGui windows draw no background).
    void clearPanels(int fb_w, int fb_h, int W, int H) const {
        if (!opt_.ui) return;
        const double sx = double(fb_w) / W, sy = double(fb_h) / H;
        glEnable(GL_SCISSOR_TEST);
        glClearColor(0.075f, 0.08f, 0.09f, 1.0f);
        glScissor(0, 0, int(kPanelWidth * sx), fb_h);
        glClear(GL_COLOR_BUFFER_BIT);
        if (ui_.show_plots) {
            const Rect a = sceneArea(W, H);
            glScissor(int(a.x * sx), 0, fb_w - int(a.x * sx), fb_h - int((a.y + a.h) * sy));
            glClear(GL_COLOR_BUFFER_BIT);
        }
        glDisable(GL_SCISSOR_TEST);
    }

    /// Draws the 3D views into the bound framebuffer (fb_w × fb_h pixels; window W × H).
    void render3d(int fb_w, int fb_h, int W, int H) {
        if (!have_frame_) return;
        const double sx = double(fb_w) / W, sy = double(fb_h) / H;
        RenderOptions ro;
        ro.shadows = ui_.shadows;
        const auto vs = views(W, H);
        for (std::size_t i = 0; i < frame_.lists.size() && i < vs.size(); ++i) {
            const Rect& r = vs[i];
            const int x = int(r.x * sx), w = int(r.w * sx), h = int(r.h * sy);
            const int y = fb_h - int((r.y + r.h) * sy);
            renderer_.render({&frame_.lists[i]}, cameraFor(int(i)), x, y, w, h, ro);
        }
    }

    void handleInput(int W, int H) {
        ImGuiIO& io = ImGui::GetIO();
        hovered_muscle_ = {-1, -1};
        if (!have_frame_) return;
        const auto vs = views(W, H);
        const double mx = io.MousePos.x, my = io.MousePos.y;
        int view = -1;
        for (int i = 0; i < int(vs.size()); ++i)
            if (vs[i].contains(mx, my)) view = i;
        if (!io.WantCaptureMouse && view >= 0) {
            if (ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
                camera_.orbit(-io.MouseDelta.x * 0.008, io.MouseDelta.y * 0.006);
            } else if (ImGui::IsMouseDragging(ImGuiMouseButton_Right) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle)) {
                if (ui_.follow) manual_target_ = cameraFor(view).target;
                ui_.follow = false;
                const rg::OrbitCamera c = cameraFor(view);
                const Eigen::Vector3d fwd = (c.target - c.eye()).normalized();
                const Eigen::Vector3d right = fwd.cross(Eigen::Vector3d::UnitY()).normalized();
                const Eigen::Vector3d up = right.cross(fwd);
                const double k = c.distance * 0.0015;
                manual_target_ += (-io.MouseDelta.x * right + io.MouseDelta.y * up) * k;
            }
            if (io.MouseWheel != 0) camera_.zoom(std::pow(0.9, io.MouseWheel));
            // Hover and click: the muscle under the mouse.
            const Rect& r = vs[view];
            const rg::OrbitCamera c = cameraFor(view);
            const Eigen::Matrix4f vp = c.projection(double(r.w) / std::max(r.h, 1)) * c.view();
            const int m = rg::pickMuscle(frame_.lists[view], vp, r.w, r.h, mx - r.x, my - r.y, 8);
            if (m >= 0) hovered_muscle_ = {view, m};
            if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && m >= 0) ui_.selected_muscle = frame_.lists[view].muscles[m].name;
        }
        if (!io.WantCaptureKeyboard) {
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space))) runner_.setPaused(!runner_.paused());
            if (ImGui::IsKeyPressed('.')) runner_.singleStep();
            if (ImGui::IsKeyPressed('1')) camera_.sideView();
            if (ImGui::IsKeyPressed('2')) camera_.frontView();
            if (ImGui::IsKeyPressed('F')) ui_.follow = !ui_.follow;
            if (ImGui::IsKeyPressed('R')) ui_.requestReset(runner_);
            if (ImGui::IsKeyPressed('P')) ui_.screenshot_requested = true;
        }
    }

    void buildUi(int W, int H, const FrameStats& stats) {
        const auto vs = views(W, H);
        std::vector<UiRect> rects;
        for (const auto& v : vs) rects.push_back({float(v.x), float(v.y), float(v.w), float(v.h)});
        UiContext ctx{runner_, frame_, plots_, camera_, stats, W, H, kPanelWidth, plotsHeight(H), vs.size(),
                      hovered_muscle_.first, hovered_muscle_.second, rects};
        ui_.build(ctx);
        runner_.setDrawOptions(ui_.draw);
    }

    UiState& ui() { return ui_; }
    bool haveFrame() const { return have_frame_; }

    static constexpr int kPanelWidth = 340;

private:
    const AppOptions& opt_;
    SimRunner& runner_;
    GLFWwindow* window_;
    Renderer renderer_;
    rg::OrbitCamera camera_;
    Eigen::Vector3d manual_target_{0, 0.9, 0};
    Frame frame_;
    bool have_frame_ = false;
    long long generation_ = -1;
    std::vector<rg::GaitPlotData> plots_;
    UiState ui_;
    std::pair<int, int> hovered_muscle_{-1, -1};
};

void glfwError(int code, const char* what) { std::cerr << "retrogait-studio: GLFW error " << code << ": " << what << "\n"; }

void saveWindowScreenshot(const std::string& path, int fb_w, int fb_h) {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glReadBuffer(GL_BACK);
    writePng(path, readFramebuffer(fb_w, fb_h), fb_w, fb_h);
}

int screenshotMode(const AppOptions& o, SimRunner& runner, GLFWwindow* window) {
    if (!o.record_dir.empty()) runner.startRecordings();
    runner.advance(o.seconds);
    Studio st(o, runner, window);
    if (o.excitation) runner.advance(0.3);  // let the activation follow the set excitation
    if (!o.record_dir.empty()) std::cout << runner.stopRecordings(o.record_dir) << "\n";
    runner.publish();
    st.update();
    OffscreenTarget target(o.width, o.height, o.samples);
    FrameStats stats;
    // ImGui lays windows out over its first frames: render a few and keep the last.
    const int frames = o.ui ? 3 : 1;
    for (int k = 0; k < frames; ++k) {
        target.bind();
        st.clearPanels(o.width, o.height, o.width, o.height);
        st.render3d(o.width, o.height, o.width, o.height);
        if (o.ui) {
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            ImGui::GetIO().DisplaySize = ImVec2(float(o.width), float(o.height));
            ImGui::GetIO().DisplayFramebufferScale = ImVec2(1, 1);
            ImGui::NewFrame();
            st.buildUi(o.width, o.height, stats);
            ImGui::Render();
            target.bind();
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        }
    }
    writePng(o.screenshot, target.readPixels(), o.width, o.height);
    std::cout << "wrote " << o.screenshot << " (" << o.width << "x" << o.height << ", t = " << o.seconds << " s)\n";
    return 0;
}

struct Percentiles {
    double mean = 0, p50 = 0, p95 = 0;
};
Percentiles percentiles(std::vector<double> v) {
    Percentiles p;
    if (v.empty()) return p;
    p.mean = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    std::sort(v.begin(), v.end());
    p.p50 = v[v.size() / 2];
    p.p95 = v[std::min(v.size() - 1, std::size_t(0.95 * double(v.size())))];
    return p;
}

int interactive(const AppOptions& o, SimRunner& runner, GLFWwindow* window) {
    Studio st(o, runner, window);
    if (!o.record_dir.empty()) runner.startRecordings();
    runner.start();
    const bool bench = o.benchmark_frames > 0;
    glfwSwapInterval(bench ? 0 : 1);
    std::vector<double> t_take, t_3d, t_ui_build, t_ui_draw, t_swap, t_total, t_plain;
    double step_cost_sum = 0, publish_sum = 0;
    int step_cost_n = 0;
    FrameStats stats;
    int frame = 0;
    auto last = Clock::now();
    while (!glfwWindowShouldClose(window)) {
        const auto f0 = Clock::now();
        glfwPollEvents();
        int W, H, fb_w, fb_h;
        glfwGetWindowSize(window, &W, &H);
        glfwGetFramebufferSize(window, &fb_w, &fb_h);
        if (W <= 0 || H <= 0 || fb_w <= 0 || fb_h <= 0) {
            glfwWaitEventsTimeout(0.05);
            continue;
        }
        const auto a = Clock::now();
        st.update();
        const double take_ms = since(a);

        const auto b = Clock::now();
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        glViewport(0, 0, fb_w, fb_h);
        st.clearPanels(fb_w, fb_h, W, H);
        st.render3d(fb_w, fb_h, W, H);
        // The breakdown phase waits for each stage to finish, to say where the time goes; the
        // second phase measures frames as they run normally.
        const bool breakdown = bench && frame < o.benchmark_frames + 30;
        if (breakdown) glFinish();
        const double scene_ms = since(b);

        const auto c = Clock::now();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        st.handleInput(W, H);
        if (o.ui) st.buildUi(W, H, stats);
        ImGui::Render();
        const double ui_build_ms = since(c);
        const auto d = Clock::now();
        glViewport(0, 0, fb_w, fb_h);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (breakdown) glFinish();
        const double ui_draw_ms = since(d);

        if (st.ui().screenshot_requested) {
            st.ui().screenshot_requested = false;
            try {
                saveWindowScreenshot(st.ui().screenshot_path, fb_w, fb_h);
                runner.post([p = st.ui().screenshot_path](SimRunner& r) { r.setMessage("screenshot: " + p); });
            } catch (const std::exception& e) {
                runner.post([m = std::string(e.what())](SimRunner& r) { r.setMessage(m); });
            }
        }
        const auto e = Clock::now();
        glfwSwapBuffers(window);
        const double swap_ms = since(e);
        const double total_ms = since(f0);
        stats.frame_ms = 0.9 * stats.frame_ms + 0.1 * std::chrono::duration<double, std::milli>(f0 - last).count();
        stats.scene_ms = 0.9 * stats.scene_ms + 0.1 * scene_ms;
        stats.ui_ms = 0.9 * stats.ui_ms + 0.1 * (ui_build_ms + ui_draw_ms);
        last = f0;
        if (bench && !breakdown && frame >= o.benchmark_frames + 30) t_plain.push_back(total_ms);
        if (breakdown && frame >= 30) {  // the first frames warm up caches and ImGui's layout
            t_take.push_back(take_ms);
            t_3d.push_back(scene_ms);
            t_ui_build.push_back(ui_build_ms);
            t_ui_draw.push_back(ui_draw_ms);
            t_swap.push_back(swap_ms);
            t_total.push_back(total_ms);
            if (st.ui().last_step_cost_us > 0) {
                step_cost_sum += st.ui().last_step_cost_us;
                publish_sum += st.ui().last_publish_cost_us;
                ++step_cost_n;
            }
        }
        if (bench && ++frame >= 2 * o.benchmark_frames + 30) break;
    }
    runner.stop();
    if (!o.record_dir.empty()) std::cout << runner.stopRecordings(o.record_dir) << "\n";
    if (bench) {
        const char* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
        std::printf("retrogait-studio frame-time benchmark: %d frames at %dx%d, %s, MSAA %d, shadows %s, UI %s\n",
                    int(t_total.size()), o.width, o.height, renderer, o.samples, o.shadows ? "on" : "off",
                    o.ui ? "on" : "off");
        std::printf("%-34s %8s %8s %8s\n", "stage (interface thread)", "mean ms", "p50 ms", "p95 ms");
        auto row = [](const char* n, const std::vector<double>& v) {
            const Percentiles p = percentiles(v);
            std::printf("%-34s %8.2f %8.2f %8.2f\n", n, p.mean, p.p50, p.p95);
        };
        row("take frame + feed plots", t_take);
        row("3D scene (submit + glFinish)", t_3d);
        row("ImGui build (panel, plots)", t_ui_build);
        row("ImGui draw (+ glFinish)", t_ui_draw);
        row("swap buffers", t_swap);
        row("whole frame (stages finished)", t_total);
        row("whole frame, as it runs", t_plain);
        const double step_us = step_cost_n ? step_cost_sum / step_cost_n : 0;
        const double publish_us = step_cost_n ? publish_sum / step_cost_n : 0;
        std::printf("simulation thread: %.1f us per 1 ms step (all walkers) = %.2f ms of simulation per 16.7 ms "
                    "frame at 1x; building a draw list %.0f us\n",
                    step_us, step_us * 16.7 / 1000.0, publish_us);
    }
    return 0;
}
} // namespace

int runStudio(const AppOptions& o, SimRunner& runner) {
    glfwSetErrorCallback(glfwError);
    if (!glfwInit()) {
        std::cerr << "retrogait-studio: cannot open a window (no display?). Run it under X, or headless with\n"
                     "  xvfb-run -a -s \"-screen 0 1280x1024x24\" retrogait-studio ...\n"
                     "or use the command line: retrogait run --scene ... --out DIR\n";
        return 1;
    }
    const bool offscreen = !o.screenshot.empty();
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_STENCIL_BITS, 8);
    glfwWindowHint(GLFW_DEPTH_BITS, 24);
    AppOptions opt = o;
    glfwWindowHint(GLFW_SAMPLES, offscreen ? 0 : std::max(opt.samples, 0));
    glfwWindowHint(GLFW_VISIBLE, offscreen ? GLFW_FALSE : GLFW_TRUE);
    auto create = [&]() { return glfwCreateWindow(opt.width, opt.height, "RetroGait studio", nullptr, nullptr); };
    if (opt.samples < 0) glfwWindowHint(GLFW_SAMPLES, 0);
    GLFWwindow* window = create();
    if (!window) {
        std::cerr << "retrogait-studio: cannot create an OpenGL 3.3 core window\n";
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    if (opt.samples < 0) {
        // Automatic multisampling: 4 samples, except interactively on a software renderer.
        const std::string renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
        const bool software = renderer.find("llvmpipe") != std::string::npos ||
                              renderer.find("softpipe") != std::string::npos ||
                              renderer.find("swrast") != std::string::npos;
        opt.samples = (software && !offscreen) ? 0 : 4;
        if (!offscreen && opt.samples > 0) {
            glfwDestroyWindow(window);
            glfwWindowHint(GLFW_SAMPLES, opt.samples);
            window = create();
            if (!window) {
                std::cerr << "retrogait-studio: cannot create a multisampled OpenGL 3.3 core window\n";
                glfwTerminate();
                return 1;
            }
            glfwMakeContextCurrent(window);
        }
    }
    int status = 0;
    {
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed: no imgui.ini files
        ImGui::StyleColorsDark();
        ImGuiStyle& style = ImGui::GetStyle();
        style.WindowRounding = 4;
        style.FrameRounding = 3;
        style.ItemSpacing.y = 3;
        style.FramePadding.y = 2;
        style.Colors[ImGuiCol_WindowBg].w = 0.92f;
        ImGui_ImplGlfw_InitForOpenGL(window, true);
        ImGui_ImplOpenGL3_Init("#version 330 core");
        try {
            status = offscreen ? screenshotMode(opt, runner, window) : interactive(opt, runner, window);
        } catch (const std::exception& e) {
            std::cerr << "retrogait-studio: " << e.what() << "\n";
            status = 1;
        }
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    glfwDestroyWindow(window);
    glfwTerminate();
    return status;
}

} // namespace studio
