// Benchmark case "walking": forward walking on the treadmill at 1.25 m/s with the walking
// controller, driven by ideal torques and by muscles (static optimisation + reserves), in the
// default scene (scenes/treadmill.json, 1 ms) and the fast one (scenes/treadmill_fast.json, 4 ms
// with its own controller entries), each at its time step and at half of it: cost per step,
// real-time factor, where the muscle stage's time goes, and the gait figures that must barely
// move when dt is halved (cadence, stride length, reserve share, metabolic power). Times are wall
// clock (the real-time factor) and process CPU time (steadier on a shared machine: it leaves out
// the time other jobs hold the core); the split of the step into its stages comes from a separate
// timed run, so that the clocks' own cost stays out of the headline figures.
#include "bench_cases.hpp"

#include "engine/control/walking_controller.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/muscle/muscle_actuation.hpp"
#include "engine/sim/factory.hpp"
#include "engine/sim/simulation.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iomanip>
#include <iostream>

namespace rgcli {

namespace {

struct WalkFigures {
    double us_per_step = 0, real_time = 0, cadence = 0, reserve_ratio = 0, sim_time = 0;
    double cpu_us_per_step = 0, cpu_real_time = 0;
    double stride_length = 0, metabolic_w_per_kg = 0;
    std::string status;
    rg::MuscleActuation::StageTimes stages;
    rg::Simulation::StageTimes step_stages;
};

/// The bench's scenes (in scenes/), with their time steps, solver settings and control files.
const char* const kBenchScenes[] = {"treadmill.json", "treadmill_fast.json"};

WalkFigures walk(const BenchOptions& o, const rg::SceneDesc& scene, bool muscles, double dt_scale, bool timed = false) {
    auto model = rg::Model::build(rg::loadModelFile(rg::defaultModelPath()));
    rg::SceneDesc sc = scene;
    sc.speed_m_per_s = 1.25;
    sc.gait = rg::Gait::Forward;
    sc.time_step_s *= dt_scale;
    std::unique_ptr<rg::Actuation> act = muscles ? rg::makeActuation(*model, sc) : std::make_unique<rg::IdealActuation>();
    auto* ma = dynamic_cast<rg::MuscleActuation*>(act.get());
    if (ma) ma->setStageTiming(timed);
    auto controller = rg::makeController(*model, sc);
    const auto* wc = dynamic_cast<const rg::WalkingController*>(controller.get());
    rg::Simulation sim(model, sc, std::move(controller), rg::SimulationOptions{}, std::move(act));
    sim.setStageTiming(timed);
    int stance = wc ? wc->stanceLeg() : 0;
    const std::clock_t c0 = std::clock();
    const auto t0 = std::chrono::steady_clock::now();
    long steps = 0;
    int steps_taken = 0;
    double res2 = 0, net2 = 0, energy = 0, energy_time = 0;
    const double settle = std::min(2.0, o.seconds / 2);
    while (sim.status() == rg::RunStatus::Running && sim.time() < o.seconds) {
        sim.step();
        ++steps;
        if (wc && wc->stanceLeg() != stance) {  // the controller's stance changes: steps
            stance = wc->stanceLeg();
            if (sim.time() > settle) ++steps_taken;
        }
        if (ma && sim.time() > settle) {
            res2 += ma->reserveTorques().squaredNorm();
            net2 += sim.appliedTorques().squaredNorm();
            energy += ma->metabolicPower() * sc.time_step_s;
            energy_time += sc.time_step_s;
        }
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
    WalkFigures f;
    f.us_per_step = wall / steps * 1e6;
    f.real_time = sim.time() / wall;
    f.cpu_us_per_step = cpu / steps * 1e6;
    f.cpu_real_time = cpu > 0 ? sim.time() / cpu : 0;
    f.sim_time = sim.time();
    f.cadence = sim.time() > settle ? 60.0 * steps_taken / (sim.time() - settle) : 0;
    f.reserve_ratio = net2 > 0 ? std::sqrt(res2 / net2) : 0;
    // On the treadmill a stride (two steps) covers the belt's travel over the stride time.
    f.stride_length = f.cadence > 0 ? sc.speed_m_per_s * 2.0 * 60.0 / f.cadence : 0;
    f.metabolic_w_per_kg = energy_time > 0 ? energy / energy_time / model->bodyMass() : 0;
    f.status = rg::statusName(sim.status());
    if (ma) f.stages = ma->stageTimes();
    f.step_stages = sim.stageTimes();
    return f;
}

void benchScene(const BenchOptions& o, const std::string& name) {
    const rg::SceneDesc scene = rg::loadSceneFile(std::string(RETROGAIT_SOURCE_DIR) + "/scenes/" + name);
    std::cout << "scenes/" << name << " (" << scene.solver_iterations << " solver iterations):\n";
    // The scene's step and half of it.
    const double dt_ms = scene.time_step_s * 1000.0;
    char dt_full[32], dt_half[32];
    std::snprintf(dt_full, sizeof dt_full, "dt %g ms", dt_ms);
    std::snprintf(dt_half, sizeof dt_half, "dt %g ms", dt_ms / 2);
    const WalkFigures ideal = walk(o, scene, false, 1.0);
    const WalkFigures musc = walk(o, scene, true, 1.0);
    const WalkFigures half = walk(o, scene, true, 0.5);
    const WalkFigures timed = walk(o, scene, true, 1.0, true);
    auto row = [](const char* what, const WalkFigures& f) {
        std::cout << "  " << what << ": " << f.us_per_step << " us/step, " << f.real_time << "x real time (CPU time: "
                  << f.cpu_us_per_step << " us/step, " << f.cpu_real_time << "x), status " << f.status << " at " << f.sim_time
                  << " s, cadence " << f.cadence << " steps/min";
        if (f.reserve_ratio > 0) std::cout << ", reserve share " << std::setprecision(3) << f.reserve_ratio << std::setprecision(2);
        std::cout << "\n";
    };
    row(("ideal torques, " + std::string(dt_full)).c_str(), ideal);
    row(("muscles, " + std::string(dt_full)).c_str(), musc);
    row(("muscles, " + std::string(dt_half)).c_str(), half);
    std::cout << "  muscle stage (muscles minus ideal torques): " << musc.us_per_step - ideal.us_per_step << " us/step ("
              << std::setprecision(0) << 100.0 * (musc.us_per_step - ideal.us_per_step) / musc.us_per_step
              << " % of the step)\n" << std::setprecision(2);
    // Where a muscle-driven step's time goes (a timed run: the clocks add about 0.5 us).
    const auto& st = timed.step_stages;
    if (st.steps > 0) {
        const double us = 1e6 / double(st.steps);
        std::cout << "  step parts, us/step (" << dt_full << ", timed run): controller " << st.control_s * us << ", muscle stage "
                  << st.actuation_s * us << ", physics (Bullet's step, contacts) " << st.physics_s * us << ", checks "
                  << st.checks_s * us << "; total " << (st.control_s + st.actuation_s + st.physics_s + st.checks_s) * us << "\n";
    }
    const auto& t = timed.stages;
    if (t.steps > 0) {
        const double us = 1e6 / double(t.steps);
        const double total = t.geometry_s + t.bounds_s + t.solve_s + t.activations_s + t.states_s + t.energy_s;
        std::cout << "  muscle stage parts, us/step (" << dt_full << "): geometry " << t.geometry_s * us << ", fibre steps at the activation bounds "
                  << t.bounds_s * us << ", static optimisation " << t.solve_s * us << ", activations for the planned forces "
                  << t.activations_s * us << ", new states " << t.states_s * us << ", energy " << t.energy_s * us << "; apply() total "
                  << total * us << "\n";
    }
    // Outcome 9: the gait barely moves when dt is halved.
    std::cout << "  gait at " << dt_full << " | " << dt_half << ": cadence " << musc.cadence << " | " << half.cadence << " steps/min, stride length "
              << std::setprecision(3) << musc.stride_length << " | " << half.stride_length << " m (belt speed x stride time), reserve share "
              << musc.reserve_ratio << " | " << half.reserve_ratio << ", metabolic power " << std::setprecision(2)
              << musc.metabolic_w_per_kg << " | " << half.metabolic_w_per_kg << " W/kg\n";
}

void benchWalking(const BenchOptions& o) {
    std::cout << std::fixed << std::setprecision(2)
              << "walking forward at 1.25 m/s on the treadmill (walking controller; cadence from its steps)\n";
    for (const char* name : kBenchScenes) benchScene(o, name);
}

BenchRegistrar walking{"walking", 30, benchWalking};

} // namespace
} // namespace rgcli
