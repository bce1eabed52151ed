#include "runner.hpp"

#include "engine/core/error.hpp"

#include <chrono>
#include <cmath>

namespace studio {

namespace {
using Clock = std::chrono::steady_clock;
} // namespace

SimRunner::SimRunner(const StudioConfig& c) { build(c); }

SimRunner::~SimRunner() { stop(); }

void SimRunner::stop() {
    quit_ = true;
    if (worker_.joinable()) worker_.join();
    quit_ = false;
    runCommands();  // what was posted before the worker stopped
}

void SimRunner::startRecordings() {
    for (auto& s : sessions_) s.startRecording();
    message_ = "recording...";
}

std::string SimRunner::stopRecordings(const std::string& dir) {
    std::string written;
    try {
        const bool two = sessions_.size() > 1;
        for (auto& s : sessions_) {
            if (!s.recording()) continue;
            const std::string d = two ? dir + "/" + s.label() : dir;
            s.stopRecording(d);
            written += (written.empty() ? "" : ", ") + d;
        }
        message_ = "wrote " + written + " (the files of retrogait run)";
    } catch (const std::exception& e) {
        message_ = std::string("recording not written: ") + e.what();
    }
    return message_;
}

void SimRunner::build(const StudioConfig& c) {
    rg::SceneDesc scene = rg::loadSceneFile(c.scene_path);
    if (c.gait) scene.gait = *c.gait;
    if (c.speed_m_per_s) {
        rg::checkOptionRange("--speed", *c.speed_m_per_s, 0.0, rg::kMaxSpeed, "m/s");
        scene.speed_m_per_s = *c.speed_m_per_s;
    }
    if (c.incline_percent) {
        rg::checkOptionRange("--incline", *c.incline_percent, -rg::kMaxIncline, rg::kMaxIncline, "percent grade");
        scene.incline_percent = *c.incline_percent;
    }
    // The panel's (or --strength's) factors override the scene's, key by key.
    for (const auto& [k, v] : c.strength) scene.strength_scale[k] = v;
    const std::string model_path = c.model_path.empty() ? rg::defaultModelPath() : c.model_path;
    auto model = rg::Model::build(rg::loadModelFile(model_path, c.body));
    std::vector<SimSession> s;
    if (c.side_by_side) {
        // One Model, two States: the classroom's forward and backward walkers.
        rg::SceneDesc fw = scene, bw = scene;
        fw.gait = rg::Gait::Forward;
        bw.gait = rg::Gait::Backward;
        s.emplace_back(model, fw, c.seed, "forward");
        s.emplace_back(model, bw, c.seed, "backward");
    } else {
        s.emplace_back(model, scene, c.seed, rg::gaitName(scene.gait));
    }
    sessions_ = std::move(s);
    config_ = c;
    ++generation_;
}

void SimRunner::rebuild(const StudioConfig& c) {
    try {
        build(c);
        message_ = "rebuilt: " + c.scene_path;
    } catch (const std::exception& e) {
        message_ = std::string("not applied: ") + e.what();
    }
}

void SimRunner::start() {
    if (worker_.joinable()) return;
    worker_ = std::thread([this] { loop(); });
}

void SimRunner::post(std::function<void(SimRunner&)> cmd) {
    if (!worker_.joinable()) {
        cmd(*this);
        return;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    commands_.push_back(std::move(cmd));
}

void SimRunner::runCommands() {
    std::vector<std::function<void(SimRunner&)>> cmds;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        cmds.swap(commands_);
    }
    for (auto& c : cmds) c(*this);
}

void SimRunner::setDrawOptions(const rg::DrawOptions& o) {
    std::lock_guard<std::mutex> lock(mutex_);
    draw_options_ = o;
}

void SimRunner::advance(double seconds) {
    if (sessions_.empty()) return;
    const double dt = sessions_[0].sim().world().timeStep();
    const long long n = std::llround(seconds / dt);
    const auto t0 = Clock::now();
    for (long long i = 0; i < n; ++i)
        for (auto& s : sessions_) s.step();
    if (n > 0) step_cost_us_ = 1e6 * std::chrono::duration<double>(Clock::now() - t0).count() / double(n);
}

void SimRunner::publish() {
    rg::DrawOptions opt;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        opt = draw_options_;
    }
    const auto t0 = Clock::now();
    Frame f;
    const int n = int(sessions_.size());
    for (int i = 0; i < n; ++i) {
        SimSession& s = sessions_[i];
        f.lists.push_back(s.drawList(opt));
        SessionStatus st;
        st.label = s.label();
        st.scene_file = s.sim().scene().file;
        st.time_s = s.sim().time();
        st.status = rg::statusName(s.sim().status());
        st.end_reason = s.sim().endReason();
        st.gait = s.gait();
        st.speed_m_per_s = s.speed();
        st.incline_percent = s.sim().scene().incline_percent;
        st.treadmill = s.sim().scene().surface == rg::SurfaceType::Treadmill;
        st.body_mass_kg = s.sim().model().bodyMass();
        st.height_m = s.sim().model().height();
        st.recording = s.recording();
        st.plot_channels = s.plotChannels();
        st.plot_groups = s.plotGroups();
        st.muscle_groups = s.muscleGroups();
        st.strength = s.sim().scene().strength_scale;
        f.status.push_back(std::move(st));
        f.rows.push_back(s.takePlotRows());
    }
    f.generation = generation_;
    f.step_cost_us = step_cost_us_;
    f.sim_rate = sim_rate_;
    f.message = message_;
    f.publish_cost_us = 1e6 * std::chrono::duration<double>(Clock::now() - t0).count();
    std::lock_guard<std::mutex> lock(mutex_);
    // Rows not yet taken are kept (a slow interface frame must not lose plot samples).
    if (fresh_ && published_.generation == f.generation)
        for (int i = 0; i < n && i < int(published_.rows.size()); ++i)
            f.rows[i].insert(f.rows[i].begin(), published_.rows[i].begin(), published_.rows[i].end());
    published_ = std::move(f);
    fresh_ = true;
}

bool SimRunner::take(Frame& out) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!fresh_) return false;
    out = std::move(published_);
    published_.rows.clear();
    fresh_ = false;
    return true;
}

void SimRunner::loop() {
    auto last = Clock::now();
    auto last_publish = last;
    auto rate_start = last;
    double owed = 0;        // simulated seconds due
    double rate_sim = 0;    // simulated seconds since rate_start
    double cost = 0;        // wall seconds stepping since rate_start
    long long cost_steps = 0;
    while (!quit_) {
        runCommands();
        const auto now = Clock::now();
        const double wall = std::chrono::duration<double>(now - last).count();
        last = now;
        if (sessions_.empty()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            continue;
        }
        const double dt = sessions_[0].sim().world().timeStep();
        long long steps = 0;
        if (paused_) {
            owed = 0;
            if (single_steps_ > 0) {
                --single_steps_;
                steps = std::llround(0.01 / dt);  // a single step shows 10 ms: one plot sample
            }
        } else {
            owed += wall * playback_speed_;
            steps = (long long)std::floor(owed / dt);
            // Never fall more than 0.1 s behind: beyond that, slow down instead of catching up.
            const long long cap = std::llround(0.1 / dt);
            if (steps > cap) {
                steps = cap;
                owed = 0;
            } else {
                owed -= steps * dt;
            }
        }
        const auto t0 = Clock::now();
        for (long long i = 0; i < steps; ++i)
            for (auto& s : sessions_) s.step();
        const auto t1 = Clock::now();
        cost += std::chrono::duration<double>(t1 - t0).count();
        cost_steps += steps;
        rate_sim += steps * dt;
        const double rate_wall = std::chrono::duration<double>(t1 - rate_start).count();
        if (rate_wall >= 1.0) {
            sim_rate_ = rate_sim / rate_wall;
            step_cost_us_ = cost_steps ? 1e6 * cost / cost_steps : step_cost_us_;
            rate_start = t1;
            rate_sim = cost = 0;
            cost_steps = 0;
        }
        // Publish at most ~100 times a second (the display refreshes at 60 Hz).
        if (std::chrono::duration<double>(t1 - last_publish).count() >= 0.01) {
            publish();
            last_publish = t1;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(1000));
    }
}

} // namespace studio
