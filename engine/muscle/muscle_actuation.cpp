#include "engine/muscle/muscle_actuation.hpp"

#include "engine/core/stage_clock.hpp"
#include "engine/physics/physics_world.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rg {

MuscleActuation::MuscleActuation(std::shared_ptr<const MuscleSet> muscles) : set_(std::move(muscles)) {
    const auto& st = set_->settings();
    energy_.aerobic_scale = st.aerobic_scale;
    energy_.lengthening_heat_factor = st.lengthening_heat_factor;
    energy_.fast_to_slow_vmax_ratio = st.fast_to_slow_vmax_ratio;
}

MuscleActuation::MuscleActuation(const Model& model, const StrengthScale& strength)
    : MuscleActuation(MuscleSet::build(model, strength)) {}

void MuscleActuation::reset(const PhysicsWorld& world) {
    const int m = set_->size(), n = set_->numCoordinates();
    const auto& st = set_->settings();
    set_->lengthsAndMomentArms(world.positions(), lengths_, moment_arms_);
    states_.assign(m, MuscleState{});
    for (int i = 0; i < m; ++i) {
        MuscleState& s = states_[i];
        const MuscleParameters& p = set_->muscles()[i].params;
        s.excitation = s.activation = st.min_excitation;
        if (st.rigid_tendon) {
            rigidTendonState(set_->curves(), p, lengths_[i], 0.0, s);
        } else {
            s.fibre_length = isometricFibreLength(set_->curves(), p, s.activation, lengths_[i]);
            s.fibre_velocity = 0;
            s.force = tendonForce(set_->curves(), p, lengths_[i], s.fibre_length);
        }
    }
    optimizer_.reset();
    problem_.A.resize(n, m);
    problem_.b.resize(n);
    problem_.lower.resize(m);
    problem_.upper.resize(m);
    problem_.reserve_weight = st.reserve_weight;
    step_lo_.assign(m, MuscleState{});
    step_hi_.assign(m, MuscleState{});
    step_end_.assign(m, MuscleState{});
    so_result_.activation = Eigen::VectorXd::Constant(m, st.min_excitation);
    so_result_.reserve = Eigen::VectorXd::Zero(n);
    reserve_ = Eigen::VectorXd::Zero(n);
    shortfall_ = Eigen::VectorXd::Zero(n);
    muscle_torque_.setZero(n);
    for (int i = 0; i < m; ++i) muscle_torque_ += moment_arms_.col(i) * states_[i].force;
    muscle_power_.assign(m, 0.0);
    updateEnergy();
}

void MuscleActuation::apply(const PhysicsWorld& world, const Eigen::VectorXd& desired, double dt, Eigen::VectorXd& applied) {
    StageClock clock(timing_);
    const int m = set_->size(), n = set_->numCoordinates();
    const auto& st = set_->settings();
    const HillCurves& curves = set_->curves();
    const double tau = st.activation_time_constant;
    const double decay = std::exp(-dt / tau);  // of the activation over the step
    if (int(states_.size()) != m) reset(world);
    set_->lengthsAndMomentArms(world.positions(), lengths_, moment_arms_);
    mtu_velocity_ = -moment_arms_.transpose() * world.velocities();
    clock.lap(times_.geometry_s);

    if (override_) {
        for (int i = 0; i < m; ++i) {
            MuscleState& s = states_[i];
            s.excitation = std::clamp((*override_)[i], st.min_excitation, 1.0);
            s.activation = activationAfterDecay(s.activation, s.excitation, decay);
        }
        reserve_.setZero(n);
    } else {
        // Over this step each muscle can reach activations in [A_lo, A_hi] (excitation at its
        // floor or at 1), and its force at the end of the step is F(A), affine in A: exactly
        // for rigid tendons, through the end points of the backward-Euler fibre step for
        // compliant ones. Static optimisation chooses the activations inside these bounds, so
        // the realised activations (and forces) are the ones it planned, and the reserves carry
        // exactly what the muscles cannot deliver within the step.
        problem_.b = desired;
        for (int i = 0; i < m; ++i) {
            const MuscleParameters& p = set_->muscles()[i].params;
            const MuscleState& s = states_[i];
            MuscleState& lo = step_lo_[i];
            MuscleState& hi = step_hi_[i];
            lo = s;
            hi = s;
            lo.activation = activationAfterDecay(s.activation, st.min_excitation, decay);
            hi.activation = activationAfterDecay(s.activation, 1.0, decay);
            if (st.rigid_tendon) {
                rigidTendonState(curves, p, lengths_[i], mtu_velocity_[i], lo);
                rigidTendonState(curves, p, lengths_[i], mtu_velocity_[i], hi);
            }
        }
        if (!st.rigid_tendon) {
            // The fibre steps at A_lo, all muscles at once (their searches interleave), then at
            // A_hi, each searching from the one at A_lo continued linearly in A.
            jobs_.resize(m);
            for (int i = 0; i < m; ++i) {
                const MuscleState& s = states_[i];
                jobs_[i] = FibreStepJob{&set_->muscles()[i].params, lengths_[i], &step_lo_[i], s.fibre_length + s.fibre_velocity * dt, {}};
            }
            advanceFibresFrom(curves, dt, jobs_.data(), m);
            for (int i = 0; i < m; ++i) {
                const double d_length = jobs_[i].sensitivity.fibre_length;
                const MuscleState& lo = step_lo_[i];
                jobs_[i].state = &step_hi_[i];
                jobs_[i].first_guess = lo.fibre_length + d_length * (step_hi_[i].activation - lo.activation);
            }
            advanceFibresFrom(curves, dt, jobs_.data(), m);
        }
        for (int i = 0; i < m; ++i) {
            const MuscleState& lo = step_lo_[i];
            const MuscleState& hi = step_hi_[i];
            const double a_lo = lo.activation, a_hi = hi.activation;
            const double slope = a_hi > a_lo ? (hi.force - lo.force) / (a_hi - a_lo) : 0.0;
            problem_.lower[i] = a_lo;
            problem_.upper[i] = a_hi;
            problem_.A.col(i) = moment_arms_.col(i) * slope;
            problem_.b -= moment_arms_.col(i) * (lo.force - slope * a_lo);
        }
        clock.lap(times_.bounds_s);
        optimizer_.solve(problem_, so_result_);
        clock.lap(times_.solve_s);
        reserve_ = so_result_.reserve.cwiseMax(-st.reserve_limit_nm).cwiseMin(st.reserve_limit_nm);
        for (int i = 0; i < m; ++i) {
            MuscleState& s = states_[i];
            double target = so_result_.activation[i];
            // A compliant fibre's force is only nearly affine in the activation: find the
            // activation whose step ends exactly at the planned force.
            if (!st.rigid_tendon) target = activationForForce(i, dt, target, step_end_[i]);
            // The excitation that makes the activation reach its target within the step.
            s.excitation = excitationForActivationDecay(s.activation, target, decay, st.min_excitation, 1.0);
            s.activation = activationAfterDecay(s.activation, s.excitation, decay);
        }
        clock.lap(times_.activations_s);
    }
    // Muscle states over the step, and their forces through the moment arms. A compliant fibre
    // whose realised activation is (to round-off) the one of the step found above already has
    // its new state: the excitation only clamps at the end points, whose steps are known too.
    muscle_torque_.setZero(n);
    for (int i = 0; i < m; ++i) {
        MuscleState& s = states_[i];
        const MuscleParameters& p = set_->muscles()[i].params;
        if (st.rigid_tendon) {
            rigidTendonState(curves, p, lengths_[i], mtu_velocity_[i], s);
        } else {
            const MuscleState* known = nullptr;
            if (!override_) {
                constexpr double same = 1e-14;  // activation round-off of the excitation round trip
                for (const MuscleState* k : {&step_end_[i], &step_lo_[i], &step_hi_[i]})
                    if (std::fabs(s.activation - k->activation) <= same) {
                        known = k;
                        break;
                    }
            }
            if (known) {
                s.fibre_length = known->fibre_length;
                s.fibre_velocity = known->fibre_velocity;
                s.force = known->force;
            } else {
                advanceFibre(curves, p, lengths_[i], dt, s);
            }
        }
        muscle_torque_ += moment_arms_.col(i) * s.force;
    }
    applied = muscle_torque_ + reserve_;
    if (override_) shortfall_.setZero(n);
    else shortfall_ = desired - applied;
    clock.lap(times_.states_s);
    updateEnergy();
    clock.lap(times_.energy_s);
    if (timing_) ++times_.steps;
}

double MuscleActuation::activationForForce(int i, double dt, double planned_activation, MuscleState& end) const {
    end.activation = std::numeric_limits<double>::quiet_NaN();
    const double a_lo = problem_.lower[i], a_hi = problem_.upper[i];
    const double f_lo = step_lo_[i].force, f_hi = step_hi_[i].force;
    if (!(a_hi > a_lo) || !(f_hi > f_lo)) return planned_activation;
    const double t = (planned_activation - a_lo) / (a_hi - a_lo);
    if (t <= 1e-12 || t >= 1.0 - 1e-12) return planned_activation;  // end points are exact
    const double goal = f_lo + t * (f_hi - f_lo);
    const MuscleParameters& p = set_->muscles()[i].params;
    // In closed form: the force fixes the fibre length at the end of the step and the activation
    // follows from the step's force balance. It lies in (A_lo, A_hi) since the force increases
    // with the activation and the goal lies between the end points' forces; outside by more
    // than round-off (or without a closed form) the Newton below decides.
    if (fibreStepForForce(set_->curves(), p, lengths_[i], dt, states_[i], goal, end)) {
        constexpr double slack = 1e-12;
        if (end.activation >= a_lo - slack && end.activation <= a_hi + slack) {
            end.activation = std::clamp(end.activation, a_lo, a_hi);
            return end.activation;
        }
        end.activation = std::numeric_limits<double>::quiet_NaN();
    }
    // Safeguarded Newton on the increasing force-activation map of the step, bracketed by the
    // step's end points; dF/dA comes with each fibre step.
    double lo = a_lo, hi = a_hi, x = planned_activation;
    for (int it = 0; it < 30; ++it) {
        MuscleState trial = states_[i];
        trial.activation = x;
        const double dFdA = advanceFibre(set_->curves(), p, lengths_[i], dt, trial);
        const double g = trial.force - goal;
        if (std::fabs(g) <= 1e-9 * p.max_isometric_force) {
            end = trial;
            break;
        }
        if (g < 0) lo = x; else hi = x;
        double next = dFdA > 0 ? x - g / dFdA : 0.5 * (lo + hi);
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
        x = next;
    }
    return x;
}

void MuscleActuation::updateEnergy() {
    const int m = set_->size();
    double total = set_->settings().basal_power_per_kg * set_->bodyMass();
    for (int i = 0; i < m; ++i) {
        const Muscle& mu = set_->muscles()[i];
        const MuscleState& s = states_[i];
        const FibreForces f = fibreForces(set_->curves(), mu.params, s.fibre_length, s.fibre_velocity);
        // The excitation floor is Geyer & Herr's numerical pre-activation, not tonic activity
        // that costs energy: the energy model sees excitation and activation above it.
        const double floor = set_->settings().min_excitation;
        auto above = [floor](double x) { return std::max(0.0, (x - floor) / (1.0 - floor)); };
        MuscleEnergyInput in;
        in.excitation = above(s.excitation);
        in.activation = above(s.activation);
        in.fibre_length = s.fibre_length;
        in.fibre_velocity = s.fibre_velocity;
        in.active_fibre_force = s.activation * f.active_capacity;
        in.fl = f.fl;
        muscle_power_[i] = umbergerRate(mu.params, mu.mass, mu.fast_twitch_percent, energy_, in).total();
        total += muscle_power_[i];
    }
    metabolic_power_ = total;
}

std::vector<std::string> MuscleActuation::channelNames() const {
    std::vector<std::string> n;
    for (const auto& mu : set_->muscles()) {
        n.push_back(mu.name + "_activation");
        n.push_back(mu.name + "_force_n");
    }
    for (int c = 0; c < set_->numCoordinates(); ++c) n.push_back("reserve_" + set_->coordinateName(c) + "_nm");
    for (int c = 0; c < set_->numCoordinates(); ++c) n.push_back("shortfall_" + set_->coordinateName(c) + "_nm");
    n.push_back("metabolic_power_w");
    return n;
}

void MuscleActuation::channelValues(std::vector<double>& out) const {
    for (const auto& s : states_) {
        out.push_back(s.activation);
        out.push_back(s.force);
    }
    for (int c = 0; c < reserve_.size(); ++c) out.push_back(reserve_[c]);
    for (int c = 0; c < shortfall_.size(); ++c) out.push_back(shortfall_[c]);
    out.push_back(metabolic_power_);
}

std::vector<MuscleDrawItem> MuscleActuation::drawList(const PhysicsWorld& world) const {
    std::vector<MuscleDrawItem> out;
    for (int i = 0; i < set_->size(); ++i) {
        MuscleDrawItem d;
        d.name = set_->muscles()[i].name;
        d.points = set_->pathInWorld(i, world);
        if (i < int(states_.size())) {
            d.activation = states_[i].activation;
            d.force_n = states_[i].force;
        }
        out.push_back(std::move(d));
    }
    return out;
}

} // namespace rg
