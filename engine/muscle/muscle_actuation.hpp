#pragma once
/// The muscle actuation stage. Each step: every muscle can reach activations in [A_lo, A_hi]
/// within the step (excitation at its floor or at 1, through the activation dynamics), and its
/// force at the end of the step is affine in that activation (exactly with rigid tendons; through
/// the end points of the backward-Euler fibre step with compliant ones). Static optimisation
/// distributes the controller's desired joint torques over these forces and one reserve torque
/// per coordinate (heavily weighted, and bounded by the model's reserve_limit_nm); the
/// excitations that make the activations reach the optimum within the step are applied; the
/// muscle states advance; the applied torques are the muscle forces through their moment arms
/// plus the reserves. Muscles and reserves together realise the desired torques as far as the
/// reserves' bound allows (a compliant fibre's activation is refined so that its step ends at
/// the planned force), so the stage adds no unmodelled damping or lag to the control loop; the
/// reserves carry what the muscles cannot deliver within the step (capacity, and the rates of
/// activation and tendon loading) up to their bound, what is beyond is not applied, and both are
/// reported.
///
/// Recorded channels (Recorder appends them): "<MUSCLE>_<r|l>_activation", "<MUSCLE>_<r|l>_force_n"
/// for every muscle, "reserve_<coordinate>_nm" and "shortfall_<coordinate>_nm" (desired − applied:
/// what neither the muscles nor the bounded reserves delivered) for every coordinate, and "metabolic_power_w"
/// (whole body, Umberger 2010 muscles + basal rate). The energy model sees activations above
/// the excitation floor (a numerical pre-activation), so relaxed muscles cost nothing.
#include "engine/muscle/metabolics.hpp"
#include "engine/muscle/muscle_set.hpp"
#include "engine/muscle/static_optimization.hpp"
#include "engine/sim/actuation.hpp"

#include <optional>

namespace rg {

/// One muscle as the studio draws it.
struct MuscleDrawItem {
    std::string name;
    std::vector<Eigen::Vector3d> points;  ///< world, origin → via points → insertion
    double activation = 0;
    double force_n = 0;
};

class MuscleActuation : public Actuation {
public:
    explicit MuscleActuation(std::shared_ptr<const MuscleSet> muscles);
    /// Builds the muscles of `model` with strength overrides (see MuscleSet::build).
    explicit MuscleActuation(const Model& model, const StrengthScale& strength = {});

    std::string name() const override { return "muscles+reserves"; }
    /// Activations at the minimum excitation, fibres in static equilibrium at the current pose.
    void reset(const PhysicsWorld& world) override;
    void apply(const PhysicsWorld& world, const Eigen::VectorXd& desired, double dt, Eigen::VectorXd& applied) override;
    std::vector<std::string> channelNames() const override;
    void channelValues(std::vector<double>& out) const override;

    /// Drives the muscles with these excitations instead of static optimisation (reserves off),
    /// e.g. to excite one muscle alone; std::nullopt returns to static optimisation.
    void setExcitationOverride(std::optional<Eigen::VectorXd> excitations) { override_ = std::move(excitations); }

    const MuscleSet& muscles() const { return *set_; }
    std::shared_ptr<const MuscleSet> musclesPtr() const { return set_; }
    const std::vector<MuscleState>& states() const { return states_; }
    /// Of the last apply(): torques of the muscles and of the reserves, N·m per coordinate.
    const Eigen::VectorXd& muscleTorques() const { return muscle_torque_; }
    const Eigen::VectorXd& reserveTorques() const { return reserve_; }
    /// Desired minus applied torques of the last apply() (nonzero where bounded reserves saturate).
    const Eigen::VectorXd& shortfallTorques() const { return shortfall_; }
    /// Activations static optimisation chose for the end of the last step.
    const Eigen::VectorXd& targetActivations() const { return so_result_.activation; }
    const StaticOptimizationResult& lastSolve() const { return so_result_; }
    /// The static-optimisation problem of the last apply() (for benchmarks and tests).
    const StaticOptimizationProblem& lastProblem() const { return problem_; }
    /// Whole-body metabolic power (W) of the last apply(), including the basal rate.
    double metabolicPower() const { return metabolic_power_; }
    /// Per-muscle metabolic power (W) of the last apply().
    const std::vector<double>& muscleMetabolicPower() const { return muscle_power_; }
    /// Wall-clock seconds spent in the parts of apply(), summed over the steps since timing was
    /// switched on (for benchmarks; never part of a result).
    struct StageTimes {
        double geometry_s = 0;     ///< muscle lengths, moment arms, unit velocities
        double bounds_s = 0;       ///< fibre steps at the activation bounds, the QP's matrices
        double solve_s = 0;        ///< static optimisation
        double activations_s = 0;  ///< activations for the planned forces, excitations
        double states_s = 0;       ///< new muscle states and their torques
        double energy_s = 0;       ///< metabolic power
        long steps = 0;
    };
    /// Switches the stage timing on (and clears it) or off.
    void setStageTiming(bool on) {
        timing_ = on;
        times_ = StageTimes{};
    }
    const StageTimes& stageTimes() const { return times_; }
    /// Paths, activations and forces for drawing.
    std::vector<MuscleDrawItem> drawList(const PhysicsWorld& world) const;

private:
    void updateEnergy();
    /// The activation in [A_lo, A_hi] of muscle i whose fibre step ends at the force static
    /// optimisation planned for `planned_activation` (compliant tendons). `end` receives the
    /// state at the end of that step when it is known on the way (else its activation is NaN).
    double activationForForce(int i, double dt, double planned_activation, MuscleState& end) const;
    std::shared_ptr<const MuscleSet> set_;
    std::vector<MuscleState> states_;
    StaticOptimizer optimizer_;
    StaticOptimizationProblem problem_;
    StaticOptimizationResult so_result_;
    UmbergerConstants energy_;
    std::optional<Eigen::VectorXd> override_;
    Eigen::VectorXd lengths_, mtu_velocity_, muscle_torque_, reserve_, shortfall_;
    Eigen::MatrixXd moment_arms_;
    std::vector<double> muscle_power_;
    /// Of the current step, per muscle: the fibre steps at A_lo and A_hi, and the step that ends
    /// at the planned force (the muscle's new state when its realised activation is the one of
    /// that step; activation NaN when not known).
    std::vector<MuscleState> step_lo_, step_hi_, step_end_;
    std::vector<FibreStepJob> jobs_;  ///< the fibre steps at the activation bounds
    double metabolic_power_ = 0;
    bool timing_ = false;
    StageTimes times_;
};

} // namespace rg
