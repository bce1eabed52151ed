#include "engine/render/gait_plots.hpp"

#include <algorithm>
#include <stdexcept>

namespace rg {

GaitPlotData::GaitPlotData(std::vector<std::string> channels, double history_s, int cycle_points, int strides_in_mean)
    : channels_(std::move(channels)), history_s_(history_s), points_(cycle_points), keep_(strides_in_mean) {
    if (points_ < 2) throw std::invalid_argument("GaitPlotData: at least two cycle points");
    if (keep_ < 1) throw std::invalid_argument("GaitPlotData: keep at least one stride");
    history_.resize(channels_.size());
    stride_v_.resize(channels_.size());
}

int GaitPlotData::channelIndex(const std::string& name) const {
    for (int i = 0; i < int(channels_.size()); ++i)
        if (channels_[i] == name) return i;
    return -1;
}

void GaitPlotData::clear() { *this = GaitPlotData(channels_, history_s_, points_, keep_); }

std::vector<double> resampleLinear(const std::vector<double>& t, const std::vector<double>& v, double t0, double t1,
                                   int points) {
    if (t.empty() || t.size() != v.size()) throw std::invalid_argument("resampleLinear: empty or mismatched samples");
    std::vector<double> out(points);
    std::size_t k = 0;
    for (int i = 0; i < points; ++i) {
        const double ti = t0 + (t1 - t0) * i / (points - 1);
        while (k + 1 < t.size() && t[k + 1] < ti) ++k;
        if (ti <= t.front()) out[i] = v.front();
        else if (k + 1 >= t.size()) out[i] = v.back();
        else {
            const double a = (ti - t[k]) / (t[k + 1] - t[k]);
            out[i] = v[k] + a * (v[k + 1] - v[k]);
        }
    }
    return out;
}

void GaitPlotData::closeStride(double t_contact) {
    const double d = t_contact - stride_start_;
    if (!mixed_gait_ && d >= kMinStrideS && d <= kMaxStrideS && stride_t_.size() >= 2) {
        CycleCurves c;
        c.gait = stride_gait_;
        c.start_s = stride_start_;
        c.duration_s = d;
        for (const auto& v : stride_v_) c.values.push_back(resampleLinear(stride_t_, v, stride_start_, t_contact, points_));
        auto& list = strides_[int(stride_gait_)];
        list.push_back(std::move(c));
        while (int(list.size()) > keep_) list.pop_front();
    }
}

void GaitPlotData::add(double t, double fy, Gait gait, const std::vector<double>& values) {
    if (values.size() != channels_.size()) throw std::invalid_argument("GaitPlotData::add: wrong number of values");
    if (!times_.empty() && !(t > times_.back())) throw std::invalid_argument("GaitPlotData::add: time must increase");

    // Rolling history.
    times_.push_back(t);
    for (std::size_t c = 0; c < values.size(); ++c) history_[c].push_back(values[c]);
    while (!times_.empty() && times_.front() < t - history_s_) {
        times_.pop_front();
        for (auto& h : history_) h.pop_front();
    }
    while (!contact_times_.empty() && contact_times_.front() < t - history_s_) contact_times_.pop_front();

    // Initial contact with hysteresis.
    bool contact = false;
    if (!loaded_ && fy > kContactN) {
        loaded_ = true;
        contact = true;
    } else if (loaded_ && fy < kReleaseN) {
        loaded_ = false;
    }
    if (contact) {
        contact_times_.push_back(t);
        if (in_stride_) {
            // The contact sample belongs to both strides: the end of one, the start of the next.
            stride_t_.push_back(t);
            for (std::size_t c = 0; c < values.size(); ++c) stride_v_[c].push_back(values[c]);
            closeStride(t);
        }
        in_stride_ = true;
        mixed_gait_ = false;
        stride_gait_ = gait;
        stride_start_ = t;
        stride_t_.clear();
        for (auto& v : stride_v_) v.clear();
    }
    if (in_stride_) {
        if (gait != stride_gait_) mixed_gait_ = true;
        if (t - stride_start_ > kMaxStrideS) {
            in_stride_ = false;  // too long to be a stride: wait for the next contact
            return;
        }
        stride_t_.push_back(t);
        for (std::size_t c = 0; c < values.size(); ++c) stride_v_[c].push_back(values[c]);
    }
}

std::vector<double> GaitPlotData::meanCycle(Gait g, int channel) const {
    const auto& list = strides_[int(g)];
    if (list.empty() || channel < 0 || channel >= int(channels_.size())) return {};
    std::vector<double> m(points_, 0.0);
    for (const auto& s : list)
        for (int k = 0; k < points_; ++k) m[k] += s.values[channel][k];
    for (auto& x : m) x /= double(list.size());
    return m;
}

} // namespace rg
