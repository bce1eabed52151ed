// The whole analysis of a recorded run, on a synthetic walk whose results are known in closed
// form; and the compare summary's contract keys.
#include "synthetic_walk.hpp"

#include "engine/analysis/compare_summary.hpp"
#include "engine/analysis/run_analysis.hpp"
#include "engine/model/model_loader.hpp"
#include "engine/sim/summary.hpp"

#include <catch2/catch.hpp>

using namespace rg;

namespace {
const double kBW = 75.0 * 9.81;
const double kOn = 0.03 * 20.0 / (0.5 * kBW), kOff = 0.03 * 10.0 / (0.5 * kBW);

nlohmann::json analysedSummary(const Model& m, const rgtest::SyntheticWalk& w, double travel) {
    RunAnalysisOptions o;
    o.travel = travel;
    const RunAnalysis a = analyseRun(rgtest::synthesiseWalk(m, w), m, o);
    nlohmann::json s = summarySkeleton();
    s["gait"] = travel > 0 ? "forward" : "backward";
    mergeSummary(s, a.summary);
    return s;
}
} // namespace

TEST_CASE("strides that start during a start-up ramp are left out before the warm-up strides", "[analysis]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    const Table rec = rgtest::synthesiseWalk(*model, rgtest::SyntheticWalk{});
    RunAnalysisOptions o;
    const RunAnalysis all = analyseRun(rec, *model, o);
    REQUIRE(all.events.strides[0].size() == 5);
    REQUIRE(all.events.strides[1].size() == 5);
    // a ramp that ends just after each foot's first stride has started
    o.warmup_after_s = std::max(all.events.strides[0][0].start, all.events.strides[1][0].start) + 1e-3;
    const RunAnalysis a = analyseRun(rec, *model, o);
    CHECK(a.summary["strides"] == 2);  // 4 per foot after the ramp, 2 of them warm-up
    CHECK(a.summary["warmup_strides_discarded"] == 2);
    CHECK(a.strides[0].front().start == all.events.strides[0][3].start);
    CHECK(a.summary["analysis_window_s"]["start"].get<double>() >= o.warmup_after_s);
}

TEST_CASE("the run analysis of a synthetic treadmill walk gives the designed values", "[analysis]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    rgtest::SyntheticWalk w;
    RunAnalysisOptions o;
    const RunAnalysis a = analyseRun(rgtest::synthesiseWalk(*model, w), *model, o);
    const auto& s = a.summary;
    // 5 complete strides per foot, 2 discarded as warm-up.
    CHECK(s["strides"] == 3);
    CHECK(s["warmup_strides_discarded"] == 2);
    CHECK(s["cadence_steps_per_min"].get<double>() == Approx(120).epsilon(1e-12));
    CHECK(s["stride_length_m"].get<double>() == Approx(1.25).epsilon(1e-9));       // belt 1.25 m/s × 1 s, pelvis still
    CHECK(s["walking_speed_m_per_s"].get<double>() == Approx(1.25).epsilon(1e-9));
    CHECK(s["stance_percent"].get<double>() == Approx(100 * (0.6 - kOn - kOff)).epsilon(1e-9));
    CHECK(s["double_support_percent"].get<double>() == Approx(200 * (0.1 - kOn - kOff)).epsilon(1e-9));
    CHECK(s["grf_bw"]["peak1"].get<double>() == Approx(1.15).epsilon(1e-12));
    CHECK(s["grf_bw"]["trough"].get<double>() == Approx(0.75).epsilon(1e-12));
    CHECK(s["grf_bw"]["peak2"].get<double>() == Approx(1.10).epsilon(1e-12));
    // Low-passed at 20 Hz, the smooth designed curve barely changes (its corners round off).
    CHECK(s["grf_lowpass_hz"].get<double>() == 20.0);
    CHECK(s["grf_bw_lowpass"]["peak1"].get<double>() == Approx(1.15).epsilon(0.02));
    CHECK(s["grf_bw_lowpass"]["peak1"].get<double>() < 1.15);
    CHECK(s["grf_bw_lowpass"]["trough"].get<double>() == Approx(0.75).epsilon(0.02));
    CHECK(s["grf_bw_lowpass"]["peak2"].get<double>() == Approx(1.10).epsilon(0.02));
    // Joint contact peaks over the sample intervals, low-passed: the smooth synthetic loads
    // give nearly the sampled peaks.
    for (const char* j : {"hip", "knee", "ankle", "patellofemoral"}) {
        INFO(j);
        const double raw = s["peak_joint_contact_force_bw"][j].get<double>();
        CHECK(s["peak_joint_contact_force_bw_lowpass"][j].get<double>() == Approx(raw).epsilon(0.05));
    }
    CHECK(s["joint_rom_deg"]["hip"].get<double>() == Approx(40).epsilon(1e-9));
    CHECK(s["joint_rom_deg"]["knee"].get<double>() == Approx(60).epsilon(1e-9));
    CHECK(s["joint_rom_deg"]["ankle"].get<double>() == Approx(20).epsilon(1e-9));
    CHECK(s["peak_knee_flexion_deg"].get<double>() == Approx(60).epsilon(1e-9));
    // Activation 0.1 + 0.05·sin over whole strides averages to 0.1 (trapezoid error only).
    for (const char* m : {"GLU", "HAM", "VAS", "RF", "GAS", "SOL", "TA", "HFL", "BFSH", "HAB", "HAD", "ERS"})
        CHECK(s["mean_activation"][m].get<double>() == Approx(0.1).epsilon(1e-4));
    CHECK(s["metabolic_power_w_per_kg"].get<double>() == Approx(300.0 / 75.0).epsilon(1e-12));
    CHECK(s["cost_of_transport_j_per_kg_per_m"].get<double>() == Approx(4.0 / 1.25).epsilon(1e-9));
    CHECK(s["reserve_moment_ratio"].get<double>() == Approx(0.1).epsilon(1e-12));
    CHECK(s["torque_shortfall_ratio"].get<double>() == Approx(0.25 / 1.25).epsilon(1e-12));
    // Everything else is computed from the (physically inconsistent) synthetic motion: present.
    for (const auto& k : summaryNumericKeys()) {
        if (k == "speed_m_per_s" || k == "incline_percent" || k == "sim_time_s" || k == "wall_time_s" || k == "real_time_factor") continue;
        INFO(k);
        CHECK(valueAt(s, k).is_number());
    }
    // Curves: 101 points; the pooled vertical GRF at 12 % of the cycle is the first peak
    // shifted by the detection delay (linear, between knots), the same on every stride (SD 0).
    REQUIRE(a.cycle.rows() == 101);
    CHECK(a.cycle.col("cycle_percent")[100] == 100.0);
    CHECK(a.cycle.col("grf_vertical_bw_sd")[12] == Approx(0).margin(1e-12));
    // Linear interpolation between 200 Hz samples: error below f''·dt²/8 ≈ 4e-3 degrees.
    CHECK(a.cycle.col("knee_flexion_deg_mean")[50] == Approx(30 - 30 * std::cos(2 * kPi * (0.5 + kOn))).margin(4e-3));
    CHECK(a.cycle.has("VAS_activation_r_mean"));
    CHECK(a.stride_table.rows().size() == 6);
}

TEST_CASE("a run without a complete stride has null stride values but time averages", "[analysis]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    rgtest::SyntheticWalk w;
    w.duration_s = 0.9;   // the right foot lands once, the left foot never
    RunAnalysisOptions o;
    const RunAnalysis a = analyseRun(rgtest::synthesiseWalk(*model, w), *model, o);
    CHECK(a.summary["strides"].is_null());
    CHECK(a.summary["cadence_steps_per_min"].is_null());
    CHECK(a.summary["peak_joint_contact_force_bw"]["knee"].is_null());
    CHECK(a.summary["analysis_basis"] == "whole_run");
    CHECK(a.summary["metabolic_power_w_per_kg"].get<double>() == Approx(4.0));
    CHECK(a.cycle.rows() == 0);
}

TEST_CASE("a compare summary holds both runs with every contract key and the ratios", "[analysis]") {
    auto model = Model::build(loadModelFile(defaultModelPath()));
    rgtest::SyntheticWalk fw, bw;
    bw.stride_s = 1.25;       // backward: slower cadence
    bw.belt_speed = -1.0;     // the belt carries a backward walker towards +x
    bw.duration_s = 8;
    bw.metabolic_w = 360;
    const auto f = analysedSummary(*model, fw, 1);
    const auto b = analysedSummary(*model, bw, -1);
    const auto c = compareSummary(f, b, summaryNumericKeys());
    for (const char* g : {"forward", "backward"}) {
        const auto skel = summarySkeleton();
        for (auto it = skel.begin(); it != skel.end(); ++it) {
            INFO(g << ": " << it.key());
            REQUIRE(c[g].contains(it.key()));
            if (it.value().is_object())
                for (auto jt = it.value().begin(); jt != it.value().end(); ++jt) CHECK(c[g][it.key()].contains(jt.key()));
        }
    }
    for (const auto& k : summaryNumericKeys()) {
        INFO(k);
        CHECK(c["ratio_backward_to_forward"].contains(k));
    }
    const auto& r = c["ratio_backward_to_forward"];
    CHECK(r["cadence_steps_per_min"].get<double>() == Approx(1.0 / 1.25).epsilon(1e-12));
    CHECK(r["stride_length_m"].get<double>() == Approx(1.25 / 1.25).epsilon(1e-9));   // 1.0 m/s × 1.25 s vs 1.25 m/s × 1 s
    CHECK(r["metabolic_power_w_per_kg"].get<double>() == Approx(1.2).epsilon(1e-12));
    CHECK(r["cost_of_transport_j_per_kg_per_m"].get<double>() == Approx((360.0 / 1.0) / (300.0 / 1.25)).epsilon(1e-9));
    CHECK(r["mean_activation.ERS"].is_number());               // extension keys get ratios too
    CHECK(r.contains("positive_work_j_per_kg_per_stride.lumbar"));  // null here: no lumbar motion, zero work
    CHECK(r["incline_percent"].is_null());                     // 0 forward: no ratio
}

TEST_CASE("a recording without the interval means gets null low-passed peaks", "[analysis][lowpass]") {
    // Runs recorded before the grf_*_mean_n / cop_*_mean_m columns existed: their point samples
    // would alias impacts, so the low-passed values are left out rather than guessed.
    auto model = Model::build(loadModelFile(defaultModelPath()));
    const Table full = rgtest::synthesiseWalk(*model, rgtest::SyntheticWalk{});
    std::vector<std::string> keep;
    for (const auto& n : full.names())
        if (n.find("_mean_") == std::string::npos) keep.push_back(n);
    REQUIRE(keep.size() + 12 == full.names().size());
    const RunAnalysis a = analyseRun(full.select(keep), *model, RunAnalysisOptions{});
    const auto& s = a.summary;
    CHECK(s["strides"] == 3);
    CHECK(s["grf_bw"]["peak1"].get<double>() == Approx(1.15).epsilon(1e-12));
    for (const char* k : {"peak1", "trough", "peak2"}) CHECK(s["grf_bw_lowpass"][k].is_null());
    for (const char* j : {"hip", "knee", "ankle", "patellofemoral", "lumbar"}) CHECK(s["peak_joint_contact_force_bw_lowpass"][j].is_null());
}
