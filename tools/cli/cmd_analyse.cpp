// retrogait analyse: re-run the analyses on the files of a run folder (time series in, numbers out).
#include "cli_common.hpp"

#include "engine/sim/experiment.hpp"

#include <iostream>
#include <memory>

namespace rgcli {

namespace {

struct AnalyseArgs {
    std::string run, model, out;
    int warmup = 2;
    double grf_lowpass = 0;
};

void addAnalyseCommand(CLI::App& app) {
    auto a = std::make_shared<AnalyseArgs>();
    CLI::App* cmd = app.add_subcommand(
        "analyse", "Re-run the analyses (gait events, inverse dynamics, work, joint contact forces, muscle\n"
                   "recruitment, energy, stability) on a folder written by 'run' or 'compare' (forward/, backward/),\n"
                   "from its timeseries.csv and summary.json, and rewrite its summary and analysis files.");
    cmd->add_option("--run", a->run, "Run folder (with timeseries.csv and summary.json)")->required();
    cmd->add_option("--model", a->model, "Model JSON file (default: the summary's model_file)");
    cmd->add_option("--warmup-strides", a->warmup, "Strides discarded first as warm-up (0 to 100, default 2)");
    cmd->add_option("--grf-lowpass", a->grf_lowpass, "Cut-off of the zero-lag low-pass for grf_bw_lowpass and the interval joint\n"
                                                     "contact forces, Hz (1 to 1000; default: the summary's grf_lowpass_hz, else 20;\n"
                                                     "at or above half the recording's sample rate the low-passed values are null)");
    cmd->add_option("--out", a->out, "Output folder (default: the run folder itself, replaced atomically)");
    cmd->callback([a, cmd]() {
        rg::checkOptionRange("--warmup-strides", a->warmup, 0, 100, "strides");
        if (cmd->count("--grf-lowpass")) rg::checkOptionRange("--grf-lowpass", a->grf_lowpass, 1.0, 1000.0, "Hz");
        const rg::Reanalysis r = rg::reanalyseRunFolder(a->run, a->model, a->warmup, a->grf_lowpass);
        const std::string out = a->out.empty() ? a->run : a->out;
        rg::writeRunFiles(r.result, *r.model, out);
        const auto& s = r.result.summary;
        std::cout << "analyse: " << (s["strides"].is_null() ? std::string("no complete stride") : std::to_string(s["strides"].get<int>()) + " strides")
                  << "; wrote " << out << "\n";
    });
}

Registrar registerAnalyse(30, addAnalyseCommand);

} // namespace
} // namespace rgcli
