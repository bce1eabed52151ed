#include "engine/analysis/stability.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace rg {

SurfaceFrame SurfaceFrame::of(double incline_percent, double travel, double gravity) {
    // As engine/physics: the surface is rotated about +z by travel·atan(grade).
    const double a = travel * std::atan(incline_percent / 100.0);
    SurfaceFrame s;
    s.tangent = {std::cos(a), std::sin(a), 0.0};
    s.normal = {-std::sin(a), std::cos(a), 0.0};
    s.travel = travel;
    s.gravity = gravity;
    return s;
}

FootSole footSole(const Model& model, int side) {
    const int seg = model.segmentIndex(side == 0 ? "foot_r" : "foot_l");
    if (seg < 0) throw std::runtime_error("the model has no foot_r / foot_l segment");
    for (const ShapeDesc& sh : model.segments()[seg].shapes) {
        if (sh.type != ShapeType::Box) continue;
        const Eigen::Vector3d c(sh.centre[0], sh.centre[1], sh.centre[2]);
        const Eigen::Vector3d h(sh.size[0] / 2, sh.size[1] / 2, sh.size[2] / 2);
        const double lateral = side == 0 ? 1.0 : -1.0;  // +z is the walker's right
        FootSole s;
        s.heel = c + Eigen::Vector3d(-h.x(), -h.y(), 0);
        s.toe = c + Eigen::Vector3d(h.x(), -h.y(), 0);
        s.corners = {c + Eigen::Vector3d(-h.x(), -h.y(), -lateral * h.z()), c + Eigen::Vector3d(-h.x(), -h.y(), lateral * h.z()),
                     c + Eigen::Vector3d(h.x(), -h.y(), -lateral * h.z()), c + Eigen::Vector3d(h.x(), -h.y(), lateral * h.z())};
        return s;
    }
    throw std::runtime_error("the model's foot segment has no box shape (needed for the sole)");
}

double legLength(const Model& model) {
    GeneralisedState st;
    st.q = model.neutralPose();
    st.qd = Eigen::VectorXd::Zero(st.q.size());
    const BodyKinematics kin = forwardKinematics(model, st);
    const int thigh = model.segmentIndex("thigh_r"), foot = model.segmentIndex("foot_r");
    if (thigh < 0 || foot < 0) throw std::runtime_error("the model has no thigh_r / foot_r segment");
    double sole = 1e9;
    for (const auto& c : footSole(model, 0).corners) sole = std::min(sole, kin.segments[foot].point(c).y());
    return kin.segments[thigh].origin.y() - sole;
}

std::vector<StepStability> marginsOfStability(const Recording& rec, const GaitEvents& events, const SurfaceFrame& surface) {
    std::vector<StepStability> out;
    const Model& model = rec.model();
    const double w0 = std::sqrt(surface.gravity / legLength(model));
    const FootSole sole[2] = {footSole(model, 0), footSole(model, 1)};
    const int foot_seg[2] = {model.segmentIndex("foot_r"), model.segmentIndex("foot_l")};
    const auto* belt = rec.column("belt_speed_m_per_s");
    const auto &cx = rec.table().col("com_x_m"), &cz = rec.table().col("com_z_m");
    const auto &vx = rec.table().col("com_vx_m_per_s"), &vz = rec.table().col("com_vz_m_per_s");
    auto inContact = [&](int side, double t) {
        for (const auto& c : events.contacts[side])
            if (t >= c.first && t < c.second) return true;
        return false;
    };
    for (const GaitEvent& e : events.events) {
        if (e.type != GaitEventType::InitialContact || e.row >= rec.rows()) continue;
        const std::size_t k = e.row;
        // Velocity relative to the surface under the feet: the belt moves at −belt_speed along the tangent.
        const double belt_vx = belt ? -(*belt)[k] * surface.tangent.x() : 0.0;
        const double xcom_x = cx[k] + (vx[k] - belt_vx) / w0;
        const double xcom_z = cz[k] + vz[k] / w0;
        const BodyKinematics kin = forwardKinematics(model, rec.state(k));
        double front = -1e9, rear = 1e9, lateral = 0;
        for (int s = 0; s < 2; ++s) {
            if (s != e.side && !inContact(s, rec.time(k))) continue;
            for (const auto& c : sole[s].corners) {
                const Eigen::Vector3d p = kin.segments[foot_seg[s]].point(c);
                front = std::max(front, p.x());
                rear = std::min(rear, p.x());
            }
        }
        // Lateral edge of the landing foot: its outermost sole corner (+z right, −z left).
        const double out_dir = e.side == 0 ? 1.0 : -1.0;
        lateral = -1e9;
        for (const auto& c : sole[e.side].corners)
            lateral = std::max(lateral, out_dir * kin.segments[foot_seg[e.side]].point(c).z());
        StepStability st;
        st.side = e.side;
        st.time = e.time;
        st.anterior = front - xcom_x;
        st.posterior = xcom_x - rear;
        st.medial_lateral = lateral - out_dir * xcom_z;
        out.push_back(st);
    }
    return out;
}

std::vector<SwingClearance> minimumFootClearance(const Recording& rec, const GaitEvents& events, const SurfaceFrame& surface) {
    std::vector<SwingClearance> out;
    const Model& model = rec.model();
    for (int side = 0; side < 2; ++side) {
        const int seg = model.segmentIndex(side == 0 ? "foot_r" : "foot_l");
        const FootSole sole = footSole(model, side);
        const Eigen::Vector3d lead = surface.travel >= 0 ? sole.toe : sole.heel;
        const auto& contacts = events.contacts[side];
        for (std::size_t i = 0; i + 1 < contacts.size(); ++i) {
            const double t0 = contacts[i].second, t1 = contacts[i + 1].first;
            if (!(t1 > t0)) continue;
            std::vector<double> ts, hs;
            for (std::size_t k = 0; k < rec.rows(); ++k) {
                const double t = rec.time(k);
                if (t < t0 || t > t1) continue;
                const BodyKinematics kin = forwardKinematics(model, rec.state(k));
                ts.push_back(t);
                hs.push_back(surface.normal.dot(kin.segments[seg].point(lead)));
            }
            if (ts.size() < 3) continue;
            SwingClearance c;
            c.side = side;
            c.start = t0;
            c.end = t1;
            c.clearance = 1e9;
            const double T = t1 - t0;
            for (std::size_t k = 1; k + 1 < ts.size(); ++k) {
                const double f = (ts[k] - t0) / T;
                if (f < 0.1 || f > 0.9) continue;
                if (hs[k] <= hs[k - 1] && hs[k] <= hs[k + 1] && hs[k] < c.clearance) {
                    c.clearance = hs[k];
                    c.time = ts[k];
                }
            }
            if (c.clearance == 1e9) {
                for (std::size_t k = 0; k < ts.size(); ++k) {
                    const double f = (ts[k] - t0) / T;
                    if (f >= 0.25 && f <= 0.75 && hs[k] < c.clearance) {
                        c.clearance = hs[k];
                        c.time = ts[k];
                    }
                }
            }
            if (c.clearance != 1e9) out.push_back(c);
        }
    }
    std::sort(out.begin(), out.end(), [](const SwingClearance& a, const SwingClearance& b) { return a.start < b.start; });
    return out;
}

} // namespace rg
