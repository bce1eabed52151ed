#pragma once
/// Writes a run's files into a temporary sibling folder and moves it into place only when
/// everything was written (commit()), so an interrupted or failed run leaves no partial output.
#include <string>

namespace rg {

class OutputDir {
public:
    explicit OutputDir(const std::string& final_path);
    ~OutputDir();  ///< removes the temporary folder unless committed
    OutputDir(const OutputDir&) = delete;
    OutputDir& operator=(const OutputDir&) = delete;
    /// Path of a file inside the temporary folder.
    std::string file(const std::string& name) const;
    const std::string& tempPath() const { return temp_; }
    /// Replaces final_path (if it exists) with the written folder.
    void commit();

private:
    std::string final_, temp_;
    bool committed_ = false;
};

} // namespace rg
