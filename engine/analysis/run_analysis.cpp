#include "engine/analysis/run_analysis.hpp"

#include "engine/analysis/gait_cycle.hpp"
#include "engine/analysis/joint_contact.hpp"
#include "engine/analysis/lowpass.hpp"
#include "engine/analysis/recording.hpp"
#include "engine/analysis/stability.hpp"
#include "engine/core/units.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <set>

namespace rg {

namespace {

using nlohmann::json;
using Series = std::vector<double>;
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const char* kSides[2] = {"r", "l"};
const char* kContractMuscles[] = {"GLU", "HAM", "VAS", "RF", "GAS", "SOL", "TA", "HFL", "BFSH", "HAB", "HAD"};

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Mean over strides of a per-stride value (NaN values skipped; NaN when none).
double meanFinite(const std::vector<double>& v) {
    std::vector<double> f;
    for (double x : v)
        if (std::isfinite(x)) f.push_back(x);
    return mean(f);
}

/// x with each non-finite value replaced by the nearest finite one before it (after it for
/// leading ones), for filtering; all-NaN stays as it is.
Series fillGaps(Series x) {
    std::size_t first = 0;
    while (first < x.size() && !std::isfinite(x[first])) ++first;
    if (first == x.size()) return x;
    for (std::size_t k = 0; k < first; ++k) x[k] = x[first];
    for (std::size_t k = first + 1; k < x.size(); ++k)
        if (!std::isfinite(x[k])) x[k] = x[k - 1];
    return x;
}

/// Time and value of the largest (or smallest) sample of x within [t0, t1].
std::pair<double, double> extremum(const Series& t, const Series& x, double t0, double t1, bool largest) {
    std::pair<double, double> best{kNaN, kNaN};
    for (std::size_t k = 0; k < t.size(); ++k) {
        if (t[k] < t0 || t[k] > t1 || !std::isfinite(x[k])) continue;
        if (!std::isfinite(best.second) || (largest ? x[k] > best.second : x[k] < best.second)) best = {t[k], x[k]};
    }
    return best;
}

/// A time series per side (index 0 right, 1 left; unsided signals use the same for both).
struct Signal {
    std::string name;
    const Series* side[2] = {nullptr, nullptr};
};

} // namespace

void mergeSummary(json& summary, const json& values) {
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (it.value().is_object() && summary.contains(it.key()) && summary[it.key()].is_object())
            mergeSummary(summary[it.key()], it.value());
        else
            summary[it.key()] = it.value();
    }
}

RunAnalysis analyseRun(const Table& table, const Model& model, const RunAnalysisOptions& o, const std::string& source) {
    RunAnalysis A;
    const Recording rec(table, model, source);
    const Series& t = rec.times();
    const std::size_t n = rec.rows();
    const double mass = model.bodyMass();
    const double bw = mass * o.gravity;
    const SurfaceFrame surface = SurfaceFrame::of(o.incline_percent, o.travel, o.gravity);
    auto col = [&](const std::string& name) -> const Series& { return table.col(name); };
    auto has = [&](const std::string& name) { return table.has(name); };
    std::deque<Series> store;  // owns derived signals (stable addresses)
    auto make = [&](Series s) -> const Series* {
        store.push_back(std::move(s));
        return &store.back();
    };

    // ---- events and strides ----
    A.events = detectGaitEvents(table, surface.normal, o.events);
    std::vector<Stride> after[2];  // the strides that start after the start-up ramp
    for (int s = 0; s < 2; ++s)
        for (const auto& st : A.events.strides[s])
            if (st.start >= o.warmup_after_s) after[s].push_back(st);
    const int complete_min = int(std::min(after[0].size(), after[1].size()));
    const int discard = complete_min > o.warmup_strides ? o.warmup_strides : 0;
    for (int s = 0; s < 2; ++s)
        if (int(after[s].size()) > discard) A.strides[s].assign(after[s].begin() + discard, after[s].end());
    std::vector<Stride> pooled;
    for (int s = 0; s < 2; ++s) pooled.insert(pooled.end(), A.strides[s].begin(), A.strides[s].end());
    std::sort(pooled.begin(), pooled.end(), [](const Stride& a, const Stride& b) { return a.start < b.start; });
    const bool have_strides = !A.strides[0].empty() && !A.strides[1].empty();
    double w0 = t.empty() ? 0 : t.front(), w1 = t.empty() ? 0 : t.back();
    if (have_strides) {
        w0 = pooled.front().start;
        w1 = 0;
        for (const auto& st : pooled) w1 = std::max(w1, st.end);
    }

    // ---- inverse dynamics and contact forces ----
    const Differencing scheme = rec.hasAccelerations() && o.time_step_s > 0 ? Differencing::RecordedStep : Differencing::Central;
    const InverseDynamicsSeries id = inverseDynamicsOfRecording(rec, o.gravity, scheme, o.time_step_s);
    A.joint_moments = id.moments;
    A.joint_loads = id.joint_loads;
    // Muscle crossings and lines of action from the model's muscle set (paths), when it has one.
    std::shared_ptr<const MuscleSet> muscle_set;
    if (model.desc().muscles.is_array() && !model.desc().muscles.empty()) muscle_set = MuscleSet::build(model);
    const std::vector<MuscleCrossing> crossings =
        muscle_set ? musclesCrossingJoints(model, *muscle_set, table) : musclesCrossingJoints(model, table);
    A.joint_contact = muscle_set ? jointContactForces(rec, id.joint_loads, crossings, bw, pathLineOfAction(*muscle_set))
                                 : jointContactForces(rec, id.joint_loads, crossings, bw);
    // The same over each sample interval, low-passed as the GRF is (grf_lowpass_hz): the feet's
    // loads averaged over the interval before each row and the velocity change across it
    // (Differencing::StepConsistent with the interval means), so a 1 ms impact counts with its
    // impulse instead of aliasing in or out of the 200 Hz samples. Only for recordings with
    // the interval means.
    const double dt_rec = n >= 2 ? t[1] - t[0] : 0.0;
    // Low-passed loads need the interval means and a recording long and fast enough for the cut-off.
    const bool lowpass = n >= 4 && dt_rec > 0 && o.grf_lowpass_hz < 0.5 / dt_rec && Recording::hasIntervalMeans(table);
    Table contact_lp;
    if (lowpass) {
        const Recording means(table, model, source, Recording::FeetLoads::IntervalMean);
        const InverseDynamicsSeries idm = inverseDynamicsOfRecording(means, o.gravity, Differencing::StepConsistent, 0.0);
        contact_lp = muscle_set ? jointContactForces(means, idm.joint_loads, crossings, bw, pathLineOfAction(*muscle_set))
                                : jointContactForces(means, idm.joint_loads, crossings, bw);
        for (std::size_t i = 0; i < contact_lp.names().size(); ++i)
            if (contact_lp.names()[i] != "time") contact_lp.col(int(i)) = lowpassZeroLag(fillGaps(contact_lp.col(int(i))), dt_rec, o.grf_lowpass_hz);
    }

    // ---- per-side signals ----
    std::vector<Signal> signals;
    auto addSided = [&](const std::string& name, const Series* r, const Series* l) {
        Signal s;
        s.name = name;
        s.side[0] = r;
        s.side[1] = l;
        signals.push_back(s);
    };
    auto scaled = [&](const Series& x, double k) {
        Series y(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) y[i] = x[i] * k;
        return make(std::move(y));
    };
    auto coordOf = [&](const std::string& base, int s) { return base + "_" + kSides[s]; };
    // Joint angles (degrees; knee as ISB flexion, positive).
    for (const char* c : {"hip_flexion", "hip_adduction", "hip_rotation"}) {
        if (!has(coordOf(c, 0) + "_deg") || !has(coordOf(c, 1) + "_deg")) continue;
        addSided(std::string(c) + "_deg", &col(coordOf(c, 0) + "_deg"), &col(coordOf(c, 1) + "_deg"));
    }
    if (has("knee_flexion_r_deg") && has("knee_flexion_l_deg"))
        addSided("knee_flexion_deg", &col("knee_flexion_r_deg"), &col("knee_flexion_l_deg"));
    if (has("ankle_angle_r_deg") && has("ankle_angle_l_deg"))
        addSided("ankle_angle_deg", &col("ankle_angle_r_deg"), &col("ankle_angle_l_deg"));
    for (const char* c : {"lumbar_extension", "lumbar_bending", "lumbar_rotation"})
        if (has(std::string(c) + "_deg")) addSided(std::string(c) + "_deg", &col(std::string(c) + "_deg"), &col(std::string(c) + "_deg"));
    // Net joint moments (N·m/kg; the coordinate's positive direction: flexion at the hip,
    // extension at the knee (Gait2392 knee_angle), dorsiflexion at the ankle).
    std::map<std::string, const Series*> moment_nm_per_kg;  // by coordinate
    for (const auto& c : model.coordinates())
        moment_nm_per_kg[c.name] = scaled(id.moments.col(c.name + "_moment"), 1.0 / mass);
    for (const char* c : {"hip_flexion", "hip_adduction", "hip_rotation", "knee_angle", "ankle_angle"})
        if (moment_nm_per_kg.count(coordOf(c, 0)) && moment_nm_per_kg.count(coordOf(c, 1)))
            addSided(std::string(c) + "_moment_nm_per_kg", moment_nm_per_kg[coordOf(c, 0)], moment_nm_per_kg[coordOf(c, 1)]);
    if (moment_nm_per_kg.count("lumbar_extension"))
        addSided("lumbar_extension_moment_nm_per_kg", moment_nm_per_kg["lumbar_extension"], moment_nm_per_kg["lumbar_extension"]);
    // Joint powers (W/kg): Σ over the joint's coordinates of moment × angular velocity.
    std::map<std::string, std::array<const Series*, 2>> joint_power;  // "hip", "knee", "ankle", "lumbar"
    for (const char* j : {"hip", "knee", "ankle", "lumbar"}) {
        std::array<const Series*, 2> p{nullptr, nullptr};
        for (int s = 0; s < 2; ++s) {
            const std::string jname = std::string(j) == "lumbar" ? "lumbar" : std::string(j) + "_" + kSides[s];
            const int ji = model.jointIndex(jname);
            if (ji < 0) continue;
            Series pw(n, 0.0);
            for (int c : model.joints()[ji].coordinates) {
                const std::string& cn = model.coordinates()[c].name;
                const Series& m = *moment_nm_per_kg[cn];
                const Series& qd = col(cn + "_vel_deg_per_s");
                for (std::size_t k = 0; k < n; ++k) pw[k] += m[k] * deg2rad(qd[k]);
            }
            p[s] = make(std::move(pw));
        }
        if (p[0] && p[1]) {
            joint_power[j] = p;
            addSided(std::string(j) + "_power_w_per_kg", p[0], p[1]);
        }
    }
    // Ground reaction forces (body weights): along the facing direction (+x), normal to the
    // surface, and medio-lateral with lateral positive on both legs.
    std::array<const Series*, 2> grf_normal{nullptr, nullptr}, grf_normal_lp{nullptr, nullptr};
    {
        // The force normal to the surface in body weights, from the x, y, z columns "<prefix>{x,y,z}<suffix>".
        auto normalBw = [&](const std::string& prefix, const std::string& suffix) {
            const Series &fx = col(prefix + "x" + suffix), &fy = col(prefix + "y" + suffix), &fz = col(prefix + "z" + suffix);
            Series v(n);
            for (std::size_t k = 0; k < n; ++k)
                v[k] = (surface.normal.x() * fx[k] + surface.normal.y() * fy[k] + surface.normal.z() * fz[k]) / bw;
            return v;
        };
        std::array<const Series*, 2> ap, ml;
        for (int s = 0; s < 2; ++s) {
            const std::string p = std::string("grf_") + kSides[s] + "_";
            const Series &fx = col(p + "x_n"), &fz = col(p + "z_n");
            Series a(n), m(n);
            const double lateral = s == 0 ? 1.0 : -1.0;
            for (std::size_t k = 0; k < n; ++k) {
                a[k] = fx[k] / bw;
                m[k] = lateral * fz[k] / bw;
            }
            ap[s] = make(std::move(a));
            grf_normal[s] = make(normalBw(p, "_n"));
            ml[s] = make(std::move(m));
        }
        addSided("grf_anterior_bw", ap[0], ap[1]);
        addSided("grf_vertical_bw", grf_normal[0], grf_normal[1]);
        // The same force low-passed as a force plate's signal is, from the feet's forces
        // averaged over each sample interval (point samples of a rigid contact alias its
        // impacts and solver chatter): null for recordings without them, too short, or
        // sampled too slowly for the cut-off.
        if (lowpass) {
            for (int s = 0; s < 2; ++s)
                grf_normal_lp[s] = make(lowpassZeroLag(normalBw(std::string("grf_") + kSides[s] + "_", "_mean_n"), dt_rec, o.grf_lowpass_hz));
            addSided("grf_vertical_lowpass_bw", grf_normal_lp[0], grf_normal_lp[1]);
        }
        addSided("grf_lateral_bw", ml[0], ml[1]);
    }
    // Joint contact forces (body weights).
    const bool have_muscle_forces = !crossings.empty();
    // Cycle curves of a joint-contact table: "<joint>_contact<tag>_bw", "lumbar_compression<tag>_bw".
    auto addContactSignals = [&](const Table& c, const std::string& tag) {
        for (const char* j : {"hip", "knee", "ankle", "patellofemoral"}) {
            const std::string suffix = std::string(j) == "patellofemoral" ? "_bw" : "_contact_bw";
            const std::string r = std::string(j) + "_r" + suffix, l = std::string(j) + "_l" + suffix;
            if (c.has(r) && c.has(l)) addSided(std::string(j) + "_contact" + tag + "_bw", &c.col(r), &c.col(l));
        }
        if (c.has("lumbar_compression_bw"))
            addSided("lumbar_compression" + tag + "_bw", &c.col("lumbar_compression_bw"), &c.col("lumbar_compression_bw"));
    };
    addContactSignals(A.joint_contact, "");
    addContactSignals(contact_lp, "_lowpass");
    // Muscles: "<M>_<r|l>_activation" (and unsided trunk muscles "<M>_activation").
    std::vector<std::string> muscle_bases;   // in column order
    std::set<std::string> sided_bases;
    for (const auto& c : table.names()) {
        if (!endsWith(c, "_activation")) continue;
        const std::string m = c.substr(0, c.size() - std::string("_activation").size());
        std::string base = m;
        if (endsWith(m, "_r") || endsWith(m, "_l")) {
            base = m.substr(0, m.size() - 2);
            if (!has(base + "_r_activation") || !has(base + "_l_activation")) continue;
            sided_bases.insert(base);
        }
        if (std::find(muscle_bases.begin(), muscle_bases.end(), base) == muscle_bases.end()) muscle_bases.push_back(base);
    }
    auto muscleColumn = [&](const std::string& base, int s, const std::string& what) -> const Series* {
        const std::string name = sided_bases.count(base) ? base + "_" + kSides[s] + "_" + what : base + "_" + what;
        return has(name) ? &col(name) : nullptr;
    };
    for (const auto& b : muscle_bases) {
        addSided(b + "_activation", muscleColumn(b, 0, "activation"), muscleColumn(b, 1, "activation"));
        if (muscleColumn(b, 0, "force_n") && muscleColumn(b, 1, "force_n"))
            addSided(b + "_force_n", muscleColumn(b, 0, "force_n"), muscleColumn(b, 1, "force_n"));
    }
    const Series* metabolic = has("metabolic_power_w") ? scaled(col("metabolic_power_w"), 1.0 / mass) : nullptr;
    if (metabolic) addSided("metabolic_power_w_per_kg", metabolic, metabolic);

    // ---- gait-cycle curves: mean ± SD over strides, pooled over both legs and per leg ----
    {
        std::vector<std::string> names{"cycle_percent"};
        for (const auto& sg : signals) {
            names.push_back(sg.name + "_mean");
            names.push_back(sg.name + "_sd");
            for (const char* s : kSides) {
                names.push_back(sg.name + "_" + s + "_mean");
                names.push_back(sg.name + "_" + s + "_sd");
            }
        }
        A.cycle = Table(names);
        if (have_strides) {
            std::vector<std::vector<double>> columns;
            for (const auto& sg : signals) {
                std::vector<std::vector<double>> per[2], both;
                for (int s = 0; s < 2; ++s)
                    for (const auto& st : A.strides[s]) {
                        per[s].push_back(normaliseToCycle(t, *sg.side[s], st.start, st.end));
                        both.push_back(per[s].back());
                    }
                for (const MeanSd& ms : {meanSd(both), meanSd(per[0]), meanSd(per[1])}) {
                    columns.push_back(ms.mean);
                    columns.push_back(ms.sd);
                }
            }
            std::vector<double> row(names.size());
            for (int i = 0; i < kCyclePoints; ++i) {
                row[0] = double(i) * 100.0 / (kCyclePoints - 1);
                for (std::size_t c = 0; c < columns.size(); ++c) row[c + 1] = columns[c][i];
                A.cycle.addRow(row);
            }
        }
    }

    // ---- per-stride values ----
    const Series* belt = rec.column("belt_speed_m_per_s");
    Series pelvis_along(n);
    for (std::size_t k = 0; k < n; ++k)
        pelvis_along[k] = surface.tangent.x() * col("pelvis_tx_m")[k] + surface.tangent.y() * col("pelvis_ty_m")[k];
    const auto swings = minimumFootClearance(rec, A.events, surface);
    const Series* knee_flex[2] = {has("knee_flexion_r_deg") ? &col("knee_flexion_r_deg") : nullptr,
                                  has("knee_flexion_l_deg") ? &col("knee_flexion_l_deg") : nullptr};
    struct StrideValues {
        double length, speed, stance, double_support, peak1, trough, peak2, lp_peak1, lp_trough, lp_peak2, mfc, metabolic;
        std::map<std::string, double> rom, peak_moment, pos_work, neg_work, peak_contact, lp_peak_contact, activation;
    };
    std::vector<StrideValues> values;
    A.stride_table = TextTable({"side", "start_s", "toe_off_s", "end_s", "duration_s", "stance_percent",
                                "double_support_percent", "stride_length_m", "speed_m_per_s", "grf_peak1_bw",
                                "grf_trough_bw", "grf_peak2_bw", "grf_lowpass_peak1_bw", "grf_lowpass_trough_bw", "grf_lowpass_peak2_bw", "hip_rom_deg", "knee_rom_deg", "ankle_rom_deg",
                                "peak_knee_flexion_deg", "hip_positive_work_j_per_kg", "hip_negative_work_j_per_kg",
                                "knee_positive_work_j_per_kg", "knee_negative_work_j_per_kg",
                                "ankle_positive_work_j_per_kg", "ankle_negative_work_j_per_kg",
                                "lumbar_positive_work_j_per_kg", "lumbar_negative_work_j_per_kg",
                                "min_foot_clearance_m", "metabolic_power_w_per_kg"});
    for (const Stride& st : pooled) {
        const int s = st.side;
        StrideValues v{};
        const double T = st.duration();
        const double belt_travel = belt ? integrate(t, *belt, st.start, st.end) : 0.0;
        v.length = std::fabs(interpolateAt(t, pelvis_along, st.end) - interpolateAt(t, pelvis_along, st.start) + belt_travel);
        v.speed = v.length / T;
        v.stance = st.stancePercent();
        v.double_support = 100.0 * doubleSupportTime(A.events, st.start, st.end) / T;
        // Vertical GRF peaks over stance: first and second half maxima, the trough between them
        // (unfiltered, and low-passed).
        const double mid = 0.5 * (st.start + st.toe_off);
        auto peaks = [&](const Series* f, double& peak1, double& trough, double& peak2) {
            peak1 = trough = peak2 = kNaN;
            if (!f) return;
            const auto p1 = extremum(t, *f, st.start, mid, true);
            const auto p2 = extremum(t, *f, mid, st.toe_off, true);
            peak1 = p1.second;
            peak2 = p2.second;
            if (std::isfinite(p1.first) && std::isfinite(p2.first)) trough = extremum(t, *f, p1.first, p2.first, false).second;
        };
        peaks(grf_normal[s], v.peak1, v.trough, v.peak2);
        peaks(grf_normal_lp[s], v.lp_peak1, v.lp_trough, v.lp_peak2);
        auto range = [&](const Series* x) {
            return x ? maxOver(t, *x, st.start, st.end) - minOver(t, *x, st.start, st.end) : kNaN;
        };
        v.rom["hip"] = range(has(coordOf("hip_flexion", s) + "_deg") ? &col(coordOf("hip_flexion", s) + "_deg") : nullptr);
        v.rom["knee"] = range(knee_flex[s]);
        v.rom["ankle"] = range(has(coordOf("ankle_angle", s) + "_deg") ? &col(coordOf("ankle_angle", s) + "_deg") : nullptr);
        v.rom["peak_knee_flexion"] = knee_flex[s] ? maxOver(t, *knee_flex[s], st.start, st.end) : kNaN;
        auto peak = [&](const std::string& coord, double sign) {
            const auto it = moment_nm_per_kg.find(coord);
            if (it == moment_nm_per_kg.end()) return kNaN;
            return sign > 0 ? maxOver(t, *it->second, st.start, st.end) : -minOver(t, *it->second, st.start, st.end);
        };
        v.peak_moment["hip_extension"] = peak(coordOf("hip_flexion", s), -1);
        v.peak_moment["hip_flexion"] = peak(coordOf("hip_flexion", s), +1);
        v.peak_moment["knee_extension"] = peak(coordOf("knee_angle", s), +1);
        v.peak_moment["knee_flexion"] = peak(coordOf("knee_angle", s), -1);
        v.peak_moment["ankle_plantarflexion"] = peak(coordOf("ankle_angle", s), -1);
        for (const auto& [j, p] : joint_power) {
            const Work w = integrateWork(t, *p[s], st.start, st.end);
            v.pos_work[j] = w.positive;
            v.neg_work[j] = w.negative;
        }
        auto peaksOf = [&](const Table& c, std::map<std::string, double>& out) {
            auto peakCol = [&](const std::string& name) { return c.has(name) ? maxOver(t, c.col(name), st.start, st.end) : kNaN; };
            for (const char* j : {"hip", "knee", "ankle"}) out[j] = peakCol(std::string(j) + "_" + kSides[s] + "_contact_bw");
            out["patellofemoral"] = peakCol(std::string("patellofemoral_") + kSides[s] + "_bw");
            out["lumbar"] = peakCol("lumbar_compression_bw");
        };
        peaksOf(A.joint_contact, v.peak_contact);
        peaksOf(contact_lp, v.lp_peak_contact);
        for (const auto& b : muscle_bases) {
            const Series* a = muscleColumn(b, s, "activation");
            v.activation[b] = a ? timeAverage(t, *a, st.start, st.end) : kNaN;
        }
        v.metabolic = metabolic ? timeAverage(t, *metabolic, st.start, st.end) : kNaN;
        v.mfc = kNaN;
        for (const auto& sw : swings)
            if (sw.side == s && std::fabs(sw.start - st.toe_off) < 1e-9) v.mfc = sw.clearance;
        values.push_back(v);
        A.stride_table.row()
            .add(kSides[s]).add(st.start).add(st.toe_off).add(st.end).add(T).add(v.stance).add(v.double_support)
            .add(v.length).add(v.speed).add(v.peak1).add(v.trough).add(v.peak2).add(v.lp_peak1).add(v.lp_trough).add(v.lp_peak2)
            .add(v.rom["hip"]).add(v.rom["knee"]).add(v.rom["ankle"]).add(v.rom["peak_knee_flexion"]);
        for (const char* j : {"hip", "knee", "ankle", "lumbar"}) {
            A.stride_table.add(v.pos_work.count(j) ? v.pos_work[j] : kNaN);
            A.stride_table.add(v.neg_work.count(j) ? v.neg_work[j] : kNaN);
        }
        A.stride_table.add(v.mfc).add(v.metabolic);
    }
    auto over = [&](auto get) {
        std::vector<double> x;
        for (auto& v : values) x.push_back(get(v));
        return meanFinite(x);
    };

    // ---- margins of stability per step ----
    const auto steps = marginsOfStability(rec, A.events, surface);
    A.step_table = TextTable({"side", "initial_contact_s", "mos_anterior_m", "mos_posterior_m", "mos_medial_lateral_m", "analysed"});
    std::vector<double> mos_a, mos_p, mos_ml;
    for (const auto& st : steps) {
        const bool in = have_strides && st.time >= w0 && st.time < w1;
        A.step_table.row().add(kSides[st.side]).add(st.time).add(st.anterior).add(st.posterior).add(st.medial_lateral).add(in ? "yes" : "no");
        if (!in) continue;
        mos_a.push_back(st.anterior);
        mos_p.push_back(st.posterior);
        mos_ml.push_back(st.medial_lateral);
    }

    // ---- summary ----
    json& S = A.summary;
    S = json::object();
    S["strides"] = have_strides ? json(int(std::min(A.strides[0].size(), A.strides[1].size()))) : json(nullptr);
    S["strides_per_side"] = {{"r", A.strides[0].size()}, {"l", A.strides[1].size()}};
    S["warmup_strides_discarded"] = discard;
    S["analysis_basis"] = have_strides ? "strides" : "whole_run";
    S["analysis_window_s"] = {{"start", num(w0)}, {"end", num(w1)}};
    auto sv = [&](double x) { return have_strides ? num(x) : json(nullptr); };
    {
        std::vector<double> d;
        for (const auto& st : pooled) d.push_back(st.duration());
        S["cadence_steps_per_min"] = sv(120.0 / mean(d));
    }
    S["stride_length_m"] = sv(over([](auto& v) { return v.length; }));
    S["walking_speed_m_per_s"] = sv(over([](auto& v) { return v.speed; }));
    S["stance_percent"] = sv(over([](auto& v) { return v.stance; }));
    S["double_support_percent"] = sv(over([](auto& v) { return v.double_support; }));
    auto grfPeaks = [&](double StrideValues::*p1, double StrideValues::*tr, double StrideValues::*p2) {
        return json{{"peak1", sv(over([&](auto& v) { return v.*p1; }))},
                    {"trough", sv(over([&](auto& v) { return v.*tr; }))},
                    {"peak2", sv(over([&](auto& v) { return v.*p2; }))}};
    };
    S["grf_bw"] = grfPeaks(&StrideValues::peak1, &StrideValues::trough, &StrideValues::peak2);
    S["grf_bw_lowpass"] = grfPeaks(&StrideValues::lp_peak1, &StrideValues::lp_trough, &StrideValues::lp_peak2);
    S["grf_lowpass_hz"] = o.grf_lowpass_hz;
    S["joint_rom_deg"] = json::object();
    for (const char* j : {"hip", "knee", "ankle"}) S["joint_rom_deg"][j] = sv(over([&](auto& v) { return v.rom[j]; }));
    S["peak_knee_flexion_deg"] = sv(over([](auto& v) { return v.rom["peak_knee_flexion"]; }));
    S["peak_moment_nm_per_kg"] = json::object();
    for (const char* k : {"hip_extension", "hip_flexion", "knee_extension", "knee_flexion", "ankle_plantarflexion"})
        S["peak_moment_nm_per_kg"][k] = sv(over([&](auto& v) { return v.peak_moment[k]; }));
    S["positive_work_j_per_kg_per_stride"] = json::object();
    S["negative_work_j_per_kg_per_stride"] = json::object();
    for (const char* j : {"hip", "knee", "ankle", "lumbar"}) {
        S["positive_work_j_per_kg_per_stride"][j] = sv(over([&](auto& v) { return v.pos_work.count(j) ? v.pos_work[j] : kNaN; }));
        S["negative_work_j_per_kg_per_stride"][j] = sv(over([&](auto& v) { return v.neg_work.count(j) ? v.neg_work[j] : kNaN; }));
    }
    auto contactPeaks = [&](std::map<std::string, double> StrideValues::*peaks, bool computed) {
        json out = json::object();
        for (const char* j : {"hip", "knee", "ankle", "patellofemoral", "lumbar"})
            out[j] = computed ? sv(over([&](auto& v) { return (v.*peaks)[j]; })) : json(nullptr);
        return out;
    };
    S["peak_joint_contact_force_bw"] = contactPeaks(&StrideValues::peak_contact, have_muscle_forces);
    S["peak_joint_contact_force_bw_lowpass"] = contactPeaks(&StrideValues::lp_peak_contact, have_muscle_forces && lowpass);
    // Muscle activation, metabolic power and reserves are time averages: over the analysed
    // strides, or over the whole run when no stride completed (e.g. standing).
    auto windowAverage = [&](const Series& x) { return timeAverage(t, x, w0, w1); };
    S["mean_activation"] = json::object();
    for (const char* m : kContractMuscles) S["mean_activation"][m] = nullptr;
    for (const auto& b : muscle_bases) {
        double a = kNaN;
        if (have_strides) {
            a = over([&](auto& v) { return v.activation[b]; });
        } else if (n > 1) {
            const Series* r = muscleColumn(b, 0, "activation");
            const Series* l = muscleColumn(b, 1, "activation");
            a = 0.5 * (windowAverage(*r) + windowAverage(*l));
        }
        S["mean_activation"][b] = num(a);
    }
    const double met = have_strides ? over([](auto& v) { return v.metabolic; }) : (metabolic && n > 1 ? windowAverage(*metabolic) : kNaN);
    S["metabolic_power_w_per_kg"] = num(met);
    const double speed = have_strides ? over([](auto& v) { return v.speed; }) : kNaN;
    S["cost_of_transport_j_per_kg_per_m"] = num(speed > 0 ? met / speed : kNaN);
    {
        // Shares of the joint torques over the window: the reserves' in the applied torques, and
        // what the controller asked for and the actuators did not deliver (bounded reserves).
        double res2 = 0, net2 = 0, short2 = 0, want2 = 0;
        bool any_reserve = false, any_shortfall = false;
        for (const auto& c : model.coordinates()) {
            const auto* tau = rec.column("tau_" + c.name + "_nm");
            if (!tau) continue;
            const auto* r = rec.column("reserve_" + c.name + "_nm");
            const auto* sf = rec.column("shortfall_" + c.name + "_nm");
            any_reserve = any_reserve || r;
            any_shortfall = any_shortfall || sf;
            for (std::size_t k = 0; k < n; ++k) {
                if (t[k] < w0 || t[k] > w1) continue;
                net2 += (*tau)[k] * (*tau)[k];
                if (r) res2 += (*r)[k] * (*r)[k];
                const double s = sf ? (*sf)[k] : 0.0;
                short2 += s * s;
                want2 += ((*tau)[k] + s) * ((*tau)[k] + s);
            }
        }
        S["reserve_moment_ratio"] = any_reserve && net2 > 0 ? json(std::sqrt(res2 / net2)) : json(nullptr);
        S["torque_shortfall_ratio"] = any_shortfall && want2 > 0 ? json(std::sqrt(short2 / want2)) : json(nullptr);
    }
    S["margin_of_stability_m"] = {{"anterior", sv(mean(mos_a))}, {"posterior", sv(mean(mos_p))}, {"medial_lateral", sv(mean(mos_ml))}};
    S["min_foot_clearance_m"] = sv(over([](auto& v) { return v.mfc; }));
    S["leg_length_m"] = legLength(model);
    // Quality check of the inverse dynamics: net joint moments against the applied torques.
    if (rec.hasAppliedTorques() && n > 2) {
        double d2 = 0, m2 = 0;
        std::size_t cnt = 0;
        for (std::size_t k = 1; k + 1 < n; ++k) {
            if (t[k] < w0 || t[k] > w1) continue;
            const Eigen::VectorXd tau = rec.appliedTorques(k);
            for (std::size_t c = 0; c < model.coordinates().size(); ++c) {
                const double m = id.moments.col(model.coordinates()[c].name + "_moment")[k];
                if (!std::isfinite(m)) continue;
                d2 += (m - tau[c]) * (m - tau[c]);
                m2 += tau[c] * tau[c];
                ++cnt;
            }
        }
        S["inverse_dynamics_check"] = {
            {"rms_difference_from_applied_torques_nm", cnt ? json(std::sqrt(d2 / cnt)) : json(nullptr)},
            {"rms_applied_torque_nm", cnt ? json(std::sqrt(m2 / cnt)) : json(nullptr)},
            {"differencing", scheme == Differencing::Central ? "central differences of the recorded velocities"
                                                             : "recorded step accelerations"},
            {"note", scheme == Differencing::Central
                         ? "the difference includes joint-limit (ligament) torques, which inverse dynamics sees and the "
                           "applied torques do not, and the error of finite differences at the sampling rate"
                         : "the difference is the joint-limit (ligament) torques, which inverse dynamics sees and the "
                           "applied torques do not, plus round-off"}};
    }
    S["joint_contact_model"] = {
        {"method", "net joint reaction (inverse dynamics) minus the muscle pull along the bone (OpenSim JointReaction definition)"},
        {"muscle_crossings", muscle_set ? "the model's muscle set (coordinates each muscle spans)"
                                        : "Geyer & Herr 2010, Song & Geyer 2015 (the model has no muscle set)"},
        {"line_of_action", muscle_set ? "along each muscle's path (the element crossing the joint), as OpenSim's JointReaction"
                                      : "parallel to the long axis of the thigh (hip), shank (knee, ankle), trunk (L5/S1)"},
        {"patellofemoral", "quadriceps (VAS+RF) force x ratio of van Eijden et al. 1986 as fitted by Brechter & Powers 2002"},
        {"muscle_forces_recorded", have_muscle_forces}};

    // ---- muscle recruitment table ----
    A.muscle_table = TextTable({"muscle", "side", "strides", "mean_activation_cycle", "sd_activation_cycle",
                                "mean_activation_stance", "mean_activation_swing", "mean_force_n", "peak_force_n"});
    for (const auto& b : muscle_bases) {
        for (int side = -1; side < 2; ++side) {  // -1: both legs
            std::vector<double> cyc, stance, swing, force, peakf;
            for (const Stride& st : pooled) {
                if (side >= 0 && st.side != side) continue;
                const Series* a = muscleColumn(b, st.side, "activation");
                const Series* f = muscleColumn(b, st.side, "force_n");
                cyc.push_back(timeAverage(t, *a, st.start, st.end));
                stance.push_back(timeAverage(t, *a, st.start, st.toe_off));
                swing.push_back(timeAverage(t, *a, st.toe_off, st.end));
                if (f) {
                    force.push_back(timeAverage(t, *f, st.start, st.end));
                    peakf.push_back(maxOver(t, *f, st.start, st.end));
                }
            }
            A.muscle_table.row().add(b).add(side < 0 ? "both" : kSides[side]).add(double(cyc.size()))
                .add(mean(cyc)).add(sampleSd(cyc)).add(mean(stance)).add(mean(swing)).add(mean(force)).add(mean(peakf));
        }
    }
    return A;
}

} // namespace rg
