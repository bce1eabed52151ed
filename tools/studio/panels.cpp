#include "panels.hpp"

#include "engine/render/colour_map.hpp"
#include "plots.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>

namespace studio {

namespace {
ImU32 toU32(const rg::Colour& c, float alpha = 1.0f) {
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a * alpha));
}
} // namespace

std::string muscleFullName(const std::string& name) {
    static const std::map<std::string, std::string> names = {
        {"GLU", "gluteus maximus"}, {"HAM", "hamstrings"}, {"VAS", "vasti (quadriceps)"},
        {"RF", "rectus femoris (quadriceps)"}, {"GAS", "gastrocnemius"}, {"SOL", "soleus"},
        {"TA", "tibialis anterior"}, {"HFL", "hip flexors (iliopsoas)"}, {"BFSH", "biceps femoris, short head"},
        {"HAB", "hip abductors"}, {"HAD", "hip adductors"}, {"ES", "erector spinae"}, {"RA", "rectus abdominis"},
        {"EO", "external obliques"}, {"IO", "internal obliques"}};
    const auto us = name.rfind('_');
    const std::string base = us == std::string::npos ? name : name.substr(0, us);
    const std::string side = us == std::string::npos ? "" : name.substr(us + 1);
    const auto it = names.find(base);
    std::string s = it == names.end() ? base : it->second;
    if (side == "r") s += " (right)";
    else if (side == "l") s += " (left)";
    return s;
}

UiState::UiState() {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(RETROGAIT_SOURCE_DIR) / "scenes";
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".json") scenes_.push_back(e.path().string());
    std::sort(scenes_.begin(), scenes_.end());
}

void UiState::onRebuilt(SimRunner& runner, const Frame& f) {
    if (f.status.empty()) return;
    const SessionStatus& s = f.status[0];
    if (!initialised_) {
        // The model and seed come from the command line and stay; everything else is the panel's.
        const StudioConfig c = runner.config();
        model_path_ = c.model_path;
        seed_ = c.seed;
        initialised_ = true;
    }
    const auto it = std::find_if(scenes_.begin(), scenes_.end(), [&](const std::string& p) {
        std::error_code ec;
        return std::filesystem::equivalent(p, s.scene_file, ec);
    });
    if (it == scenes_.end()) {
        scenes_.push_back(s.scene_file);
        scene_index_ = int(scenes_.size()) - 1;
    } else {
        scene_index_ = int(it - scenes_.begin());
    }
    speed_ = float(s.speed_m_per_s);
    incline_ = float(s.incline_percent);
    mass_ = float(s.body_mass_kg);
    height_ = float(s.height_m);
    gait_ = s.gait == rg::Gait::Forward ? 0 : 1;
    side_by_side_ = f.status.size() > 1;
    recording_ = s.recording;
    muscle_groups_ = s.muscle_groups;
    strength_.clear();
    for (const auto& g : muscle_groups_) strength_[g] = 1.0f;
    for (const auto& [k, v] : s.strength) strength_[k] = float(v);
}

StudioConfig UiState::currentConfig() const {
    StudioConfig c;
    c.scene_path = scenes_.empty() ? std::string() : scenes_[scene_index_];
    c.model_path = model_path_;
    c.seed = seed_;
    c.body.body_mass = mass_;
    c.body.height = height_;
    c.gait = gait_ == 0 ? rg::Gait::Forward : rg::Gait::Backward;
    c.speed_m_per_s = speed_;
    c.incline_percent = incline_;
    c.side_by_side = side_by_side_;
    // Every factor shown is passed on (a 1.0 overrides a scene's weakening too).
    for (const auto& [g, v] : strength_) c.strength[g] = v;
    return c;
}

void UiState::requestReset(SimRunner& runner) {
    const StudioConfig c = currentConfig();
    runner.post([c](SimRunner& r) { r.rebuild(c); });
}

void UiState::build(UiContext& ctx) {
    last_step_cost_us = ctx.frame.step_cost_us;
    last_publish_cost_us = ctx.frame.publish_cost_us;
    controlPanel(ctx);
    if (show_plots) plotsWindow(ctx);
    legend(ctx);
    viewLabels(ctx);
    muscleTooltip(ctx);
}

void UiState::controlPanel(UiContext& ctx) {
    SimRunner& run = ctx.runner;
    const Frame& f = ctx.frame;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(float(ctx.panel_width), float(ctx.height)));
    // No ImGui background: the studio clears the panel's rectangle itself (on a software
    // renderer a textured full-height quad costs milliseconds).
    ImGui::Begin("RetroGait studio", nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoBackground);

    // ---- status ----
    for (const auto& s : f.status) {
        ImGui::Text("%s: t = %.2f s, %s", s.label.c_str(), s.time_s, s.status.c_str());
        if (s.status != "running") {
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.55f, 0.35f, 1));
            ImGui::TextWrapped("  %s. Reset to start again.", s.end_reason.c_str());
            ImGui::PopStyleColor();
        }
    }
    if (f.sim_rate > 0)
        ImGui::TextDisabled("sim %.2fx real time, step %.0f us", f.sim_rate, f.step_cost_us);
    else
        ImGui::TextDisabled("step %.0f us", f.step_cost_us);
    if (ctx.stats.scene_ms > 0)
        ImGui::TextDisabled("frame %.1f ms (3D %.1f, interface %.1f)", ctx.stats.frame_ms, ctx.stats.scene_ms,
                            ctx.stats.ui_ms);
    if (!f.message.empty()) ImGui::TextWrapped("%s", f.message.c_str());
    ImGui::Separator();

    // ---- playback ----
    if (ImGui::Button(run.paused() ? "Play" : "Pause", ImVec2(70, 0))) run.setPaused(!run.paused());
    ImGui::SameLine();
    if (ImGui::Button("Step")) {
        run.setPaused(true);
        run.singleStep();
    }
    ImGui::SameLine();
    if (ImGui::Button("Reset")) requestReset(run);
    if (ImGui::SliderFloat("playback", &playback_, 0.1f, 4.0f, "%.2fx", ImGuiSliderFlags_Logarithmic))
        run.setPlaybackSpeed(playback_);

    // ---- scene ----
    if (ImGui::CollapsingHeader("Scene and walker", ImGuiTreeNodeFlags_DefaultOpen)) {
        const std::string current =
            scenes_.empty() ? std::string("-") : std::filesystem::path(scenes_[scene_index_]).filename().string();
        if (ImGui::BeginCombo("scene", current.c_str())) {
            for (int i = 0; i < int(scenes_.size()); ++i) {
                const std::string n = std::filesystem::path(scenes_[i]).filename().string();
                if (ImGui::Selectable(n.c_str(), i == scene_index_)) {
                    scene_index_ = i;
                    // A new scene brings its own speed, incline and direction.
                    StudioConfig c = currentConfig();
                    c.gait.reset();
                    c.speed_m_per_s.reset();
                    c.incline_percent.reset();
                    c.strength.clear();
                    run.post([c](SimRunner& r) { r.rebuild(c); });
                }
            }
            ImGui::EndCombo();
        }
        if (ImGui::Checkbox("side by side: forward and backward", &side_by_side_)) requestReset(run);
        ImGui::BeginDisabled(side_by_side_);
        ImGui::TextUnformatted("gait");
        ImGui::SameLine();
        bool gait_changed = ImGui::RadioButton("forward", &gait_, 0);
        ImGui::SameLine();
        gait_changed |= ImGui::RadioButton("backward", &gait_, 1);
        if (gait_changed) {
            const rg::Gait g = gait_ == 0 ? rg::Gait::Forward : rg::Gait::Backward;
            run.post([g](SimRunner& r) {
                for (auto& s : r.sessions()) s.setGait(g);
            });
        }
        ImGui::EndDisabled();
        if (ImGui::SliderFloat("belt speed", &speed_, 0.0f, float(rg::kMaxSpeed), "%.2f m/s")) {
            const double v = speed_;
            run.post([v](SimRunner& r) {
                for (auto& s : r.sessions()) s.setSpeed(v);
            });
        }
        ImGui::SliderFloat("incline", &incline_, -15.0f, 15.0f, "%.1f %%");
        if (ImGui::IsItemDeactivatedAfterEdit()) requestReset(run);
        ImGui::SliderFloat("body mass", &mass_, 40.0f, 120.0f, "%.0f kg");
        if (ImGui::IsItemDeactivatedAfterEdit()) requestReset(run);
        ImGui::SliderFloat("height", &height_, 1.40f, 2.05f, "%.2f m");
        if (ImGui::IsItemDeactivatedAfterEdit()) requestReset(run);
        ImGui::TextDisabled("incline, mass and height rebuild the walker");
    }

    // ---- muscles ----
    if (ImGui::CollapsingHeader("Muscles", ImGuiTreeNodeFlags_DefaultOpen)) {
        bool any = false;
        for (const auto& l : f.lists) any |= !l.muscles.empty();
        if (!any) ImGui::TextWrapped("This walker has no muscles: it is driven by ideal joint torques.");
        else ImGui::TextDisabled("hover a muscle to name it; click to select");
        if (!selected_muscle.empty()) {
            for (const auto& l : f.lists)
                for (const auto& m : l.muscles)
                    if (m.name == selected_muscle)
                        ImGui::Text("%s: activation %.2f, force %.0f N", muscleFullName(m.name).c_str(), m.activation,
                                    m.force_n);
        }
        if (!muscle_groups_.empty() && ImGui::TreeNode("strength by group (x max. force)")) {
            for (const auto& g : muscle_groups_) {
                float& v = strength_[g];
                ImGui::SetNextItemWidth(150);
                ImGui::SliderFloat(g.c_str(), &v, 0.1f, 2.0f, "%.2f");
                if (ImGui::IsItemDeactivatedAfterEdit()) requestReset(run);
            }
            if (ImGui::Button("all 1.0")) {
                for (auto& [g, v] : strength_) v = 1.0f;
                requestReset(run);
            }
            ImGui::TreePop();
        }
    }

    // ---- perturbation ----
    if (ImGui::CollapsingHeader("Push", ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::SetNextItemWidth(110);
        ImGui::SliderFloat("N", &push_n_, 20.0f, 300.0f, "%.0f");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(110);
        ImGui::SliderFloat("s", &push_s_, 0.05f, 0.5f, "%.2f");
        const struct {
            const char* label;
            Eigen::Vector3d dir;
        } pushes[] = {{"forward", {1, 0, 0}}, {"backward", {-1, 0, 0}}, {"left", {0, 0, -1}}, {"right", {0, 0, 1}}};
        for (int i = 0; i < 4; ++i) {
            if (i) ImGui::SameLine();
            if (ImGui::Button(pushes[i].label)) {
                const Eigen::Vector3d force = push_n_ * pushes[i].dir;
                const double dur = push_s_;
                run.post([force, dur](SimRunner& r) {
                    for (auto& s : r.sessions()) s.push(force, dur);
                });
            }
        }
    }

    // ---- display ----
    if (ImGui::CollapsingHeader("Display", ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::Checkbox("body", &draw.body);
        ImGui::SameLine();
        ImGui::Checkbox("muscles", &draw.muscles);
        ImGui::SameLine();
        ImGui::Checkbox("shadows", &shadows);
        ImGui::Checkbox("ground reaction", &draw.ground_reaction);
        ImGui::SameLine();
        ImGui::Checkbox("joint contact", &draw.joint_contact);
        ImGui::Checkbox("centre of mass, XCoM, base of support", &draw.centre_of_mass);
        int style = draw.body_style == rg::BodyStyle::Anthropometric ? 0 : 1;
        ImGui::TextUnformatted("body as");
        ImGui::SameLine();
        if (ImGui::RadioButton("segments", &style, 0)) draw.body_style = rg::BodyStyle::Anthropometric;
        ImGui::SameLine();
        if (ImGui::RadioButton("contact", &style, 1)) draw.body_style = rg::BodyStyle::CollisionShapes;
        ImGui::SliderFloat("body opacity", &draw.body_opacity, 0.15f, 1.0f, "%.2f");
        ImGui::Checkbox("plots", &show_plots);
        ImGui::SameLine();
        ImGui::Checkbox("follow", &follow);
        ImGui::SameLine();
        if (ImGui::Button("side")) ctx.camera.sideView();
        ImGui::SameLine();
        if (ImGui::Button("front")) ctx.camera.frontView();
        ImGui::TextDisabled("drag: orbit, right-drag: pan, wheel: zoom");
    }

    // ---- files ----
    if (ImGui::CollapsingHeader("Record and screenshot", ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::InputText("folder", record_dir_, sizeof record_dir_);
        if (!recording_) {
            if (ImGui::Button("Start recording")) {
                recording_ = true;
                run.post([](SimRunner& r) { r.startRecordings(); });
            }
        } else {
            if (ImGui::Button("Stop and write files")) {
                recording_ = false;
                const std::string dir = record_dir_;
                run.post([dir](SimRunner& r) { r.stopRecordings(dir); });
            }
        }
        ImGui::InputText("png", shot_path_, sizeof shot_path_);
        if (ImGui::Button("Save screenshot")) {
            screenshot_path = shot_path_;
            screenshot_requested = true;
        }
    }
    ImGui::End();
}

void UiState::plotsWindow(UiContext& ctx) {
    const float x = float(ctx.panel_width), h = float(ctx.plots_height);
    ImGui::SetNextWindowPos(ImVec2(x, float(ctx.height) - h));
    ImGui::SetNextWindowSize(ImVec2(float(ctx.width) - x, h));
    ImGui::Begin("Plots", nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                     ImGuiWindowFlags_NoBackground);
    const Frame& f = ctx.frame;
    if (ImGui::BeginTabBar("plots")) {
        const bool history = ImGui::BeginTabItem("Last strides");
        if (history) ImGui::EndTabItem();
        const bool cycle = ImGui::BeginTabItem("Gait cycle");
        if (cycle) ImGui::EndTabItem();
        ImGui::EndTabBar();
        const int walkers = int(std::min(f.status.size(), ctx.plots.size()));
        const float avail_h = ImGui::GetContentRegionAvail().y;
        const float row_h = walkers > 0 ? avail_h / walkers - 4 : avail_h;
        for (int w = 0; w < walkers; ++w) {
            const SessionStatus& st = f.status[w];
            const rg::GaitPlotData& pd = ctx.plots[w];
            const int groups = int(st.plot_groups.size());
            const float col_w = (ImGui::GetContentRegionAvail().x - 6 * (groups - 1)) / std::max(groups, 1);
            for (int g = 0; g < groups; ++g) {
                if (g) ImGui::SameLine(0, 6);
                const PlotGroup& grp = st.plot_groups[g];
                PlotAxes ax;
                ax.title = (walkers > 1 && g == 0 ? st.label + " | " : std::string()) + grp.title;
                ax.y_unit = grp.unit;
                std::vector<Series> series;
                if (history) {
                    const double now = pd.times().empty() ? 0 : pd.times().back();
                    ax.x_label = "t";
                    ax.x_min = -5;
                    ax.x_max = 0;
                    for (double c : pd.contacts()) ax.x_marks.push_back(float(c - now));
                    for (int k = 0; k < int(grp.channels.size()); ++k) {
                        Series s;
                        s.name = st.plot_channels[grp.channels[k]];
                        s.colour = seriesColour(k);
                        const auto& hv = pd.history(grp.channels[k]);
                        for (std::size_t i = 0; i < hv.size(); ++i) {
                            s.x.push_back(float(pd.times()[i] - now));
                            s.y.push_back(float(hv[i]));
                        }
                        series.push_back(std::move(s));
                    }
                } else {
                    ax.x_label = "% cycle";
                    ax.x_min = 0;
                    ax.x_max = 100;
                    const rg::Gait other = st.gait == rg::Gait::Forward ? rg::Gait::Backward : rg::Gait::Forward;
                    std::vector<float> xs(pd.cyclePoints());
                    for (int i = 0; i < pd.cyclePoints(); ++i) xs[i] = 100.0f * i / (pd.cyclePoints() - 1);
                    for (int k = 0; k < int(grp.channels.size()); ++k) {
                        const int ch = grp.channels[k];
                        const auto mine = pd.meanCycle(st.gait, ch);
                        const auto theirs = pd.meanCycle(other, ch);
                        if (!mine.empty()) {
                            Series s;
                            s.name = st.plot_channels[ch];
                            s.colour = seriesColour(k);
                            s.x = xs;
                            s.y.assign(mine.begin(), mine.end());
                            series.push_back(std::move(s));
                        }
                        if (!theirs.empty()) {
                            Series s;
                            s.name = std::string(rg::gaitName(other)) + " mean";
                            s.colour = seriesColour(k, 170);
                            s.dashed = true;
                            s.x = xs;
                            s.y.assign(theirs.begin(), theirs.end());
                            series.push_back(std::move(s));
                        }
                    }
                    // Side by side: the other walker's mean is the other gait's.
                    if (walkers > 1) {
                        const rg::GaitPlotData& od = ctx.plots[1 - w];
                        const rg::Gait og = f.status[1 - w].gait;
                        for (int k = 0; k < int(grp.channels.size()); ++k) {
                            const auto m = od.meanCycle(og, grp.channels[k]);
                            if (m.empty()) continue;
                            Series s;
                            s.name = f.status[1 - w].label + " mean";
                            s.colour = seriesColour(k, 170);
                            s.dashed = true;
                            s.x = xs;
                            s.y.assign(m.begin(), m.end());
                            series.push_back(std::move(s));
                        }
                    }
                    if (series.empty()) ax.title += "  (no complete stride yet)";
                }
                linePlot(("p" + std::to_string(w) + "_" + std::to_string(g)).c_str(), ax, series, ImVec2(col_w, row_h));
            }
        }
    }
    ImGui::End();
}

void UiState::legend(UiContext& ctx) {
    if (ctx.view_rects.empty()) return;
    const UiRect& r = ctx.view_rects.back();
    ImGui::SetNextWindowPos(ImVec2(r.x + r.w - 10, r.y + r.h - 10), ImGuiCond_Always, ImVec2(1, 1));
    ImGui::SetNextWindowBgAlpha(0.72f);
    ImGui::Begin("Legend", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoInputs |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    const rg::ColourLegend& lg = ctx.frame.lists.empty() ? rg::ColourLegend{} : ctx.frame.lists[0].legend;
    bool muscles = false;
    for (const auto& l : ctx.frame.lists) muscles |= !l.muscles.empty();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (!lg.values.empty()) {
        ImGui::TextUnformatted(lg.title.c_str());
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float w = 260, h = 12;
        for (std::size_t i = 1; i < lg.values.size(); ++i) {
            const float x0 = p.x + w * float((lg.values[i - 1] - lg.min) / (lg.max - lg.min));
            const float x1 = p.x + w * float((lg.values[i] - lg.min) / (lg.max - lg.min));
            const ImU32 c0 = toU32(lg.colours[i - 1]), c1 = toU32(lg.colours[i]);
            dl->AddRectFilledMultiColor(ImVec2(x0, p.y), ImVec2(x1, p.y + h), c0, c1, c1, c0);
        }
        ImGui::Dummy(ImVec2(w, h));
        ImGui::Text("0 (rest)%*s1 (full)", 22, "");
        if (!muscles) ImGui::TextDisabled("(no muscles in this walker)");
    }
    const struct {
        const char* name;
        rg::Colour colour;
    } keys[] = {{"ground reaction", rg::palette::kGroundReaction},
                {"centre of mass", rg::palette::kCentreOfMass},
                {"XCoM (Hof 2005)", rg::palette::kExtrapolatedCom},
                {"base of support", rg::palette::kBaseOfSupport},
                {"joint contact", rg::palette::kJointContact},
                {"push", rg::palette::kPush}};
    for (int i = 0; i < 6; ++i) {
        if (i % 2) ImGui::SameLine(140);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        dl->AddRectFilled(ImVec2(p.x, p.y + 3), ImVec2(p.x + 10, p.y + 13), toU32(keys[i].colour));
        ImGui::Dummy(ImVec2(12, 14));
        ImGui::SameLine();
        ImGui::TextUnformatted(keys[i].name);
    }
    ImGui::End();
}

void UiState::viewLabels(UiContext& ctx) {
    ImDrawList* fg = ImGui::GetForegroundDrawList();
    for (std::size_t i = 0; i < ctx.view_rects.size() && i < ctx.frame.status.size(); ++i) {
        const UiRect& r = ctx.view_rects[i];
        const auto& s = ctx.frame.status[i];
        char buf[160];
        if (s.treadmill)
            std::snprintf(buf, sizeof buf, "%s | belt %.2f m/s | incline %.1f %% | t = %.2f s", rg::gaitName(s.gait),
                          s.speed_m_per_s, s.incline_percent, s.time_s);
        else
            std::snprintf(buf, sizeof buf, "%s | overground | incline %.1f %% | t = %.2f s", rg::gaitName(s.gait),
                          s.incline_percent, s.time_s);
        fg->AddRectFilled(ImVec2(r.x + 8, r.y + 8), ImVec2(r.x + 16 + ImGui::CalcTextSize(buf).x, r.y + 28),
                          IM_COL32(20, 22, 26, 170), 3);
        fg->AddText(ImVec2(r.x + 12, r.y + 11), IM_COL32(240, 240, 240, 255), buf);
        if (i > 0) fg->AddLine(ImVec2(r.x, r.y), ImVec2(r.x, r.y + r.h), IM_COL32(20, 22, 26, 255), 2);
    }
}

void UiState::muscleTooltip(UiContext& ctx) {
    if (ctx.hovered_view < 0 || ctx.hovered_muscle < 0) return;
    const auto& l = ctx.frame.lists[ctx.hovered_view];
    if (ctx.hovered_muscle >= int(l.muscles.size())) return;
    const rg::DrawMuscle& m = l.muscles[ctx.hovered_muscle];
    ImGui::BeginTooltip();
    ImGui::Text("%s  (%s)", muscleFullName(m.name).c_str(), m.name.c_str());
    ImGui::Text("activation %.2f", m.activation);
    ImGui::Text("force %.0f N", m.force_n);
    ImGui::EndTooltip();
}

} // namespace studio
