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

void StaticOptimizer::buildBlocks(int n, int m) {
    // Union-find over the coordinates: a muscle joins the coordinates it acts on.
    // (Runs only when A's pattern changes: its scratch vectors are local.)
    std::vector<int> parent(n);
    for (int j = 0; j < n; ++j) parent[j] = j;
    auto find = [&parent](int x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    };
    for (int i = 0; i < m; ++i)
        for (std::size_t k = 1; k < cols_[i].size(); ++k) {
            const int r0 = find(cols_[i][0].first), r1 = find(cols_[i][k].first);
            if (r0 != r1) parent[std::max(r0, r1)] = std::min(r0, r1);
        }
    std::vector<int> block_of_root(n, -1);  // -1: no muscle acts on the coordinate
    local_.resize(n);
    blocks_.clear();
    for (int i = 0; i < m; ++i) {  // blocks with muscles, numbered by their first muscle
        if (cols_[i].empty()) continue;
        const int root = find(cols_[i][0].first);
        if (block_of_root[root] < 0) {
            block_of_root[root] = int(blocks_.size());
            blocks_.emplace_back();
        }
        blocks_[block_of_root[root]].muscles.push_back(i);
    }
    for (int j = 0; j < n; ++j) {
        const int b = block_of_root[find(j)];
        if (b < 0) continue;
        local_[j] = int(blocks_[b].coordinates.size());
        blocks_[b].coordinates.push_back(j);
    }
    // Muscles that act on no coordinate (a zero column) make a last block without coordinates:
    // its subproblem gives each the target 0.
    Block idle;
    for (int i = 0; i < m; ++i)
        if (cols_[i].empty()) idle.muscles.push_back(i);
    if (!idle.muscles.empty()) blocks_.push_back(std::move(idle));
}

void StaticOptimizer::solveBlock(const StaticOptimizationProblem& p, const Block& b, double eps) {
    // The subproblem with the bounded activations fixed, on this block's coordinates. The sums
    // run over the muscles in ascending order, as over the whole matrix, so every entry has the
    // whole matrix's value.
    const int k = int(b.coordinates.size());
    M_.assign(std::size_t(k) * k, 0.0);
    rhs_.resize(k);
    for (int r = 0; r < k; ++r) {
        M_[r * k + r] = eps;
        rhs_[r] = p.b[b.coordinates[r]];
    }
    for (int i : b.muscles) {
        const auto& c = cols_[i];
        if (status_[i] != 0) {
            for (const auto& [j, v] : c) rhs_[local_[j]] -= v * a_[i];
        } else {
            for (const auto& [j, v] : c)
                for (const auto& [l, u] : c) M_[local_[j] * k + local_[l]] += v * u;
        }
    }
    choleskySolve(k, M_.data(), rhs_.data());
    for (int r = 0; r < k; ++r) lambda_[b.coordinates[r]] = rhs_[r];
    for (int i : b.muscles) {
        if (status_[i] != 0) continue;
        double t = 0;
        for (const auto& [j, v] : cols_[i]) t += v * lambda_[j];
        target_[i] = t;
    }
}

bool StaticOptimizer::solveActiveSet(const StaticOptimizationProblem& p, const Block& b, double eps, int& iterations) {
    const double tol = 1e-11;
    const int max_iterations = 10 * int(b.muscles.size()) + 50;
    bool stale = true;  // the subproblem's solution is out of date (A and b are new)
    for (int it = 0; it < max_iterations; ++it) {
        ++iterations;
        // The subproblem, when the bounded set changed.
        if (stale) solveBlock(p, b, eps);
        stale = false;
        // Move the free activations towards the subproblem's solution, stopping at the first bound.
        double alpha = 1.0;
        int block = -1;
        signed char block_status = 0;
        for (int i : b.muscles) {
            if (status_[i] != 0) continue;
            const double t = target_[i];
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
            for (int i : b.muscles)
                if (status_[i] == 0) a_[i] += alpha * (target_[i] - a_[i]);
            status_[block] = block_status;
            a_[block] = block_status < 0 ? p.lower[block] : p.upper[block];
            stale = true;
            continue;
        }
        for (int i : b.muscles)
            if (status_[i] == 0) a_[i] = std::clamp(target_[i], p.lower[i], p.upper[i]);
        // Bound multipliers (halved): g = a_i − A_iᵀλ must be ≥ 0 at a lower bound, ≤ 0 at an upper one.
        double worst = tol;
        int release = -1;
        for (int i : b.muscles) {
            if (status_[i] == 0) continue;
            double g = a_[i];
            for (const auto& [j, v] : cols_[i]) g -= v * lambda_[j];
            const double violation = status_[i] < 0 ? -g : g;
            if (violation > worst) worst = violation, release = i;
        }
        if (release < 0) return true;
        status_[release] = 0;
        stale = true;
    }
    return false;
}

void StaticOptimizer::solve(const StaticOptimizationProblem& p, StaticOptimizationResult& out) {
    const int n = int(p.A.rows()), m = int(p.A.cols());
    const double eps = 1.0 / p.reserve_weight;

    // A's nonzeros by column; the blocks follow from where they are, so they are found again
    // only when that changes (in a walk it never does: the moment arms' pattern is the model's).
    bool same_pattern = int(cols_.size()) == m && n == rows_;
    cols_.resize(m);
    for (int i = 0; i < m; ++i) {
        auto& c = cols_[i];
        std::size_t k = 0;
        for (int j = 0; j < n; ++j) {
            const double v = p.A(j, i);
            if (v == 0.0) continue;
            if (k < c.size() && c[k].first == j) {
                c[k].second = v;
            } else {
                same_pattern = false;
                c.resize(k);
                c.emplace_back(j, v);
            }
            ++k;
        }
        if (k != c.size()) {
            same_pattern = false;
            c.resize(k);
        }
    }
    rows_ = n;
    if (!same_pattern) buildBlocks(n, m);
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
    lambda_.setZero(n);
    target_.setZero(m);
    // The blocks are independent problems (they share no coordinate and no muscle): each runs
    // its own active-set iterations, scanning only its muscles.
    out.converged = true;
    out.iterations = 0;
    for (const auto& b : blocks_)
        if (!solveActiveSet(p, b, eps, out.iterations)) out.converged = false;
    out.activation = a_;
    // ρ = λ/w at the optimum; taking the residual keeps A·a + ρ = b exact after the clamping.
    out.reserve = p.b - p.A * a_;
}

} // namespace rg
