// retrogait-studio: the 3D view of the walker with a control panel and live plots, for
// teaching and exploring. `--screenshot OUT.png` renders one frame offscreen and exits.
#include "engine/core/error.hpp"
#include "engine/muscle/muscle_set.hpp"
#include "studio_app.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"RetroGait studio: a 3D OpenGL view of the walker with an ImGui control panel.\n"
                 "Drag to orbit, right-drag to pan, wheel to zoom; space pauses, '.' steps, 1/2 side/front views."};
    studio::AppOptions o;
    std::string gait, model;
    double speed = 0, incline = 0, mass = 0, height = 0, excitation = 0;
    app.add_option("--scene", o.config.scene_path, "Scene JSON file")->required();
    app.add_option("--model", o.config.model_path, "Model JSON file (default: models/adult_walker.json)");
    app.add_option("--gait", gait, "Walking direction: forward or backward (default: the scene's)")
        ->check(CLI::IsMember({"forward", "backward"}));
    app.add_option("--speed", speed, "Walking (belt) speed, m/s (0 to 3)");
    app.add_option("--incline", incline, "Surface incline, percent grade (-30 to 30)");
    app.add_option("--mass", mass, "Body mass, kg (20 to 250)");
    app.add_option("--height", height, "Body height, m (1.0 to 2.3)");
    app.add_option("--seed", o.config.seed, "Random seed");
    app.add_flag("--side-by-side", o.config.side_by_side, "A forward and a backward walker from one Model");
    app.add_option("--seconds", o.seconds, "With --screenshot: simulated time before the picture, s")->check(CLI::Range(0.0, 600.0));
    app.add_option("--screenshot", o.screenshot, "Render one frame offscreen to this PNG and exit");
    std::string window = "1280x720";
    app.add_option("--window", window, "Window or picture size in pixels, WIDTHxHEIGHT (default 1280x720)");
    app.add_option("--view", o.view, "Initial camera: orbit, side or front")->check(CLI::IsMember({"orbit", "side", "front"}));
    app.add_flag("!--no-ui", o.ui, "Only the 3D view (no panel, plots or legend)");
    app.add_flag("!--no-plots", o.plots, "No plots");
    app.add_flag("!--no-shadows", o.shadows, "No shadows");
    app.add_flag("!--no-follow", o.follow, "The camera looks at the treadmill's centre instead of following the pelvis");
    app.add_option("--msaa", o.samples, "Multisampling samples (0 off; default 4, none on a software renderer)")
        ->check(CLI::Range(0, 16));
    float opacity = 1;
    std::vector<std::string> hide, show;
    const std::vector<std::string> layers{"body", "muscles", "ground-reaction", "centre-of-mass", "joint-contact"};
    app.add_option("--hide", hide, "Hide: body, muscles, ground-reaction, centre-of-mass, joint-contact (comma list)")
        ->delimiter(',')
        ->check(CLI::IsMember(layers));
    app.add_option("--show", show, "Show (joint-contact is off by default): same names as --hide")
        ->delimiter(',')
        ->check(CLI::IsMember(layers));
    std::string strength;
    std::string body_style = "segments";
    app.add_option("--body-style", body_style,
                   "segments: anthropometric segments (mass at tissue density); shapes: the contact shapes")
        ->check(CLI::IsMember({"segments", "shapes"}));
    app.add_option("--strength", strength,
                   "Muscle strength factors on Fmax, e.g. VAS=0.5,plantarflexors=0.8 (as retrogait run; override the scene's)");
    app.add_option("--body-opacity", opacity, "Body opacity (0.15 to 1; lower shows the muscles)")->check(CLI::Range(0.15, 1.0));
    app.add_option("--excitation", excitation, "Drive every muscle at this excitation instead of the controller (0 to 1)")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--record", o.record_dir,
                   "Record from the start and write the files of `retrogait run` into this folder at the end");
    app.add_option("--benchmark-frames", o.benchmark_frames, "Run this many frames, print where the frame time goes, exit");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    {
        int w = 0, h = 0;
        char x = 0;
        if (std::sscanf(window.c_str(), "%d%c%d", &w, &x, &h) != 3 || x != 'x' || w < 320 || h < 240 || w > 7680 || h > 4320) {
            std::cerr << "retrogait-studio: --window: '" << window << "' is not a size (allowed: WIDTHxHEIGHT, 320x240 to 7680x4320)\n";
            return 2;
        }
        o.width = w;
        o.height = h;
    }
    if (app.count("--gait")) o.config.gait = gait == "forward" ? rg::Gait::Forward : rg::Gait::Backward;
    if (app.count("--speed")) o.config.speed_m_per_s = speed;
    if (app.count("--incline")) o.config.incline_percent = incline;
    if (app.count("--mass")) o.config.body.body_mass = mass;
    if (app.count("--height")) o.config.body.height = height;
    if (app.count("--excitation")) o.excitation = excitation;
    if (app.count("--body-opacity")) o.body_opacity = opacity;
    auto layer = [&](const std::string& h, bool on) {
        if (h == "body") o.draw.body = on;
        if (h == "muscles") o.draw.muscles = on;
        if (h == "ground-reaction") o.draw.ground_reaction = on;
        if (h == "centre-of-mass") o.draw.centre_of_mass = on;
        if (h == "joint-contact") o.draw.joint_contact = on;
    };
    o.draw.body_style = body_style == "shapes" ? rg::BodyStyle::CollisionShapes : rg::BodyStyle::Anthropometric;
    for (const auto& h : show) layer(h, true);
    for (const auto& h : hide) layer(h, false);
    try {
        // Everything is loaded and checked before a window opens: bad input exits with 2.
        if (!strength.empty()) {
            const rg::StrengthScale f = rg::parseStrengthScale(strength, "--strength");
            o.config.strength.insert(f.begin(), f.end());
        }
        studio::SimRunner runner(o.config);
        return studio::runStudio(o, runner);
    } catch (const rg::InputError& e) {
        std::cerr << "retrogait-studio: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "retrogait-studio: " << e.what() << "\n";
        return 1;
    }
}
