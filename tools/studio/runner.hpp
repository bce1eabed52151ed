#pragma once
/// Runs the studio's walkers on a worker thread at real time × the playback speed, decoupled
/// from drawing: the interface posts commands (executed between steps) and takes the latest
/// published frame (draw lists, status, plot rows), so a slow frame never slows the physics and
/// a slow step never freezes the interface.
#include "engine/model/model_loader.hpp"
#include "session.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace studio {

/// What the studio simulates (command line and control panel).
struct StudioConfig {
    std::string scene_path;
    std::string model_path;             ///< empty: the default model
    rg::ModelOverrides body;            ///< body mass and height
    std::optional<rg::Gait> gait;
    std::optional<double> speed_m_per_s;
    std::optional<double> incline_percent;
    std::uint64_t seed = 1;
    bool side_by_side = false;          ///< a forward and a backward walker from one Model
    /// Muscle strength factors by muscle, muscle and side, or group; they override the scene's
    /// walker.strength_scale key by key.
    std::map<std::string, double> strength;
};

struct SessionStatus {
    std::string label;
    std::string scene_file;
    double time_s = 0;
    std::string status, end_reason;
    rg::Gait gait = rg::Gait::Forward;
    double speed_m_per_s = 0, incline_percent = 0;
    bool treadmill = false;
    double body_mass_kg = 0, height_m = 0;
    bool recording = false;
    std::vector<std::string> plot_channels;
    std::vector<PlotGroup> plot_groups;
    std::vector<std::string> muscle_groups;
    std::map<std::string, double> strength;   ///< the factors in effect (scene and panel)
};

struct Frame {
    std::vector<rg::DrawList> lists;      ///< one per walker (side by side: one view each)
    std::vector<SessionStatus> status;
    std::vector<std::vector<PlotRow>> rows;   ///< new plot rows per walker since the last take
    long long generation = 0;             ///< bumped when the walkers are rebuilt (plots reset)
    double step_cost_us = 0;              ///< mean wall time of one step of all walkers
    double sim_rate = 0;                  ///< simulated s per wall s over the last second
    double publish_cost_us = 0;           ///< building this frame's draw lists and status
    std::string message;                  ///< the last notice (errors, files written)
};

class SimRunner {
public:
    /// Loads and builds everything (throws rg::InputError on bad input).
    explicit SimRunner(const StudioConfig& config);
    ~SimRunner();

    /// Starts the worker thread (interactive use). Without it, advance() steps synchronously.
    void start();
    /// Stops the worker thread (the walkers stay; advance() and post() then run synchronously).
    void stop();
    /// Synchronous: simulates `seconds` more on the calling thread (no worker running).
    void advance(double seconds);
    /// Starts recording every walker; stopRecordings() writes the files of `retrogait run`
    /// into `dir` (side by side: dir/forward and dir/backward). Call through post().
    void startRecordings();
    std::string stopRecordings(const std::string& dir);

    /// Runs `command` on the worker between steps (at once when no worker is running).
    void post(std::function<void(SimRunner&)> command);

    // ---- called through post() (or directly without a worker) ----
    void rebuild(const StudioConfig& config);   ///< InputError is reported as the message
    std::vector<SimSession>& sessions() { return sessions_; }
    const StudioConfig& config() const { return config_; }
    void setMessage(const std::string& m) { message_ = m; }

    // ---- thread-safe ----
    void setPaused(bool p) { paused_ = p; }
    bool paused() const { return paused_; }
    void singleStep() { ++single_steps_; }
    void setPlaybackSpeed(double s) { playback_speed_ = s; }
    double playbackSpeed() const { return playback_speed_; }
    void setDrawOptions(const rg::DrawOptions& o);
    /// Moves the latest published frame into `out` (the plot rows are handed over once).
    /// Returns false when nothing new was published since the last take.
    bool take(Frame& out);
    /// Publishes a frame now (synchronous use).
    void publish();

private:
    void build(const StudioConfig& c);
    void loop();
    void runCommands();

    StudioConfig config_;
    std::vector<SimSession> sessions_;
    std::thread worker_;
    std::mutex mutex_;
    std::vector<std::function<void(SimRunner&)>> commands_;
    std::atomic<bool> quit_{false}, paused_{false};
    std::atomic<int> single_steps_{0};
    std::atomic<double> playback_speed_{1.0};
    rg::DrawOptions draw_options_;
    Frame published_;
    bool fresh_ = false;
    long long generation_ = 0;
    std::string message_;
    double step_cost_us_ = 0, sim_rate_ = 0;
};

} // namespace studio
