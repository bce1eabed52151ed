#pragma once
/// Static optimisation: the activations that realise desired joint torques through the muscles'
/// current force capacity and moment arms, with a reserve actuator on every coordinate,
///
///   minimise  Σ a_i² + w · Σ ρ_j²   subject to   A·a + ρ = b,   lower ≤ a ≤ upper,
///
/// where A(j, i) = moment arm × active force capacity of muscle i about coordinate j (N·m per
/// unit activation), b = desired torque − passive muscle torque, ρ the reserve torques (N·m)
/// and w a large weight. Where the torques are achievable the reserves vanish (to O(1/w)); where
/// not, the muscles saturate and the reserves take up the rest.
///
/// Solver: a primal active-set method on the activation bounds, warm-started from the previous
/// solve. For a free set F the optimality conditions reduce to the small SPD system
///   (A_F A_Fᵀ + I/w) λ = b − A_B a_B,   a_F = A_Fᵀ λ,   ρ = λ / w,
/// of the size of the coordinates (13 for the walker), built from the sparse columns of A.
/// That system is block diagonal: coordinates that share no muscle are independent (the walker's
/// trunk, each leg's sagittal chain, each hip's abduction and rotation), and so are the bounds of
/// their muscles: each block is a problem of its own, solved by its own active-set iterations
/// (scanning only its muscles, refactorising only its matrix). A block's Cholesky factor has
/// exactly the numbers of the whole matrix's factor (the terms between blocks are exact zeros),
/// so where the optimum's active set is unique the result is the one of the whole problem solved
/// with one dense factorisation per iteration, bit for bit; only the path (and the count of
/// iterations) differs.
#include <Eigen/Dense>

#include <vector>

namespace rg {

struct StaticOptimizationProblem {
    Eigen::MatrixXd A;            ///< coordinates × muscles, N·m per unit activation
    Eigen::VectorXd b;            ///< coordinates, N·m
    Eigen::VectorXd lower, upper; ///< activation bounds per muscle
    double reserve_weight = 1e6;  ///< w, per (N·m)²
};

struct StaticOptimizationResult {
    Eigen::VectorXd activation;   ///< per muscle
    Eigen::VectorXd reserve;      ///< per coordinate, N·m
    int iterations = 0;
    bool converged = false;
    double cost() const;          ///< Σ a² (activations only)
};

class StaticOptimizer {
public:
    /// Solves `p`; the previous solution's active set is the starting guess when the sizes match.
    void solve(const StaticOptimizationProblem& p, StaticOptimizationResult& out);
    /// Forgets the warm start.
    void reset() { status_.clear(); }

private:
    std::vector<signed char> status_;  ///< per muscle: 0 free, -1 at lower, +1 at upper
    Eigen::VectorXd a_, lambda_, target_;
    std::vector<std::vector<std::pair<int, double>>> cols_;  ///< nonzeros of A by column
    int rows_ = -1;                                          ///< A's rows at the last solve
    /// Coordinates coupled by muscles (a connected component of the coordinate-muscle graph).
    struct Block {
        std::vector<int> coordinates;  ///< ascending
        std::vector<int> muscles;      ///< ascending: the muscles acting on these coordinates (the
                                       ///< last block, without coordinates: those acting on none)
    };
    std::vector<Block> blocks_;
    std::vector<int> local_;             ///< a coordinate's index within its block
    /// A block's matrix A_F A_Fᵀ + I/w (k × k, row-major), factorised in place into its Cholesky
    /// factor (SPD, so no pivoting; hand-written: at k ≤ 13 Eigen's general dynamic routines
    /// cost more than the arithmetic), and its right-hand side.
    std::vector<double> M_, rhs_;
    void buildBlocks(int n, int m);
    void solveBlock(const StaticOptimizationProblem& p, const Block& b, double eps);
    /// Active-set iterations on block b until its bounds are optimal (true) or the iteration
    /// limit; adds the iterations made to `iterations`.
    bool solveActiveSet(const StaticOptimizationProblem& p, const Block& b, double eps, int& iterations);
};

} // namespace rg
