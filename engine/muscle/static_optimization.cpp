#include "engine/muscle/static_optimization.hpp"

#include <algorithm>
#include <cmath>

namespace rg {

double StaticOptimizationResult::cost() const { return activation.squaredNorm(); }

namespace {

/// Solves M x = b for SPD M (n × n, row-major, lower triangle used) by Cholesky, in place: M's
/// lower triangle becomes the factor L, b becomes x.
void choleskySolve(int n, double* M, double* b) {
    for (int j = 0; j < n; ++j) {
        double* Lj = M + j * n;
        double d = Lj[j];
        for (int k = 0; k < j; ++k) d -= Lj[k] * Lj[k];
        const double Ljj = std::sqrt(d);
        Lj[j] = Ljj;
        for (int i = j + 1; i < n; ++i) {
            double* Li = M + i * n;
            double v = Li[j];
            for (int k = 0; k < j; ++k) v -= Li[k] * Lj[k];
            Li[j] = v / Ljj;
        }
    }
    for (int i = 0; i < n; ++i) {  // L y = b
        const double* Li = M + i * n;
        double v = b[i];
        for (int k = 0; k < i; ++k) v -= Li[k] * b[k];
        b[i] = v / Li[i];
    }
    for (int i = n - 1; i >= 0; --i) {  // Lᵀ x = y
        double v = b[i];
        for (int k = i + 1; k < n; ++k) v -= M[k * n + i] * b[k];
        b[i] = v / M[i * n + i];
    }
}

} // namespace

void StaticOptimizer::solve(const StaticOptimizationProblem& p, StaticOptimizationResult& out) {
    const int n = int(p.A.rows()), m = int(p.A.cols());
    const double eps = 1.0 / p.reserve_weight;
    const double tol = 1e-11;

    cols_.resize(m);
    for (int i = 0; i < m; ++i) {
        cols_[i].clear();
        for (int j = 0; j < n; ++j)
            if (p.A(j, i) != 0.0) cols_[i].emplace_back(j, p.A(j, i));
    }
    // Warm start: keep the previous active set; free activations stay where they were.
    if (int(status_.size()) != m || a_.size() != m) {
        status_.assign(m, -1);
        a_ = p.lower;
    }
    for (int i = 0; i < m; ++i) {
        if (status_[i] < 0) a_[i] = p.lower[i];
        else if (status_[i] > 0) a_[i] = p.upper[i];
        else a_[i] = std::clamp(a_[i], p.lower[i], p.upper[i]);
    }
    rhs_.resize(n);
    M_.resize(std::size_t(n) * n);
    target_.resize(m);

    out.converged = false;
    int it = 0;
    const int max_iterations = 10 * m + 50;
    for (; it < max_iterations; ++it) {
        // Subproblem with the bounded activations fixed.
        rhs_ = p.b;
        std::fill(M_.begin(), M_.end(), 0.0);
        for (int j = 0; j < n; ++j) M_[j * n + j] = eps;
        for (int i = 0; i < m; ++i) {
            const auto& c = cols_[i];
            if (status_[i] != 0) {
                for (const auto& [j, v] : c) rhs_[j] -= v * a_[i];
            } else {
                for (const auto& [j, v] : c)
                    for (const auto& [k, u] : c) M_[j * n + k] += v * u;
            }
        }
        lambda_ = rhs_;
        choleskySolve(n, M_.data(), lambda_.data());
        // Move the free activations towards the subproblem's solution, stopping at the first bound.
        double alpha = 1.0;
        int block = -1;
        signed char block_status = 0;
        for (int i = 0; i < m; ++i) {
            if (status_[i] != 0) continue;
            double t = 0;
            for (const auto& [j, v] : cols_[i]) t += v * lambda_[j];
            target_[i] = t;
            if (t < p.lower[i] - tol) {
                const double s = (p.lower[i] - a_[i]) / (t - a_[i]);
                if (s < alpha) alpha = s, block = i, block_status = -1;
            } else if (t > p.upper[i] + tol) {
                const double s = (p.upper[i] - a_[i]) / (t - a_[i]);
                if (s < alpha) alpha = s, block = i, block_status = 1;
            }
        }
        if (block >= 0) {
            alpha = std::max(alpha, 0.0);
            for (int i = 0; i < m; ++i)
                if (status_[i] == 0) a_[i] += alpha * (target_[i] - a_[i]);
            status_[block] = block_status;
            a_[block] = block_status < 0 ? p.lower[block] : p.upper[block];
            continue;
        }
        for (int i = 0; i < m; ++i)
            if (status_[i] == 0) a_[i] = std::clamp(target_[i], p.lower[i], p.upper[i]);
        // Bound multipliers (halved): g = a_i − A_iᵀλ must be ≥ 0 at a lower bound, ≤ 0 at an upper one.
        double worst = tol;
        int release = -1;
        for (int i = 0; i < m; ++i) {
            if (status_[i] == 0) continue;
            double g = a_[i];
            for (const auto& [j, v] : cols_[i]) g -= v * lambda_[j];
            const double violation = status_[i] < 0 ? -g : g;
            if (violation > worst) worst = violation, release = i;
        }
        if (release < 0) {
            out.converged = true;
            break;
        }
        status_[release] = 0;
    }
    out.iterations = it + 1;
    out.activation = a_;
    // ρ = λ/w at the optimum; taking the residual keeps A·a + ρ = b exact after the clamping.
    out.reserve = p.b - p.A * a_;
}

} // namespace rg
