#pragma once
/// The data behind the studio's live plots: a rolling history of named signals, and the same
/// signals cut into strides at the right foot's initial contacts and resampled to the gait
/// cycle (0–100 %), with the mean cycle of each walking direction. GL-free.
#include "engine/model/scene_desc.hpp"

#include <deque>
#include <string>
#include <vector>

namespace rg {

/// One resampled stride: values[channel][point], point k at k / (points − 1) of the cycle.
struct CycleCurves {
    Gait gait = Gait::Forward;
    double start_s = 0, duration_s = 0;
    std::vector<std::vector<double>> values;
};

class GaitPlotData {
public:
    /// `history_s`: seconds of rolling history kept; `cycle_points`: samples per cycle (>= 2);
    /// `strides_in_mean`: the last this many strides of each direction form its mean.
    explicit GaitPlotData(std::vector<std::string> channels, double history_s = 6.0, int cycle_points = 101,
                          int strides_in_mean = 10);

    /// Initial contact: the foot's vertical force rises through this (N) after having been
    /// below kReleaseN (hysteresis against noise), as force-plate event detection does.
    static constexpr double kContactN = 20.0;
    static constexpr double kReleaseN = 10.0;
    /// Strides outside this duration (s) are discarded (a stumble, a pause, a standing phase).
    static constexpr double kMinStrideS = 0.4, kMaxStrideS = 3.0;

    /// Adds one sample (times strictly increasing): the right foot's vertical ground reaction
    /// force (N) marks the strides; `values` in channel order.
    void add(double time_s, double right_vertical_grf_n, Gait gait, const std::vector<double>& values);
    void clear();

    const std::vector<std::string>& channels() const { return channels_; }
    int channelIndex(const std::string& name) const;   ///< -1 when absent
    const std::deque<double>& times() const { return times_; }
    const std::deque<double>& history(int channel) const { return history_[channel]; }
    /// Times of the right foot's initial contacts within the history.
    const std::deque<double>& contacts() const { return contact_times_; }

    int cyclePoints() const { return points_; }
    /// Completed strides of a direction (the last strides_in_mean of them).
    const std::deque<CycleCurves>& strides(Gait g) const { return strides_[int(g)]; }
    /// Mean curve of a channel over the kept strides of a direction (empty when none).
    std::vector<double> meanCycle(Gait g, int channel) const;

private:
    void closeStride(double t_contact);

    std::vector<std::string> channels_;
    double history_s_;
    int points_;
    int keep_;
    std::deque<double> times_;
    std::vector<std::deque<double>> history_;
    std::deque<double> contact_times_;
    // The stride in progress: samples since the last initial contact.
    bool in_stride_ = false, loaded_ = false;
    bool mixed_gait_ = false;
    Gait stride_gait_ = Gait::Forward;
    double stride_start_ = 0;
    std::vector<double> stride_t_;
    std::vector<std::vector<double>> stride_v_;
    std::deque<CycleCurves> strides_[2];
};

/// Linear resampling of (t, v) (t ascending, at least one sample) at `points` evenly spaced
/// times from t0 to t1.
std::vector<double> resampleLinear(const std::vector<double>& t, const std::vector<double>& v, double t0, double t1,
                                   int points);

} // namespace rg
