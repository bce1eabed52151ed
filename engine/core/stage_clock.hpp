#pragma once
/// Wall-clock timing of the stages of a step, for benchmarks (never part of a result).
#include <chrono>

namespace rg {

/// Adds the seconds since the last lap (or since construction) to a stage's total, when on.
class StageClock {
public:
    explicit StageClock(bool on) : on_(on) {
        if (on_) last_ = std::chrono::steady_clock::now();
    }
    void lap(double& total) {
        if (!on_) return;
        const auto now = std::chrono::steady_clock::now();
        total += std::chrono::duration<double>(now - last_).count();
        last_ = now;
    }

private:
    bool on_;
    std::chrono::steady_clock::time_point last_;
};

} // namespace rg
