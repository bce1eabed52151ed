#pragma once
// Benchmark cases of `retrogait bench`; each bench_*.cpp registers its own with a static
// BenchRegistrar (figures only, never a pass/fail on time).
#include "engine/core/error.hpp"

#include <functional>
#include <string>
#include <vector>

namespace rgcli {

struct BenchOptions {
    double seconds = 10.0;  ///< simulated seconds per case (a case may scale it)
};

struct BenchCase {
    std::string name;
    int order;
    std::function<void(const BenchOptions&)> run;
};

std::vector<BenchCase>& benchCases();

struct BenchRegistrar {
    BenchRegistrar(std::string name, int order, std::function<void(const BenchOptions&)> run) {
        benchCases().push_back({std::move(name), order, std::move(run)});
    }
};

} // namespace rgcli
