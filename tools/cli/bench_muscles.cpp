// Benchmark case "static-optimisation": microseconds per static-optimisation solve for the full
// walker (all muscles, a reserve on every coordinate), and per muscle actuation step.
#include "bench_cases.hpp"

#include "engine/model/model_loader.hpp"
#include "engine/muscle/muscle_actuation.hpp"
#include "engine/physics/physics_world.hpp"

#include <chrono>
#include <cmath>
#include <iomanip>
#include <iostream>

namespace rgcli {

namespace {

/// Desired torques of a gait-like pattern at time t: sagittal hip, knee and ankle moments of
/// walking magnitude, frontal hip and trunk moments, some of them beyond the muscles' capacity.
Eigen::VectorXd desiredTorques(const rg::Model& m, double t) {
    Eigen::VectorXd tau = Eigen::VectorXd::Zero(int(m.coordinates().size()));
    const double w = 2.0 * 3.14159265358979 * 0.9;  // stride frequency, Hz
    for (std::size_t c = 0; c < m.coordinates().size(); ++c) {
        const std::string& n = m.coordinates()[c].name;
        const double ph = n.back() == 'l' ? 3.14159265358979 : 0.0;
        const double s = std::sin(w * t + ph), s2 = std::sin(2 * w * t + ph + 0.5);
        if (n.rfind("hip_flexion", 0) == 0) tau[c] = 90 * s;
        else if (n.rfind("hip_adduction", 0) == 0) tau[c] = -60 + 40 * s2;
        else if (n.rfind("hip_rotation", 0) == 0) tau[c] = 8 * s;
        else if (n.rfind("knee_angle", 0) == 0) tau[c] = 60 * s2;
        else if (n.rfind("ankle_angle", 0) == 0) tau[c] = -55 + 60 * s;
        else if (n == "lumbar_extension") tau[c] = 20 * s2;
        else if (n == "lumbar_bending") tau[c] = 15 * s;
        else if (n == "lumbar_rotation") tau[c] = 5 * s2;
    }
    return tau;
}

void benchStaticOptimisation(const BenchOptions& o) {
    auto model = rg::Model::build(rg::loadModelFile(rg::defaultModelPath()));
    rg::SceneDesc scene;
    scene.gravity = 0;
    rg::PhysicsWorld world(model, scene);
    rg::MuscleActuation act(*model);
    act.reset(world);
    const double dt = 0.001;
    const int steps = std::max(1000, int(o.seconds * 200));
    // Problems as the actuation stage poses them along a pattern (fibre states evolving).
    std::vector<rg::StaticOptimizationProblem> problems;
    Eigen::VectorXd applied;
    const auto t0 = std::chrono::steady_clock::now();
    for (int k = 0; k < steps; ++k) {
        act.apply(world, desiredTorques(*model, k * dt), dt, applied);
        problems.push_back(act.lastProblem());
    }
    const double apply_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rg::StaticOptimizer warm, cold;
    rg::StaticOptimizationResult r;
    long iters = 0, unconverged = 0;
    const auto t1 = std::chrono::steady_clock::now();
    for (const auto& p : problems) {
        warm.solve(p, r);
        iters += r.iterations;
        unconverged += !r.converged;
    }
    const double warm_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
    const auto t2 = std::chrono::steady_clock::now();
    for (const auto& p : problems) {
        cold.reset();
        cold.solve(p, r);
    }
    const double cold_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t2).count();
    const auto& p0 = problems.front();
    std::cout << std::fixed << std::setprecision(2) << "static optimisation, full model: " << p0.A.cols() << " muscles, "
              << p0.A.rows() << " coordinates (one reserve each), " << steps << " solves along a gait-like torque pattern\n"
              << "  microseconds per solve (warm-started, as in a run): " << warm_wall / steps * 1e6 << "\n"
              << "  microseconds per solve (cold start): " << cold_wall / steps * 1e6 << "\n"
              << "  mean active-set iterations (warm, summed over the blocks): " << double(iters) / steps << ", unconverged: " << unconverged << "\n"
              << "  microseconds per muscle actuation step (solve + excitations + fibres + energy): "
              << apply_wall / steps * 1e6 << "\n";
}

BenchRegistrar staticOptimisation{"static-optimisation", 20, benchStaticOptimisation};

} // namespace
} // namespace rgcli
