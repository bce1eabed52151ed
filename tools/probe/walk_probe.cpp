// retrogait-walk-probe: a developer's probe for tuning the walking controller.
// usage: retrogait-walk-probe SPEED GAIT(1 forward, -1 backward) SECONDS VERBOSE(0..2) INCLINE [param value]...
// ("control 1" starts from the scene's walking-control file instead of the built-in defaults; "seed N";
// "push_at T push_fx N push_fz N": a 0.2 s push on the pelvis, forward (+x) and to the right (+z);
// "ctlfile 1": the controller interpolates the control file in $RG_CONTROL (default: the scene's)
// as speed changes, as runs do (controller parameters on the command line are then refused, exit 2:
// the controller would not see them); "switch_at T switch_ramp R switch_stop S": a direction switch;
// "time_step S": the physics and control step (s) instead of the scene's; "print 1": print the
// parameters as resolved (file, interpolation, overrides; with "ctlfile 1", the control file's at
// SPEED) on one "name value ..." line, the form set_entry.py reads, and exit without running).
// Runs the treadmill scene ($SCENE, default scenes/treadmill.json) with WalkingController and ideal
// torques or muscles and prints steps and the outcome (with a switch, the mean surface speed while it
// should stand).
#include "engine/control/walking_controller.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/sim/factory.hpp"
#include "engine/sim/simulation.hpp"
#include "engine/muscle/muscle_actuation.hpp"
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
using namespace rg;
namespace {
int probe(int argc, char** argv) {
    double speed = argc > 1 ? atof(argv[1]) : 1.25;
    int gait = argc > 2 ? atoi(argv[2]) : 1;
    double T = argc > 3 ? atof(argv[3]) : 20;
    int verbose = argc > 4 ? atoi(argv[4]) : 0;
    auto m = Model::build(loadModelFile(getenv("RG_MODEL") ? getenv("RG_MODEL") : defaultModelPath().c_str()));
    SceneDesc sc = loadSceneFile(getenv("SCENE") ? getenv("SCENE") : std::string(RETROGAIT_SOURCE_DIR) + "/scenes/treadmill.json");
    sc.speed_m_per_s = speed; sc.gait = gait > 0 ? Gait::Forward : Gait::Backward;
    if (argc > 5) sc.incline_percent = atof(argv[5]);
    WalkingParams p; p.speed = speed; p.gait = sc.gait;
    for (int i = 6; i + 1 < argc; i += 2)
        if (std::string(argv[i]) == "control") p = walkingParamsFor(loadWalkingControl(walkingControlFile(*m, sc)), sc.gait, speed, sc.incline_percent);
    // Run options; any other name is a controller parameter (set over the file's after "control").
    SimulationOptions o;
    PushDesc push;
    push.start_s = -1;
    bool ctlfile = false, muscles = false, print = false;
    std::string override;  // the last controller parameter set on the command line
    for (int i = 6; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        const double v = atof(argv[i + 1]);
        if (k == "control") continue;
        else if (k == "seed") o.seed = std::strtoull(argv[i + 1], nullptr, 10);
        else if (k == "v0") o.initial_relative_velocity = Eigen::Vector3d((gait > 0 ? 1 : -1) * v, 0, 0);
        else if (k == "muscles") muscles = v != 0;
        else if (k == "ctlfile") ctlfile = v != 0;
        else if (k == "print") print = v != 0;
        else if (k == "push_at") push.start_s = v;
        else if (k == "push_fx") push.force_forward_n = v;
        else if (k == "push_fz") push.force_lateral_n = v;
        else if (k == "switch_at") sc.switch_at_s = v;
        else if (k == "switch_ramp") sc.switch_ramp_s = v;
        else if (k == "switch_stop") sc.switch_stop_s = v;
        else if (k == "start_speed") sc.start_speed_m_per_s = v;
        else if (k == "start_ramp") sc.start_ramp_s = v;
        else if (k == "time_step") {
            if (!(v >= kMinTimeStep && v <= kMaxTimeStep)) {  // the scene file's range
                fprintf(stderr, "time_step %s: a step from %g to %g s expected\n", argv[i + 1], kMinTimeStep, kMaxTimeStep);
                return 2;
            }
            sc.time_step_s = v;
        }
        else if (!setWalkingParam(p, k, v)) { fprintf(stderr, "unknown parameter %s\n", k.c_str()); return 2; }
        else override = k;
    }
    if (ctlfile && !override.empty()) {  // the controller reads the file, not p
        fprintf(stderr, "%s: controller parameters are not applied with \"ctlfile 1\"; set them in a copy of the control file ($RG_CONTROL)\n", override.c_str());
        return 2;
    }
    // The file the controller interpolates with "ctlfile 1".
    const std::string ctl_path = getenv("RG_CONTROL") ? getenv("RG_CONTROL") : walkingControlFile(*m, sc);
    if (print) {
        if (ctlfile) p = walkingParamsFor(loadWalkingControl(ctl_path), sc.gait, speed, sc.incline_percent);
        p.resolveCoronal();  // coronal gains left out print as the sagittal ones the controller uses
        for (const auto& [name, field] : walkingParamFields()) printf("%s %.17g ", name, p.*field);
        printf("\n");
        return 0;
    }
    if (push.start_s >= 0) sc.pushes.push_back(push);
    auto ctl = ctlfile ? std::make_unique<WalkingController>(loadWalkingControl(ctl_path),
                                                             sc.gait, speed, sc.incline_percent)
                       : std::make_unique<WalkingController>(p);
    WalkingController* wc = ctl.get();
    std::unique_ptr<Actuation> act;
    if (muscles) act = std::make_unique<MuscleActuation>(*m);
    MuscleActuation* ma = muscles ? static_cast<MuscleActuation*>(act.get()) : nullptr;
    Simulation sim(m, sc, std::move(ctl), o, std::move(act));
    double res2 = 0, app2 = 0;
    int steps = 0, last = 0; double tlast = 0;
    double prevF = 0, rough2 = 0; long nrough = 0;
    // With a switch: the mean surface speed (m/s) over its stop [stop0, stop1), while the walker
    // should stand, stepping in place (without a switch the interval is empty).
    double stop0 = 0, stop1 = 0, stop_sum = 0;
    long stop_n = 0;
    if (sc.switch_at_s) {
        stop0 = *sc.switch_at_s + sc.switch_ramp_s;
        stop1 = stop0 + sc.switch_stop_s;
    }
    while (sim.status() == RunStatus::Running && sim.time() < T) {
        sim.step();
        {
            const double F = sim.world().foot(kRight).force.y() + sim.world().foot(kLeft).force.y();
            if (sim.time() > 2.0) { rough2 += (F - prevF) * (F - prevF); ++nrough;
                if (ma) { res2 += ma->reserveTorques().squaredNorm(); app2 += sim.appliedTorques().squaredNorm(); } }
            prevF = F;
            if (sim.time() >= stop0 && sim.time() < stop1) {
                stop_sum += (sim.world().centreOfMassVelocity() - sim.world().beltVelocity()).x();
                ++stop_n;
            }
        }
        if (verbose == 2 && (int)(sim.time()*1000) % 50 == 0) {
            auto& w = sim.world(); auto c = w.centreOfMass(); auto v = w.centreOfMassVelocity() - w.beltVelocity();
            int R = m->segmentIndex("foot_r"), L = m->segmentIndex("foot_l");
            printf("  t %.2f st %d com (%.2f %.2f %.2f) v (%.2f %.2f) fr (%.2f %.2f %.2f) F %.0f  fl (%.2f %.2f %.2f) F %.0f  hipfl r %.0f l %.0f knee r %.0f l %.0f tau hr %.0f hl %.0f kr %.0f kl %.0f\n",
              sim.time(), wc->stanceLeg(), c.x(), c.y(), c.z(), v.x(), v.z(),
              w.segmentPose(R).position.x(), w.segmentPose(R).position.y(), w.segmentPose(R).position.z(), w.foot(kRight).force.y(),
              w.segmentPose(L).position.x(), w.segmentPose(L).position.y(), w.segmentPose(L).position.z(), w.foot(kLeft).force.y(),
              w.q(3)*57.3, w.q(8)*57.3, w.q(6)*57.3, w.q(11)*57.3, sim.appliedTorques()[3], sim.appliedTorques()[8], sim.appliedTorques()[6], sim.appliedTorques()[11]);
        }
        if (verbose == 4 && (int)std::lround(sim.time() * 1000) % 25 == 0) {  // lateral trace
            auto& w = sim.world(); auto c = w.centreOfMass(); auto v = w.centreOfMassVelocity() - w.beltVelocity();
            const int R = m->segmentIndex("foot_r"), L = m->segmentIndex("foot_l");
            printf("  t %.3f st %d com z %.3f vz %.2f foot z r %.3f (%.0f N) l %.3f (%.0f N) list %.1f yaw %.1f wyaw %.2f hip add r %.1f l %.1f\n", sim.time(), wc->stanceLeg(),
                   c.z(), v.z(), w.segmentPose(R).position.z(), w.foot(kRight).force.y(), w.segmentPose(L).position.z(), w.foot(kLeft).force.y(),
                   w.pelvisAngles()[1] * 57.3, w.pelvisAngles()[2] * 57.3, w.segmentAngularVelocity(0).y(),
                   w.q(m->coordinateIndex("hip_adduction_r")) * 57.3, w.q(m->coordinateIndex("hip_adduction_l")) * 57.3);
        }
        if (verbose == 3 && sim.time() > 10.0 && sim.time() < 10.1) {
            auto& w = sim.world();
            const int fr = m->segmentIndex("foot_r");
            printf("  t %.3f pts %d wz %.2f y %.4f pitch %.3f tauA %.1f ", sim.time(), w.foot(kRight).points, w.segmentAngularVelocity(fr).z(),
                   w.segmentPose(fr).position.y(), 2 * std::asin(w.segmentPose(fr).orientation.z()), sim.appliedTorques()[7]);
            printf("  t %.3f st %d Fr %.0f Fl %.0f tau hfr %.0f hfl %.0f har %.0f kr %.0f kl %.0f\n", sim.time(), wc->stanceLeg(),
                   w.foot(kRight).force.y(), w.foot(kLeft).force.y(), sim.appliedTorques()[3], sim.appliedTorques()[8],
                   sim.appliedTorques()[4], sim.appliedTorques()[6], sim.appliedTorques()[11]);
        }
        if (wc->stanceLeg() != last) { last = wc->stanceLeg(); ++steps; 
            if (verbose) { auto c = sim.world().centreOfMass(); auto v = sim.world().centreOfMassVelocity() - sim.world().beltVelocity();
              const double zr = sim.world().segmentPose(m->segmentIndex("foot_r")).position.z(), zl = sim.world().segmentPose(m->segmentIndex("foot_l")).position.z();
              printf("t %.3f step %d dt %.3f com (%.2f %.2f %.2f) vrel (%.2f %.2f %.2f) tilt %.1f list %.1f yaw %.1f foot z r %.2f l %.2f\n", sim.time(), steps, sim.time()-tlast, c.x(), c.y(), c.z(), v.x(), v.y(), v.z(), sim.world().pelvisAngles()[0]*57.3, sim.world().pelvisAngles()[1]*57.3, sim.world().pelvisAngles()[2]*57.3, zr, zl); }
            tlast = sim.time(); }
    }
    auto c = sim.world().centreOfMass();
    const double bw = m->bodyMass() * 9.81;
    printf("speed %.2f gait %d: %s at %.2f s (%s), steps %d, com (%.2f %.2f %.2f) grf_roughness_bw %.3f reserve_ratio %.3f\n", speed, gait, statusName(sim.status()), sim.time(), sim.endReason().c_str(), steps, c.x(), c.y(), c.z(), std::sqrt(rough2 / std::max(1L, nrough)) / bw, app2 > 0 ? std::sqrt(res2 / app2) : 0.0);
    if (stop_n) printf("stop_speed %.3f\n", stop_sum / stop_n);
    return 0;
}
}  // namespace

int main(int argc, char** argv) {
    // A bad model, scene or control file ($RG_MODEL, $SCENE, $RG_CONTROL) is reported, exit 2.
    try {
        return probe(argc, argv);
    } catch (const std::exception& e) {
        fprintf(stderr, "retrogait-walk-probe: %s\n", e.what());
        return 2;
    }
}
