#include "engine/analysis/joint_contact.hpp"

#include "engine/core/units.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace rg {

double patellofemoralRatio(double knee_flexion_deg) {
    // Brechter & Powers 2002 (Gait Posture 16:115), fit to van Eijden et al. 1986 (J Biomech 19:219).
    const double t = std::clamp(knee_flexion_deg, 0.0, 120.0);
    const double num = 0.462 + 0.00147 * t - 3.84e-5 * t * t;
    const double den = 1.0 - 0.0162 * t + 1.55e-4 * t * t - 6.98e-7 * t * t * t;
    return num / den;
}

namespace {
/// Joints crossed by each muscle of the Geyer & Herr 2010 / Song & Geyer 2015 set ("hip",
/// "knee", "ankle" on the muscle's own side).
const std::map<std::string, std::vector<std::string>>& legCrossings() {
    static const std::map<std::string, std::vector<std::string>> m{
        {"HFL", {"hip"}},          {"GLU", {"hip"}},   {"HAB", {"hip"}},  {"HAD", {"hip"}},
        {"HAM", {"hip", "knee"}},  {"RF", {"hip", "knee"}},
        {"VAS", {"knee"}},         {"BFSH", {"knee"}}, {"GAS", {"knee", "ankle"}},
        {"SOL", {"ankle"}},        {"TA", {"ankle"}}};
    return m;
}
bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
const char* kAxes[3] = {"x", "y", "z"};
} // namespace

std::vector<MuscleCrossing> musclesCrossingJoints(const Model& model, const Table& rec) {
    std::vector<MuscleCrossing> out;
    const std::string suffix = "_force_n";
    const int lumbar = model.jointIndex("lumbar");
    for (const auto& col : rec.names()) {
        if (!endsWith(col, suffix)) continue;
        const std::string muscle = col.substr(0, col.size() - suffix.size());  // e.g. "VAS_r"
        std::string base = muscle, side;
        if (endsWith(muscle, "_r") || endsWith(muscle, "_l")) {
            base = muscle.substr(0, muscle.size() - 2);
            side = muscle.substr(muscle.size() - 1);
        }
        const auto it = legCrossings().find(base);
        if (it != legCrossings().end()) {
            if (side.empty()) continue;
            for (const auto& j : it->second) {
                const int ji = model.jointIndex(j + "_" + side);
                if (ji >= 0) out.push_back({col, muscle, ji});
            }
        } else if (lumbar >= 0 && col.rfind("reserve_", 0) != 0) {
            // Any other muscle of the walker is a trunk muscle spanning the lumbar joint.
            out.push_back({col, muscle, lumbar});
        }
    }
    return out;
}

std::vector<MuscleCrossing> musclesCrossingJoints(const Model& model, const MuscleSet& set, const Table& rec) {
    std::vector<MuscleCrossing> out;
    for (const Muscle& m : set.muscles()) {
        const std::string col = m.name + "_force_n";
        if (!rec.has(col)) continue;
        std::vector<int> joints;
        for (const MuscleSpan& sp : m.spans) {
            if (sp.coordinate < 0) continue;
            const int j = model.coordinates()[sp.coordinate].joint;
            if (std::find(joints.begin(), joints.end(), j) == joints.end()) joints.push_back(j);
        }
        for (int j : joints) out.push_back({col, m.name, j});
    }
    return out;
}

LineOfAction pathLineOfAction(const MuscleSet& set) {
    return [&set](const Model& model, const BodyKinematics& kin, int joint, const std::string& muscle) -> Eigen::Vector3d {
        const int mi = set.index(muscle);
        if (mi >= 0) {
            // Segments distal to the joint: its child and everything below it.
            std::vector<bool> distal(model.segments().size(), false);
            distal[model.joints()[joint].child] = true;
            for (const Joint& j : model.joints())  // tree order: parents first
                if (distal[j.parent]) distal[j.child] = true;
            const auto& path = set.muscles()[mi].path;
            for (std::size_t i = 0; i + 1 < path.size(); ++i) {
                const auto &a = path[i], &b = path[i + 1];
                if (a.segment < 0 || b.segment < 0 || distal[a.segment] == distal[b.segment]) continue;
                const auto& in = distal[a.segment] ? a : b;
                const auto& out = distal[a.segment] ? b : a;
                const Eigen::Vector3d d = kin.segments[out.segment].point(out.point) - kin.segments[in.segment].point(in.point);
                if (d.norm() > 1e-9) return d.normalized();
            }
        }
        return alongBoneLineOfAction(model, kin, joint, muscle);
    };
}

Eigen::Vector3d alongBoneLineOfAction(const Model& model, const BodyKinematics& kin, int joint, const std::string&) {
    const Joint& j = model.joints()[joint];
    const Eigen::Vector3d o = kin.segments[j.child].origin;
    for (const Joint& d : model.joints())
        if (d.parent == j.child) return (o - kin.segments[d.child].origin).normalized();
    return (kin.segments[j.parent].origin - o).normalized();
}

Table jointContactForces(const Recording& rec, const Table& loads, const std::vector<MuscleCrossing>& muscles,
                         double bw, const LineOfAction& line) {
    const Model& model = rec.model();
    const auto& joints = model.joints();
    std::vector<std::string> names{"time"};
    for (const auto& j : joints) {
        for (const char* a : kAxes) names.push_back(j.name + "_contact_" + a + "_n");
        names.push_back(j.name + "_contact_bw");
        if (j.name == "lumbar") names.push_back("lumbar_compression_bw");
    }
    const char* sides[2] = {"r", "l"};
    int knee_coord[2];
    std::vector<const std::vector<double>*> quads[2];
    for (int s = 0; s < 2; ++s) {
        knee_coord[s] = model.coordinateIndex(std::string("knee_angle_") + sides[s]);
        if (knee_coord[s] < 0) continue;
        names.push_back(std::string("patellofemoral_") + sides[s] + "_bw");
        for (const char* q : {"VAS", "RF"}) {
            const int c = rec.table().index(std::string(q) + "_" + sides[s] + "_force_n");
            if (c >= 0) quads[s].push_back(&rec.table().col(c));
        }
    }
    Table out(names);
    out.reserve(rec.rows());
    std::vector<const std::vector<double>*> force_cols;
    for (const auto& m : muscles) force_cols.push_back(&rec.table().col(m.force_column));
    std::vector<std::array<const std::vector<double>*, 3>> jf(joints.size());
    for (std::size_t ji = 0; ji < joints.size(); ++ji)
        for (int a = 0; a < 3; ++a) jf[ji][a] = &loads.col(joints[ji].name + "_force_" + kAxes[a] + "_n");

    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> row(names.size());
    for (std::size_t k = 0; k < rec.rows(); ++k) {
        std::size_t c = 0;
        row[c++] = rec.time(k);
        const GeneralisedState st = rec.state(k);
        const BodyKinematics kin = forwardKinematics(model, st);
        for (std::size_t ji = 0; ji < joints.size(); ++ji) {
            Eigen::Vector3d f((*jf[ji][0])[k], (*jf[ji][1])[k], (*jf[ji][2])[k]);
            for (std::size_t m = 0; m < muscles.size(); ++m) {
                if (muscles[m].joint != int(ji)) continue;
                const double fm = std::max(0.0, (*force_cols[m])[k]);
                const Eigen::Vector3d u = line(model, kin, int(ji), muscles[m].muscle);
                f -= fm * u;
            }
            for (int a = 0; a < 3; ++a) row[c++] = f[a];
            row[c++] = f.allFinite() ? f.norm() / bw : nan;
            if (joints[ji].name == "lumbar") {
                // Compression: the proximal bone pushing the distal one away from it.
                const Eigen::Vector3d u = alongBoneLineOfAction(model, kin, int(ji), "");
                row[c++] = -f.dot(u) / bw;
            }
        }
        for (int s = 0; s < 2; ++s) {
            if (knee_coord[s] < 0) continue;
            if (quads[s].empty()) {
                row[c++] = nan;
                continue;
            }
            double fq = 0;
            for (const auto* q : quads[s]) fq += std::max(0.0, (*q)[k]);
            const double flexion_deg = -rad2deg(st.q[knee_coord[s]]);
            row[c++] = patellofemoralRatio(flexion_deg) * fq / bw;
        }
        out.addRow(row);
    }
    return out;
}

} // namespace rg
