// retrogait compare: forward and backward walking in the same conditions, side by side.
#include "cli_common.hpp"

#include "engine/analysis/compare_summary.hpp"
#include "engine/analysis/gait_reversal.hpp"
#include "engine/core/error.hpp"
#include "engine/io/output_dir.hpp"
#include "engine/sim/experiment.hpp"
#include "engine/sim/summary.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace rgcli {

namespace {

namespace fs = std::filesystem;

struct CompareArgs {
    std::string scene, model, out;
    double speed = -1, incline = 0, max_duration = -1, mass = -1, height = -1, sample_rate = 200, grf_lowpass = 20;
    int strides = 10, warmup = 2, jobs = 0;
    std::uint64_t seed = 1;
    std::string strength;
    bool quiet = false, no_report = false;
};

std::string shellQuote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

/// A Python 3 with matplotlib: $RETROGAIT_PYTHON, Debian's /usr/bin/python3, or python3 on PATH.
std::string findPython() {
    std::vector<std::string> candidates;
    if (const char* e = std::getenv("RETROGAIT_PYTHON")) candidates.push_back(e);
    candidates.push_back("/usr/bin/python3");
    candidates.push_back("python3");
    for (const auto& c : candidates) {
        const std::string cmd = shellQuote(c) + " -c 'import matplotlib, numpy' >/dev/null 2>&1";
        if (std::system(cmd.c_str()) == 0) return c;
    }
    return "";
}

/// tools/report/make_report.py: $RETROGAIT_REPORT_SCRIPT, beside the executable's source tree,
/// or in the source tree this binary was built from.
std::string findReportScript() {
    std::vector<fs::path> candidates;
    if (const char* e = std::getenv("RETROGAIT_REPORT_SCRIPT")) candidates.emplace_back(e);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) candidates.push_back(exe.parent_path() / "../../tools/report/make_report.py");
    candidates.push_back(fs::path(RETROGAIT_SOURCE_DIR) / "tools/report/make_report.py");
    for (const auto& c : candidates)
        if (fs::is_regular_file(c, ec)) return fs::absolute(c).lexically_normal().string();
    return "";
}

/// Runs the report script on the comparison folder; returns "" on success, else why not.
std::string makeReport(const std::string& dir) {
    const std::string py = findPython();
    if (py.empty()) return "no Python 3 with matplotlib and numpy found (install python3-matplotlib)";
    const std::string script = findReportScript();
    if (script.empty()) return "tools/report/make_report.py not found";
    const std::string log = dir + "/.report.log";
    const std::string cmd = "MPLBACKEND=Agg " + shellQuote(py) + " " + shellQuote(script) + " " + shellQuote(dir) +
                            " > " + shellQuote(log) + " 2>&1";
    const int rc = std::system(cmd.c_str());
    std::string msg;
    {
        std::ifstream in(log);
        std::stringstream ss;
        ss << in.rdbuf();
        msg = ss.str();
    }
    std::error_code ec;
    fs::remove(log, ec);
    if (rc != 0) return "the report script failed: " + msg;
    return "";
}

void addCompareCommand(CLI::App& app) {
    auto a = std::make_shared<CompareArgs>();
    CLI::App* cmd = app.add_subcommand(
        "compare", "Walk forward and backward in the same conditions (in parallel) and compare them.\n"
                   "Writes --out/forward/ and --out/backward/ (as 'run'), --out/summary.json (both summaries and\n"
                   "the backward-to-forward ratios) and --out/report.html (figures; needs python3-matplotlib).");
    cmd->add_option("--scene", a->scene, "Scene JSON file (e.g. scenes/treadmill.json)")->required();
    cmd->add_option("--model", a->model, "Model JSON file (default: models/adult_walker.json)");
    cmd->add_option("--speed", a->speed, "Walking speed relative to the surface, m/s (0 to 3; treadmill: belt speed)");
    cmd->add_option("--incline", a->incline, "Surface incline, percent grade (-30 to 30; uphill in the direction of travel)");
    cmd->add_option("--strides", a->strides, "Strides to analyse per gait after the warm-up (1 to 1000, default 10)");
    cmd->add_option("--warmup-strides", a->warmup, "Strides discarded first as warm-up (0 to 100, default 2)");
    cmd->add_option("--max-duration", a->max_duration,
                    "Simulated time limit per gait, s (default: the scene's duration or 2.5 s per stride + 2 s, "
                    "whichever is longer)");
    cmd->add_option("--strength", a->strength, "Muscle strength factors on Fmax for both gaits, e.g. VAS=0.5 (see 'retrogait muscles')");
    cmd->add_option("--seed", a->seed, "Random seed (the same for both gaits)");
    cmd->add_option("--mass", a->mass, "Body mass, kg (20 to 250; rescales the model)");
    cmd->add_option("--height", a->height, "Body height, m (1.0 to 2.3; rescales the model)");
    cmd->add_option("--sample-rate", a->sample_rate, "Rows per second in the time-series files, Hz (default 200)");
    cmd->add_option("--grf-lowpass", a->grf_lowpass, "Cut-off of the zero-lag low-pass for grf_bw_lowpass and the interval joint\n"
                                                     "contact forces, Hz (1 to below half the sample rate; default 20)");
    cmd->add_option("--jobs", a->jobs, "Gaits simulated at once: 1 or 2 (default: 2 when the machine has 2 cores)");
    cmd->add_option("--out", a->out, "Output folder (replaced when both runs complete)")->required();
    cmd->add_flag("--no-report", a->no_report, "Skip report.html");
    cmd->add_flag("--quiet,-q", a->quiet, "No progress output");
    cmd->callback([a, cmd]() {
        rg::checkOptionRange("--strides", a->strides, 1, 1000, "strides");
        rg::checkOptionRange("--warmup-strides", a->warmup, 0, 100, "strides");
        if (cmd->count("--jobs")) rg::checkOptionRange("--jobs", a->jobs, 1, 2, "threads");
        if (cmd->count("--max-duration")) rg::checkOptionRange("--max-duration", a->max_duration, 0.001, rg::kMaxDuration, "s");
        rg::RunSetup setup[2];
        const rg::Gait gaits[2] = {rg::Gait::Forward, rg::Gait::Backward};
        for (int g = 0; g < 2; ++g) {
            rg::RunRequest r;
            r.scene_path = a->scene;
            r.model_path = a->model;
            r.gait = gaits[g];
            if (cmd->count("--speed")) r.speed_m_per_s = a->speed;
            if (cmd->count("--incline")) r.incline_percent = a->incline;
            if (cmd->count("--mass")) r.model_overrides.body_mass = a->mass;
            if (cmd->count("--height")) r.model_overrides.height = a->height;
            r.seed = a->seed;
            r.strength = a->strength;
            r.sample_rate_hz = a->sample_rate;
            r.grf_lowpass_hz = a->grf_lowpass;
            r.warmup_strides = a->warmup;
            r.target_strides = a->strides;
            setup[g] = rg::prepareRun(r);  // InputError → exit 2, nothing written
        }
        const double duration = cmd->count("--max-duration")
                                    ? a->max_duration
                                    : std::max(setup[0].scene.duration_s, 2.5 * (a->warmup + a->strides) + 2.0);
        for (auto& s : setup) s.duration_s = duration;

        // Both gaits, in parallel where there are cores; progress from the main thread.
        std::atomic<double> t_done[2] = {0.0, 0.0};
        std::atomic<int> strides_done[2] = {0, 0};
        std::atomic<bool> finished[2] = {false, false};
        rg::RunResult result[2];
        std::exception_ptr error[2];
        auto work = [&](int g) {
            try {
                result[g] = rg::executeRun(setup[g], [&, g](const rg::RunProgress& p) {
                    t_done[g] = p.time_s;
                    strides_done[g] = p.strides;
                });
            } catch (...) {
                error[g] = std::current_exception();
            }
            finished[g] = true;
        };
        const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
        const int jobs = cmd->count("--jobs") ? a->jobs : (cores >= 2 ? 2 : 1);
        const bool show = !a->quiet && isatty(STDERR_FILENO);
        auto printProgress = [&] {
            if (!show) return;
            std::ostringstream line;
            line << std::fixed << std::setprecision(0);
            const char* names[2] = {"forward", "backward"};
            for (int g = 0; g < 2; ++g)
                line << (g ? "  |  " : "\r  ") << names[g] << " " << double(t_done[g]) << "/" << duration << " s, strides "
                     << strides_done[g] << "/" << a->warmup + a->strides;
            std::cerr << line.str() << std::flush;
        };
        auto waitFor = [&](std::initializer_list<int> gs) {
            while (true) {
                bool all = true;
                for (int g : gs) all = all && finished[g];
                if (all) break;
                printProgress();
                std::this_thread::sleep_for(std::chrono::milliseconds(250));
            }
        };
        if (!a->quiet && !show) std::cerr << "compare: simulating forward and backward walking (up to " << duration << " s each)\n";
        if (jobs >= 2) {
            std::thread fw(work, 0), bw(work, 1);
            waitFor({0, 1});
            fw.join();
            bw.join();
        } else {
            std::thread fw(work, 0);
            waitFor({0});
            fw.join();
            std::thread bw(work, 1);
            waitFor({1});
            bw.join();
        }
        printProgress();
        if (show) std::cerr << "\n";
        for (auto& e : error)
            if (e) std::rethrow_exception(e);

        rg::OutputDir out(a->out);
        rg::writeRunFiles(result[0], *setup[0].model, out.file("forward"));
        rg::writeRunFiles(result[1], *setup[1].model, out.file("backward"));
        nlohmann::json summary = rg::compareSummary(result[0].summary, result[1].summary, rg::summaryNumericKeys());
        summary["conditions"] = {{"scene", setup[0].scene.name},
                                 {"scene_file", setup[0].scene.file},
                                 {"speed_m_per_s", setup[0].scene.speed_m_per_s},
                                 {"incline_percent", setup[0].scene.incline_percent},
                                 {"strides_requested", a->strides},
                                 {"warmup_strides", a->warmup},
                                 {"max_duration_s", duration},
                                 {"seed", a->seed},
                                 {"model", setup[0].model->desc().name},
                                 {"body_mass_kg", setup[0].model->bodyMass()},
                                 {"height_m", setup[0].model->height()}};
        // Is the backward gait the forward one played backwards? From the two runs' mean
        // gait-cycle curves (a compare-level key: not part of the backward-to-forward ratios).
        summary["gait_reversal"] = rg::gaitReversalSummary(result[0].summary, result[0].analysis.cycle, result[1].summary,
                                                           result[1].analysis.cycle);
        // The report reads the summary: write it first, then record what became of the report.
        auto writeSummary = [&] {
            std::ofstream f(out.file("summary.json"));
            f << std::setw(2) << summary << "\n";
            if (!f) throw std::runtime_error("cannot write summary.json in " + a->out);
        };
        writeSummary();
        std::string report_problem = a->no_report ? "skipped on request (--no-report)" : makeReport(out.tempPath());
        summary["report"] = report_problem.empty() ? "report.html" : "skipped: " + report_problem;
        writeSummary();
        out.commit();

        const auto& f = result[0].summary;
        const auto& b = result[1].summary;
        auto show_status = [](const nlohmann::json& s) {
            std::string r = s["status"].get<std::string>();
            r += ", " + (s["strides"].is_null() ? std::string("no complete stride") : std::to_string(s["strides"].get<int>()) + " strides");
            return r;
        };
        std::cout << "compare: forward " << show_status(f) << "; backward " << show_status(b) << "\n"
                  << "wrote " << a->out << "/{summary.json, forward/, backward/"
                  << (report_problem.empty() ? ", report.html}" : "}") << "\n";
        if (!report_problem.empty()) std::cout << "report.html was not written: " << report_problem << "\n";
    });
}

Registrar registerCompare(20, addCompareCommand);

} // namespace
} // namespace rgcli
