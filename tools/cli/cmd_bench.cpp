#include "cli_common.hpp"
#include "bench_cases.hpp"

#include "engine/control/posture_controller.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/sim/simulation.hpp"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <memory>

namespace rgcli {

std::vector<BenchCase>& benchCases() {
    static std::vector<BenchCase> c;
    return c;
}

namespace {

void benchStanding(const BenchOptions& o) {
    auto model = rg::Model::build(rg::loadModelFile(rg::defaultModelPath()));
    const rg::SceneDesc sc = rg::loadSceneFile(std::string(RETROGAIT_SOURCE_DIR) + "/scenes/standing.json");
    rg::Simulation sim(model, sc, std::make_unique<rg::PostureController>());
    const auto t0 = std::chrono::steady_clock::now();
    long steps = 0;
    while (sim.status() == rg::RunStatus::Running && sim.time() < o.seconds) {
        sim.step();
        ++steps;
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << std::fixed << std::setprecision(2) << "standing (posture PD, ideal torques, " << model->coordinates().size()
              << " coordinates, dt " << sc.time_step_s * 1000 << " ms, " << sc.solver_iterations << " solver iterations)\n"
              << "  steps " << steps << ", status " << rg::statusName(sim.status()) << "\n"
              << "  microseconds per step: " << wall / steps * 1e6 << "\n"
              << "  real-time factor: " << sim.time() / wall << "x\n";
}

BenchRegistrar standing{"standing", 10, benchStanding};

void addBenchCommand(CLI::App& app) {
    auto opt = std::make_shared<BenchOptions>();
    auto only = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("bench", "Measure step costs and real-time factors (a benchmark: prints figures,\n"
                                                "never fails on a time)");
    cmd->add_option("--seconds", opt->seconds, "Simulated seconds per case (default 10)")->check(CLI::Range(0.1, 600.0));
    cmd->add_option("--case", *only, "Run only this case");
    cmd->callback([opt, only]() {
        auto cases = benchCases();
        std::stable_sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
        bool any = false;
        for (const auto& c : cases) {
            if (!only->empty() && c.name != *only) continue;
            any = true;
            std::cout << "== " << c.name << "\n";
            c.run(*opt);
        }
        if (!any) {
            std::string names;
            for (const auto& c : cases) names += (names.empty() ? "" : ", ") + c.name;
            throw rg::InputError("command line", "--case", "unknown case \"" + *only + "\"", names);
        }
    });
}

Registrar registerBench(90, addBenchCommand);
} // namespace
} // namespace rgcli
