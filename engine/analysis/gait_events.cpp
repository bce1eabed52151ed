#include "engine/analysis/gait_events.hpp"

#include <algorithm>

namespace rg {

std::optional<GaitEventType> ContactEventDetector::update(double f) {
    if (!contact_ && f > opt_.on_threshold_n) {
        contact_ = true;
        return GaitEventType::InitialContact;
    }
    if (contact_ && f < opt_.off_threshold_n) {
        contact_ = false;
        return GaitEventType::ToeOff;
    }
    return std::nullopt;
}

std::optional<GaitEvent> ContactEventDetector::update(double time, double f) {
    if (!started_) {
        started_ = true;
        raw_ = contact_ = f > opt_.on_threshold_n;
        pending_ = false;
        return std::nullopt;
    }
    // Has the raw state held for the minimum phase since `since`?
    auto lasted = [&](double since) { return time - since + 1e-12 >= opt_.min_phase_s; };
    // The hysteresis state of the force, and since when it has held.
    const bool raw = raw_ ? !(f < opt_.off_threshold_n) : f > opt_.on_threshold_n;
    if (raw != raw_) {
        // A load in flight starts a contact, unless it ends a flight shorter than the minimum
        // phase within a pending contact (merged into it, as offline).
        if (raw && !contact_ && !(pending_ && !lasted(raw_since_))) {
            pending_ = true;
            pending_since_ = time;
        }
        raw_ = raw;
        raw_since_ = time;
    }
    GaitEvent e;
    if (contact_) {
        // In contact, unloads shorter than the minimum phase are merged away.
        if (raw_ || !lasted(raw_since_)) return std::nullopt;
        contact_ = false;
        pending_ = false;
        e.type = GaitEventType::ToeOff;
        e.time = raw_since_;
        return e;
    }
    // In flight, a pending contact counts once it has lasted the minimum phase while loaded.
    if (!pending_ || !raw_ || !lasted(pending_since_)) return std::nullopt;
    contact_ = true;
    pending_ = false;
    e.type = GaitEventType::InitialContact;
    e.time = pending_since_;
    return e;
}

namespace {

struct Interval {
    double start, end;
    bool real_start, real_end;   // false where the recording begins or ends inside the contact
};

double crossing(const std::vector<double>& t, const std::vector<double>& f, std::size_t k, double level) {
    const double df = f[k] - f[k - 1];
    if (df == 0) return t[k];
    const double a = std::clamp((level - f[k - 1]) / df, 0.0, 1.0);
    return t[k - 1] + a * (t[k] - t[k - 1]);
}

std::vector<Interval> contactIntervals(const std::vector<double>& t, const std::vector<double>& f, const GaitEventOptions& o) {
    std::vector<Interval> out;
    if (t.empty()) return out;
    bool on = f[0] > o.on_threshold_n;
    if (on) out.push_back({t[0], t.back(), false, false});
    for (std::size_t k = 1; k < t.size(); ++k) {
        if (!on && f[k] > o.on_threshold_n) {
            on = true;
            out.push_back({crossing(t, f, k, o.on_threshold_n), t.back(), true, false});
        } else if (on && f[k] < o.off_threshold_n) {
            on = false;
            out.back().end = crossing(t, f, k, o.off_threshold_n);
            out.back().real_end = true;
        }
    }
    // Merge flights shorter than the minimum phase, then drop contacts shorter than it.
    std::vector<Interval> merged;
    for (const auto& c : out) {
        if (!merged.empty() && merged.back().real_end && c.start - merged.back().end < o.min_phase_s) {
            merged.back().end = c.end;
            merged.back().real_end = c.real_end;
        } else {
            merged.push_back(c);
        }
    }
    std::vector<Interval> kept;
    for (const auto& c : merged)
        if (!(c.real_start && c.real_end && c.end - c.start < o.min_phase_s)) kept.push_back(c);
    return kept;
}

std::size_t rowAt(const std::vector<double>& t, double time) {
    return std::size_t(std::lower_bound(t.begin(), t.end(), time) - t.begin());
}

} // namespace

GaitEvents detectGaitEvents(const std::vector<double>& t, const std::vector<double>& fr, const std::vector<double>& fl,
                            const GaitEventOptions& o) {
    GaitEvents e;
    const std::vector<double>* f[2] = {&fr, &fl};
    for (int s = 0; s < 2; ++s) {
        const auto iv = contactIntervals(t, *f[s], o);
        for (std::size_t i = 0; i < iv.size(); ++i) {
            e.contacts[s].push_back({iv[i].start, iv[i].end});
            if (iv[i].real_start) e.events.push_back({s, GaitEventType::InitialContact, iv[i].start, rowAt(t, iv[i].start)});
            if (iv[i].real_end) e.events.push_back({s, GaitEventType::ToeOff, iv[i].end, rowAt(t, iv[i].end)});
            if (i + 1 < iv.size() && iv[i].real_start && iv[i].real_end && iv[i + 1].real_start &&
                iv[i + 1].start - iv[i].start >= o.min_stride_s) {
                Stride st;
                st.side = s;
                st.start = iv[i].start;
                st.toe_off = iv[i].end;
                st.end = iv[i + 1].start;
                st.start_row = rowAt(t, st.start);
                st.end_row = rowAt(t, st.end);
                e.strides[s].push_back(st);
            }
        }
    }
    std::stable_sort(e.events.begin(), e.events.end(), [](const GaitEvent& a, const GaitEvent& b) { return a.time < b.time; });
    return e;
}

GaitEvents detectGaitEvents(const Table& rec, const Eigen::Vector3d& n, const GaitEventOptions& o) {
    const auto& t = rec.col("time_s");
    std::vector<double> f[2];
    const char* sides[2] = {"r", "l"};
    for (int s = 0; s < 2; ++s) {
        const std::string p = std::string("grf_") + sides[s] + "_";
        const auto &x = rec.col(p + "x_n"), &y = rec.col(p + "y_n"), &z = rec.col(p + "z_n");
        f[s].resize(t.size());
        for (std::size_t k = 0; k < t.size(); ++k) f[s][k] = n.x() * x[k] + n.y() * y[k] + n.z() * z[k];
    }
    return detectGaitEvents(t, f[0], f[1], o);
}

double doubleSupportTime(const GaitEvents& e, double t0, double t1) {
    double total = 0;
    for (const auto& a : e.contacts[0])
        for (const auto& b : e.contacts[1]) {
            const double lo = std::max({a.first, b.first, t0}), hi = std::min({a.second, b.second, t1});
            if (hi > lo) total += hi - lo;
        }
    return total;
}

} // namespace rg
