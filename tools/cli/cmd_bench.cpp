#include "cli_common.hpp"

#include "engine/control/posture_controller.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/sim/simulation.hpp"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <memory>

namespace rgcli {

namespace {
void addBenchCommand(CLI::App& app) {
    auto seconds = std::make_shared<double>(10.0);
    auto scene = std::make_shared<std::string>(std::string(RETROGAIT_SOURCE_DIR) + "/scenes/standing.json");
    CLI::App* cmd = app.add_subcommand("bench", "Measure the cost of a simulation step and the real-time factor\n"
                                                "(a benchmark: prints figures, never fails on a time)");
    cmd->add_option("--seconds", *seconds, "Simulated seconds per case (default 10)")->check(CLI::Range(0.1, 600.0));
    cmd->add_option("--scene", *scene, "Scene for the standing case (default scenes/standing.json)");
    cmd->callback([seconds, scene]() {
        auto model = rg::Model::build(rg::loadModelFile(rg::defaultModelPath()));
        const rg::SceneDesc sc = rg::loadSceneFile(*scene);
        rg::Simulation sim(model, sc, std::make_unique<rg::PostureController>());
        const auto t0 = std::chrono::steady_clock::now();
        long steps = 0;
        while (sim.status() == rg::RunStatus::Running && sim.time() < *seconds) {
            sim.step();
            ++steps;
        }
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::cout << std::fixed << std::setprecision(2)
                  << "case: standing, posture PD, " << model->coordinates().size() << " joint coordinates, dt "
                  << sc.time_step_s * 1000 << " ms, " << sc.solver_iterations << " solver iterations\n"
                  << "  steps: " << steps << "  status: " << rg::statusName(sim.status()) << "\n"
                  << "  microseconds per step: " << wall / steps * 1e6 << "\n"
                  << "  real-time factor: " << sim.time() / wall << "x\n";
    });
}

Registrar registerBench(90, addBenchCommand);
} // namespace
} // namespace rgcli
