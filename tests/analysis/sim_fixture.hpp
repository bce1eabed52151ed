#pragma once
// A short simulated movement for the analysis tests: the default walker, on the floor,
// squatting rhythmically and swaying side to side under joint-space PD control (all joints
// kept off their range limits), recorded at every physics step. Alongside the Recorder's
// columns it adds each foot's free moment about its centre of pressure, read from the same
// Bullet contact points as the recorder's force and CoP, so that the external loads given to
// inverse dynamics are complete (the recorder does not resolve free moments).
#include "engine/core/units.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/sim/experiment.hpp"
#include "engine/sim/recorder.hpp"
#include "engine/sim/simulation.hpp"

#include <BulletCollision/NarrowPhaseCollision/btPersistentManifold.h>
#include <BulletDynamics/Featherstone/btMultiBody.h>
#include <BulletDynamics/Featherstone/btMultiBodyDynamicsWorld.h>
#include <BulletDynamics/Featherstone/btMultiBodyLinkCollider.h>

#include <cmath>

namespace rgtest {

class SquatSwayController : public rg::Controller {
public:
    std::string name() const override { return "test-squat-sway"; }
    void reset(const rg::PhysicsWorld& w) override {
        const rg::Model& m = w.model();
        n_ = int(m.coordinates().size());
        t0_ = w.time();
    }
    void compute(const rg::PhysicsWorld& w, Eigen::VectorXd& tau) override {
        const rg::Model& m = w.model();
        tau.setZero(n_);
        const double t = w.time() - t0_;
        const double squat = rg::deg2rad(20) + rg::deg2rad(12) * std::sin(2 * rg::kPi * 1.2 * t);  // knee flexion
        const double sway = rg::deg2rad(3) * std::sin(2 * rg::kPi * 0.8 * t);
        for (int c = 0; c < n_; ++c) {
            const std::string& nm = m.coordinates()[c].name;
            double target = 0, kp = 600, kd = 25;
            if (nm.rfind("knee_angle", 0) == 0) target = -squat;
            else if (nm.rfind("hip_flexion", 0) == 0) target = 0.5 * squat;
            else if (nm.rfind("ankle_angle", 0) == 0) { target = 0.5 * squat; kp = 800; kd = 3; }
            else if (nm.rfind("hip_adduction", 0) == 0) target = nm.back() == 'r' ? sway : -sway;
            else if (nm.rfind("lumbar_extension", 0) == 0) target = -0.1 * squat;
            tau[c] = kp * (target - w.q(c)) - kd * w.qd(c);
        }
    }

private:
    int n_ = 0;
    double t0_ = 0;
};

/// Free moment of each foot's contact forces about its centre of pressure (N·m, world), computed
/// from the contact points with the same selection rule as PhysicsWorld::readContacts.
inline std::array<Eigen::Vector3d, 2> footFreeMoments(rg::PhysicsWorld& w) {
    std::array<Eigen::Vector3d, 2> out{Eigen::Vector3d::Zero(), Eigen::Vector3d::Zero()};
    btMultiBody* mb = w.multiBody();
    const rg::Model& m = w.model();
    const int foot_link[2] = {m.coordinateIndex("ankle_angle_r"), m.coordinateIndex("ankle_angle_l")};
    const double dt = w.timeStep();
    btDispatcher* disp = w.dynamicsWorld()->getDispatcher();
    for (int i = 0; i < disp->getNumManifolds(); ++i) {
        btPersistentManifold* man = disp->getManifoldByIndexInternal(i);
        const auto* c0 = btMultiBodyLinkCollider::upcast(man->getBody0());
        const auto* c1 = btMultiBodyLinkCollider::upcast(man->getBody1());
        const btMultiBodyLinkCollider* me = c0 && c0->m_multiBody == mb ? c0 : (c1 && c1->m_multiBody == mb ? c1 : nullptr);
        if (!me) continue;
        const double sign = me == c0 ? 1.0 : -1.0;
        const int side = me->m_link == foot_link[0] ? 0 : me->m_link == foot_link[1] ? 1 : -1;
        if (side < 0) continue;
        const Eigen::Vector3d cop = w.foot(rg::Side(side)).cop;
        for (int p = 0; p < man->getNumContacts(); ++p) {
            const btManifoldPoint& pt = man->getContactPoint(p);
            if (pt.getDistance() > 0.005 && pt.m_appliedImpulse == 0) continue;
            const btVector3 imp = pt.m_normalWorldOnB * pt.m_appliedImpulse + pt.m_lateralFrictionDir1 * pt.m_appliedImpulseLateral1 +
                                  pt.m_lateralFrictionDir2 * pt.m_appliedImpulseLateral2;
            const Eigen::Vector3d f = sign * Eigen::Vector3d(imp.x(), imp.y(), imp.z()) / dt;
            // Bullet applies each body's share of a contact impulse at that body's own contact
            // point (on the foot, which sits slightly inside the floor), while the CoP is
            // computed from the floor-side points: the free moment takes up the difference.
            const btVector3 q = me == c0 ? pt.getPositionWorldOnA() : pt.getPositionWorldOnB();
            out[side] += (Eigen::Vector3d(q.x(), q.y(), q.z()) - cop).cross(f);
        }
    }
    return out;
}

struct SimulatedMotion {
    std::shared_ptr<const rg::Model> model;
    rg::Table table;     // recorder columns + grf_<r|l>_torque_<x|y|z>_nm
    double time_step = 0;
    bool fell = false;
};

/// Simulates `seconds` of the squat-and-sway movement, recording every `every` steps (with the
/// step accelerations, as `retrogait run` records them).
inline SimulatedMotion simulateSquatSway(double seconds, int every = 1) {
    SimulatedMotion out;
    out.model = rg::Model::build(rg::loadModelFile(rg::defaultModelPath()));
    rg::SceneDesc scene;
    scene.name = "analysis test floor";
    scene.surface = rg::SurfaceType::Overground;
    scene.speed_m_per_s = 0;
    rg::Simulation sim(out.model, scene, std::make_unique<SquatSwayController>());
    out.time_step = sim.world().timeStep();
    rg::Recorder rec(sim, every * out.time_step);
    rg::StepAccelerations acc(sim);
    std::vector<std::array<Eigen::Vector3d, 2>> free;
    rec.record(sim);
    acc.sampled(sim, rec);
    free.push_back({Eigen::Vector3d::Zero(), Eigen::Vector3d::Zero()});
    std::size_t rows = rec.table().rows();
    while (sim.status() == rg::RunStatus::Running && sim.time() < seconds - 1e-9) {
        acc.beforeStep(sim);
        sim.step();
        rec.afterStep(sim);
        acc.sampled(sim, rec);
        if (rec.table().rows() != rows) {
            free.push_back(footFreeMoments(sim.world()));
            rows = rec.table().rows();
        }
    }
    out.fell = sim.status() != rg::RunStatus::Running;
    out.table = rec.table();
    acc.appendTo(out.table);
    const char* sides[2] = {"r", "l"};
    const char* axes[3] = {"x", "y", "z"};
    for (int s = 0; s < 2; ++s)
        for (int a = 0; a < 3; ++a) {
            const int c = out.table.addColumn(std::string("grf_") + sides[s] + "_torque_" + axes[a] + "_nm");
            auto& col = out.table.col(c);
            col.resize(out.table.rows());
            for (std::size_t k = 0; k < col.size(); ++k) col[k] = free[k][s][a];
        }
    return out;
}

} // namespace rgtest
