#include "engine/io/output_dir.hpp"

#include <filesystem>
#include <stdexcept>
#include <unistd.h>

namespace fs = std::filesystem;

namespace rg {

OutputDir::OutputDir(const std::string& final_path) : final_(final_path) {
    fs::path f = fs::absolute(final_path).lexically_normal();
    if (f.filename().empty()) f = f.parent_path();
    final_ = f.string();
    fs::create_directories(f.parent_path());
    temp_ = (f.parent_path() / ("." + f.filename().string() + ".partial-" + std::to_string(::getpid()))).string();
    fs::remove_all(temp_);
    fs::create_directories(temp_);
}

OutputDir::~OutputDir() {
    if (!committed_) {
        std::error_code ec;
        fs::remove_all(temp_, ec);
    }
}

std::string OutputDir::file(const std::string& name) const { return (fs::path(temp_) / name).string(); }

void OutputDir::commit() {
    std::error_code ec;
    fs::remove_all(final_, ec);
    fs::rename(temp_, final_);
    committed_ = true;
}

} // namespace rg
