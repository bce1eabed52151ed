#include "engine/analysis/gait_cycle.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rg {

namespace {
/// The piecewise-linear signal restricted to [t0, t1]: interpolated end points plus the
/// samples strictly inside.
void window(const std::vector<double>& t, const std::vector<double>& x, double t0, double t1, std::vector<double>& wt,
            std::vector<double>& wx) {
    wt.clear();
    wx.clear();
    if (t.empty() || !(t1 >= t0)) return;
    wt.push_back(t0);
    wx.push_back(interpolateAt(t, x, t0));
    auto it = std::upper_bound(t.begin(), t.end(), t0);
    for (; it != t.end() && *it < t1; ++it) {
        wt.push_back(*it);
        wx.push_back(x[std::size_t(it - t.begin())]);
    }
    wt.push_back(t1);
    wx.push_back(interpolateAt(t, x, t1));
}
} // namespace

double interpolateAt(const std::vector<double>& t, const std::vector<double>& x, double time) {
    if (t.empty()) return std::numeric_limits<double>::quiet_NaN();
    if (time <= t.front()) return x.front();
    if (time >= t.back()) return x.back();
    const std::size_t k = std::size_t(std::upper_bound(t.begin(), t.end(), time) - t.begin());
    const double a = (time - t[k - 1]) / (t[k] - t[k - 1]);
    return x[k - 1] + a * (x[k] - x[k - 1]);
}

std::vector<double> normaliseToCycle(const std::vector<double>& t, const std::vector<double>& x, double t0, double t1, int n) {
    std::vector<double> out(std::size_t(std::max(n, 0)));
    for (int i = 0; i < n; ++i) out[i] = interpolateAt(t, x, t0 + (t1 - t0) * (n > 1 ? double(i) / (n - 1) : 0.0));
    return out;
}

MeanSd meanSd(const std::vector<std::vector<double>>& curves) {
    MeanSd r;
    if (curves.empty()) return r;
    const std::size_t n = curves[0].size();
    r.mean.assign(n, 0.0);
    r.sd.assign(n, 0.0);
    std::vector<double> column(curves.size());
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t c = 0; c < curves.size(); ++c) column[c] = curves[c][i];
        r.mean[i] = mean(column);
        r.sd[i] = sampleSd(column);
    }
    return r;
}

double mean(const std::vector<double>& v) {
    if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
    double s = 0;
    for (double x : v) s += x;
    return s / double(v.size());
}

double sampleSd(const std::vector<double>& v) {
    if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
    if (v.size() == 1) return 0.0;
    const double m = mean(v);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return std::sqrt(s / double(v.size() - 1));
}

double integrate(const std::vector<double>& t, const std::vector<double>& x, double t0, double t1) {
    std::vector<double> wt, wx;
    window(t, x, t0, t1, wt, wx);
    double s = 0;
    for (std::size_t k = 1; k < wt.size(); ++k) s += 0.5 * (wx[k] + wx[k - 1]) * (wt[k] - wt[k - 1]);
    return s;
}

double timeAverage(const std::vector<double>& t, const std::vector<double>& x, double t0, double t1) {
    if (!(t1 > t0)) return std::numeric_limits<double>::quiet_NaN();
    return integrate(t, x, t0, t1) / (t1 - t0);
}

double maxOver(const std::vector<double>& t, const std::vector<double>& x, double t0, double t1) {
    std::vector<double> wt, wx;
    window(t, x, t0, t1, wt, wx);
    return wx.empty() ? std::numeric_limits<double>::quiet_NaN() : *std::max_element(wx.begin(), wx.end());
}

double minOver(const std::vector<double>& t, const std::vector<double>& x, double t0, double t1) {
    std::vector<double> wt, wx;
    window(t, x, t0, t1, wt, wx);
    return wx.empty() ? std::numeric_limits<double>::quiet_NaN() : *std::min_element(wx.begin(), wx.end());
}

Work integrateWork(const std::vector<double>& t, const std::vector<double>& p, double t0, double t1) {
    std::vector<double> wt, wp;
    window(t, p, t0, t1, wt, wp);
    Work w;
    for (std::size_t k = 1; k < wt.size(); ++k) {
        const double a = wp[k - 1], b = wp[k], dt = wt[k] - wt[k - 1];
        if ((a >= 0) == (b >= 0)) {
            const double area = 0.5 * (a + b) * dt;
            (area >= 0 ? w.positive : w.negative) += area;
        } else {
            // Linear between samples: the zero crossing splits the interval into two triangles.
            const double tc = dt * a / (a - b);
            const double first = 0.5 * a * tc, second = 0.5 * b * (dt - tc);
            (first >= 0 ? w.positive : w.negative) += first;
            (second >= 0 ? w.positive : w.negative) += second;
        }
    }
    return w;
}

} // namespace rg
