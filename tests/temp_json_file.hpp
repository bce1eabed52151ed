#pragma once
// Test support shared by the test areas: a JSON document written to a temporary file.
#include "engine/core/json_fields.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace rg {

/// Writes a JSON document to <build bin dir>/<stem>_<pid>.json (named for this process: ctest runs
/// the test cases in parallel, each in its own process) and removes the file when it goes out of
/// scope, also when a check or a loader throws.
class TempJsonFile {
public:
    TempJsonFile(const Json& j, const std::string& stem, int indent = -1)
        : path_(std::string(RETROGAIT_BIN_DIR) + "/" + stem + "_" + std::to_string(::getpid()) + ".json") {
        std::ofstream(path_) << j.dump(indent);
    }
    ~TempJsonFile() { std::remove(path_.c_str()); }
    TempJsonFile(const TempJsonFile&) = delete;
    TempJsonFile& operator=(const TempJsonFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

} // namespace rg
