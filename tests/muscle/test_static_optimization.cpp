// Static optimisation against a reference solver written here: exhaustive enumeration of the
// active sets of the KKT conditions (each block of coupled coordinates separately), which is
// exact for a strictly convex QP and shares no code with the active-set solver.
#include "engine/model/model_loader.hpp"
#include "engine/muscle/muscle_actuation.hpp"
#include "engine/physics/physics_world.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <random>

using namespace rg;

namespace {

/// min Σa² + w Σρ² s.t. A a + ρ = b, lo ≤ a ≤ hi, by KKT enumeration over {lower, upper, free}^m
/// within each block of coordinates coupled by muscles.
void referenceSolve(const StaticOptimizationProblem& p, Eigen::VectorXd& a, Eigen::VectorXd& rho) {
    const int n = int(p.A.rows()), m = int(p.A.cols());
    std::vector<int> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    std::function<int(int)> find = [&](int x) { return parent[x] == x ? x : parent[x] = find(parent[x]); };
    for (int i = 0; i < m; ++i) {
        int first = -1;
        for (int j = 0; j < n; ++j)
            if (p.A(j, i) != 0.0) {
                if (first < 0) first = j; else parent[find(j)] = find(first);
            }
    }
    a = p.lower;
    rho = p.b;
    const double w = p.reserve_weight;
    for (int root = 0; root < n; ++root) {
        if (find(root) != root) continue;
        std::vector<int> C, M;
        for (int j = 0; j < n; ++j)
            if (find(j) == root) C.push_back(j);
        for (int i = 0; i < m; ++i)
            for (int j : C)
                if (p.A(j, i) != 0.0) { M.push_back(i); break; }
        if (M.empty()) continue;  // reserve only: ρ = b
        const int nb = int(C.size()), mb = int(M.size());
        long total = 1;
        for (int k = 0; k < mb; ++k) total *= 3;
        int found = 0;
        for (long code = 0; code < total; ++code) {
            std::vector<int> st(mb);
            long c = code;
            for (int k = 0; k < mb; ++k) st[k] = int(c % 3) - 1, c /= 3;  // -1 lower, 0 free, +1 upper
            std::vector<int> F;
            Eigen::VectorXd rhs(nb);
            for (int r = 0; r < nb; ++r) rhs[r] = p.b[C[r]];
            Eigen::VectorXd ab(mb);
            for (int k = 0; k < mb; ++k) {
                if (st[k] == 0) { F.push_back(k); continue; }
                ab[k] = st[k] < 0 ? p.lower[M[k]] : p.upper[M[k]];
                for (int r = 0; r < nb; ++r) rhs[r] -= p.A(C[r], M[k]) * ab[k];
            }
            // KKT of the equality-constrained subproblem in x = [a_F, ρ, λ]:
            //   2 a_F − A_Fᵀλ = 0,  2w ρ − λ = 0,  A_F a_F + ρ = rhs
            const int nf = int(F.size()), N = nf + 2 * nb;
            Eigen::MatrixXd K = Eigen::MatrixXd::Zero(N, N);
            Eigen::VectorXd y = Eigen::VectorXd::Zero(N);
            for (int f = 0; f < nf; ++f) {
                K(f, f) = 2.0;
                for (int r = 0; r < nb; ++r) {
                    K(f, nf + nb + r) = -p.A(C[r], M[F[f]]);
                    K(nf + nb + r, f) = p.A(C[r], M[F[f]]);
                }
            }
            for (int r = 0; r < nb; ++r) {
                K(nf + r, nf + r) = 2.0 * w;
                K(nf + r, nf + nb + r) = -1.0;
                K(nf + nb + r, nf + r) = 1.0;
                y[nf + nb + r] = rhs[r];
            }
            const Eigen::VectorXd x = K.fullPivLu().solve(y);
            bool ok = true;
            for (int f = 0; f < nf && ok; ++f) ok = x[f] >= p.lower[M[F[f]]] - 1e-12 && x[f] <= p.upper[M[F[f]]] + 1e-12;
            for (int k = 0; k < mb && ok; ++k) {
                if (st[k] == 0) continue;
                double g = 2.0 * ab[k];
                for (int r = 0; r < nb; ++r) g -= p.A(C[r], M[k]) * x[nf + nb + r];
                ok = st[k] < 0 ? g >= -1e-9 : g <= 1e-9;
            }
            if (!ok) continue;
            ++found;
            for (int k = 0; k < mb; ++k) a[M[k]] = st[k] == 0 ? 0.0 : ab[k];
            for (int f = 0; f < nf; ++f) a[M[F[f]]] = x[f];
            for (int r = 0; r < nb; ++r) rho[C[r]] = x[nf + r];
        }
        REQUIRE(found >= 1);
    }
}

struct Fixture {
    std::shared_ptr<const Model> model = Model::build(loadModelFile(defaultModelPath()));
    std::shared_ptr<const MuscleSet> muscles = MuscleSet::build(*model);
    SceneDesc scene = [] { SceneDesc s; s.gravity = 0; return s; }();
    PhysicsWorld world{model, scene};
    /// Static optimisation at this pose over the full activation range [0.01, 1]: each muscle's
    /// force is affine in its activation between its static forces at 0 and 1 (fibre in
    /// equilibrium with the tendon).
    StaticOptimizationProblem problemFor(const Eigen::VectorXd& desired) const {
        Eigen::VectorXd L;
        Eigen::MatrixXd R;
        muscles->lengthsAndMomentArms(world.positions(), L, R);
        const int m = muscles->size();
        StaticOptimizationProblem p;
        p.A.resize(R.rows(), m);
        p.b = desired;
        p.lower = Eigen::VectorXd::Constant(m, muscles->settings().min_excitation);
        p.upper = Eigen::VectorXd::Ones(m);
        p.reserve_weight = muscles->settings().reserve_weight;
        const bool rigid = muscles->settings().rigid_tendon;
        for (int i = 0; i < m; ++i) {
            const MuscleParameters& mp = muscles->muscles()[i].params;
            const double f0 = steadyForce(muscles->curves(), mp, rigid, 0.0, L[i]);
            const double f1 = steadyForce(muscles->curves(), mp, rigid, 1.0, L[i]);
            p.A.col(i) = R.col(i) * (f1 - f0);
            p.b -= R.col(i) * f0;
        }
        return p;
    }
};

} // namespace

TEST_CASE("static optimisation reproduces achievable torques with zero reserves and matches the reference", "[muscle][so]") {
    Fixture fx;
    std::mt19937 rng(7);
    // A flexed-knee, dorsiflexed pose with some trunk and hip motion.
    for (const auto& [name, deg] : std::vector<std::pair<std::string, double>>{
             {"hip_flexion_r", 20}, {"knee_angle_r", -40}, {"ankle_angle_r", 5}, {"hip_adduction_r", 4},
             {"hip_flexion_l", -10}, {"knee_angle_l", -10}, {"ankle_angle_l", -10}, {"lumbar_extension", -5}})
        fx.world.setCoordinate(fx.model->coordinateIndex(name), deg * 3.14159265358979 / 180.0);
    const StaticOptimizationProblem shape = fx.problemFor(Eigen::VectorXd::Zero(13));
    for (int trial = 0; trial < 4; ++trial) {
        // Torques the muscles can make: from activations in (0.05, 0.6), through the same A.
        Eigen::VectorXd a_true(shape.A.cols());
        for (int i = 0; i < a_true.size(); ++i) a_true[i] = std::uniform_real_distribution<double>(0.05, 0.6)(rng);
        StaticOptimizationProblem p = shape;
        p.b = shape.A * a_true;
        for (int c = 0; c < 13; ++c)
            if (shape.A.row(c).isZero()) p.b[c] = 0;  // hip rotation: nothing asked of the reserve
        StaticOptimizer so;
        StaticOptimizationResult r;
        so.solve(p, r);
        CHECK(r.converged);
        CHECK(r.reserve.cwiseAbs().maxCoeff() < 1e-6);
        CHECK((p.A * r.activation - p.b).cwiseAbs().maxCoeff() < 1e-6);
        CHECK(r.activation.minCoeff() >= p.lower.minCoeff() - 1e-15);
        CHECK(r.activation.maxCoeff() <= 1.0 + 1e-15);
        Eigen::VectorXd a_ref, rho_ref;
        referenceSolve(p, a_ref, rho_ref);
        CHECK((r.activation - a_ref).cwiseAbs().maxCoeff() < 1e-6);
        CHECK((r.reserve - rho_ref).cwiseAbs().maxCoeff() < 1e-6);
        CHECK(r.cost() <= a_true.squaredNorm() + 1e-9);  // optimal, so no worse than the generating activations
    }
}

TEST_CASE("unachievable torques saturate the muscles and the reserves take up the rest", "[muscle][so]") {
    Fixture fx;
    Eigen::VectorXd desired = Eigen::VectorXd::Zero(13);
    const int knee = fx.model->coordinateIndex("knee_angle_r"), rot = fx.model->coordinateIndex("hip_rotation_l");
    const int ankle = fx.model->coordinateIndex("ankle_angle_l");
    desired[knee] = 2000.0;   // far beyond the knee extensors
    desired[rot] = 200.0;     // far beyond the internal rotators
    desired[ankle] = -40.0;   // achievable plantarflexion
    const StaticOptimizationProblem p = fx.problemFor(desired);
    StaticOptimizer so;
    StaticOptimizationResult r;
    so.solve(p, r);
    CHECK(r.converged);
    const MuscleSet& ms = *fx.muscles;
    CHECK(r.activation[ms.index("VAS_r")] == Approx(1.0));
    CHECK(r.activation[ms.index("RF_r")] == Approx(1.0));
    CHECK(r.activation[ms.index("HAM_r")] == Approx(0.01));  // antagonists relaxed
    const double muscle_part = p.A.row(knee).dot(r.activation);
    CHECK(r.reserve[knee] == Approx(p.b[knee] - muscle_part));
    CHECK(r.reserve[knee] > 1500.0);
    CHECK(r.activation[ms.index("HIR_l")] == Approx(1.0));
    CHECK(r.activation[ms.index("HER_l")] == Approx(0.01));
    CHECK(r.reserve[rot] == Approx(p.b[rot] - p.A.row(rot).dot(r.activation)));
    CHECK(r.reserve[rot] > 150.0);
    CHECK(std::fabs(r.reserve[ankle]) < 1e-6);
    Eigen::VectorXd a_ref, rho_ref;
    referenceSolve(p, a_ref, rho_ref);
    CHECK((r.activation - a_ref).cwiseAbs().maxCoeff() < 1e-6);
    CHECK((r.reserve - rho_ref).cwiseAbs().maxCoeff() < 1e-6);
}

TEST_CASE("a warm start gives the same solution as a cold start", "[muscle][so]") {
    Fixture fx;
    Eigen::VectorXd d1 = Eigen::VectorXd::Zero(13), d2 = Eigen::VectorXd::Zero(13);
    d1[fx.model->coordinateIndex("hip_flexion_r")] = 60;
    d1[fx.model->coordinateIndex("ankle_angle_r")] = -80;
    d2[fx.model->coordinateIndex("hip_flexion_r")] = -70;
    d2[fx.model->coordinateIndex("knee_angle_l")] = 50;
    d2[fx.model->coordinateIndex("lumbar_bending")] = 30;
    const auto p1 = fx.problemFor(d1), p2 = fx.problemFor(d2);
    StaticOptimizer warm, cold;
    StaticOptimizationResult r1, r2, rc;
    warm.solve(p1, r1);
    warm.solve(p2, r2);
    cold.solve(p2, rc);
    CHECK((r2.activation - rc.activation).cwiseAbs().maxCoeff() < 1e-9);
    CHECK((r2.reserve - rc.reserve).cwiseAbs().maxCoeff() < 1e-6);
}

namespace {

/// The active-set method with one dense factorisation of the whole (A_F A_Fᵀ + I/w) per iteration
/// (the solver before it factorised blocks of coupled coordinates separately), kept here to check
/// that the block solver takes the same iterates bit for bit.
struct DenseActiveSet {
    std::vector<signed char> status;
    Eigen::VectorXd a;
    int iterations = 0;
    void solve(const StaticOptimizationProblem& p, Eigen::VectorXd& act, Eigen::VectorXd& reserve) {
        const int n = int(p.A.rows()), m = int(p.A.cols());
        const double eps = 1.0 / p.reserve_weight, tol = 1e-11;
        if (int(status.size()) != m) {
            status.assign(m, -1);
            a = p.lower;
        }
        for (int i = 0; i < m; ++i)
            a[i] = status[i] < 0 ? p.lower[i] : status[i] > 0 ? p.upper[i] : std::clamp(a[i], p.lower[i], p.upper[i]);
        Eigen::VectorXd target(m);
        int it = 0;
        for (; it < 10 * m + 50; ++it) {
            std::vector<double> M(std::size_t(n) * n, 0.0);
            Eigen::VectorXd lam = p.b;
            for (int j = 0; j < n; ++j) M[j * n + j] = eps;
            for (int i = 0; i < m; ++i)
                for (int j = 0; j < n; ++j) {
                    if (p.A(j, i) == 0.0) continue;
                    if (status[i] != 0) lam[j] -= p.A(j, i) * a[i];
                    else
                        for (int k = 0; k < n; ++k)
                            if (p.A(k, i) != 0.0) M[j * n + k] += p.A(j, i) * p.A(k, i);
                }
            for (int j = 0; j < n; ++j) {  // Cholesky, then L y = b and Lᵀ x = y
                double d = M[j * n + j];
                for (int k = 0; k < j; ++k) d -= M[j * n + k] * M[j * n + k];
                M[j * n + j] = std::sqrt(d);
                for (int i = j + 1; i < n; ++i) {
                    double v = M[i * n + j];
                    for (int k = 0; k < j; ++k) v -= M[i * n + k] * M[j * n + k];
                    M[i * n + j] = v / M[j * n + j];
                }
            }
            for (int i = 0; i < n; ++i) {
                double v = lam[i];
                for (int k = 0; k < i; ++k) v -= M[i * n + k] * lam[k];
                lam[i] = v / M[i * n + i];
            }
            for (int i = n - 1; i >= 0; --i) {
                double v = lam[i];
                for (int k = i + 1; k < n; ++k) v -= M[k * n + i] * lam[k];
                lam[i] = v / M[i * n + i];
            }
            auto dot = [&](int i) {
                double t = 0;
                for (int j = 0; j < n; ++j)
                    if (p.A(j, i) != 0.0) t += p.A(j, i) * lam[j];
                return t;
            };
            double alpha = 1.0;
            int block = -1;
            signed char block_status = 0;
            for (int i = 0; i < m; ++i) {
                if (status[i] != 0) continue;
                const double t = target[i] = dot(i);
                if (t < p.lower[i] - tol) {
                    const double s = (p.lower[i] - a[i]) / (t - a[i]);
                    if (s < alpha) alpha = s, block = i, block_status = -1;
                } else if (t > p.upper[i] + tol) {
                    const double s = (p.upper[i] - a[i]) / (t - a[i]);
                    if (s < alpha) alpha = s, block = i, block_status = 1;
                }
            }
            if (block >= 0) {
                alpha = std::max(alpha, 0.0);
                for (int i = 0; i < m; ++i)
                    if (status[i] == 0) a[i] += alpha * (target[i] - a[i]);
                status[block] = block_status;
                a[block] = block_status < 0 ? p.lower[block] : p.upper[block];
                continue;
            }
            for (int i = 0; i < m; ++i)
                if (status[i] == 0) a[i] = std::clamp(target[i], p.lower[i], p.upper[i]);
            double worst = tol;
            int release = -1;
            for (int i = 0; i < m; ++i) {
                if (status[i] == 0) continue;
                const double g = a[i] - dot(i);
                const double violation = status[i] < 0 ? -g : g;
                if (violation > worst) worst = violation, release = i;
            }
            if (release < 0) break;
            status[release] = 0;
        }
        iterations = it + 1;
        act = a;
        reserve = p.b - p.A * a;
    }
};

} // namespace

TEST_CASE("the block solver reaches the dense solver's optimum bit for bit, warm-started along a sequence", "[muscle][so]") {
    Fixture fx;
    std::mt19937 rng(11);
    StaticOptimizer so;
    DenseActiveSet dense;
    StaticOptimizationResult r;
    Eigen::VectorXd a_dense, rho_dense;
    const StaticOptimizationProblem shape = fx.problemFor(Eigen::VectorXd::Zero(13));
    std::normal_distribution<double> torque(0.0, 60.0);
    std::uniform_real_distribution<double> width(0.02, 0.3);
    int bounded_and_free = 0;
    for (int k = 0; k < 200; ++k) {
        // Narrow activation windows, as within one step, and torques some of which the muscles
        // cannot make: many bounds change from one problem to the next.
        StaticOptimizationProblem p = shape;
        for (int c = 0; c < 13; ++c) p.b[c] += torque(rng);
        for (int i = 0; i < p.lower.size(); ++i) {
            p.lower[i] = std::uniform_real_distribution<double>(0.01, 0.7)(rng);
            p.upper[i] = std::min(1.0, p.lower[i] + width(rng));
        }
        // Now and then a muscle without force slope (a zero column) or a moment arm that is
        // exactly zero: A's pattern changes, and with it the blocks.
        const int m = int(p.A.cols());
        if (k % 7 == 3) p.A.col((k / 7) % m).setZero();
        if (k % 11 == 5) {
            const int i = (k / 11) % m;
            for (int j = 0; j < p.A.rows(); ++j)
                if (p.A(j, i) != 0.0) {
                    p.A(j, i) = 0.0;
                    break;
                }
        }
        so.solve(p, r);
        dense.solve(p, a_dense, rho_dense);
        CHECK(r.converged);
        for (int i = 0; i < a_dense.size(); ++i) REQUIRE(r.activation[i] == a_dense[i]);  // exactly
        for (int c = 0; c < rho_dense.size(); ++c) REQUIRE(r.reserve[c] == rho_dense[c]);
        int lo = 0, hi = 0, free = 0;
        for (int i = 0; i < a_dense.size(); ++i) {
            if (r.activation[i] == p.lower[i]) ++lo;
            else if (r.activation[i] == p.upper[i]) ++hi;
            else ++free;
        }
        if (lo > 0 && hi > 0 && free > 0) ++bounded_and_free;
    }
    CHECK(bounded_and_free > 100);  // the sequence exercises all three kinds of muscle
}
