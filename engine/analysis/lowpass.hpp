#pragma once
/// Zero-lag low-pass filtering of uniformly sampled signals, as force-plate data are processed:
/// a second-order Butterworth filter (bilinear transform with a pre-warped cut-off) run forward
/// and then backward, so the phase cancels. The amplitude response of the two passes is
/// 1 / (1 + (f/fc)^4) (0.5 at the cut-off), and a constant signal passes unchanged.
#include <vector>

namespace rg {

/// x sampled every dt seconds, cut-off fc in Hz (0 < fc < 0.5/dt, else std::invalid_argument).
/// Each pass starts in the steady state of its first input sample, so a signal that starts
/// or ends flat has no start-up transient.
std::vector<double> lowpassZeroLag(const std::vector<double>& x, double dt, double fc);

} // namespace rg
