#pragma once
/// Errors the engine reports. InputError is bad user input (a model, scene or option):
/// the CLI turns it into a message naming the file, the field and the allowed values, and
/// exit status 2.
#include <stdexcept>
#include <string>

namespace rg {

class InputError : public std::runtime_error {
public:
    /// file: the file (or "command line"); field: a JSON pointer-like path or option name;
    /// problem: what is wrong; allowed: what would be accepted.
    InputError(std::string file, std::string field, std::string problem, std::string allowed = "")
        : std::runtime_error(compose(file, field, problem, allowed)),
          file_(std::move(file)), field_(std::move(field)) {}
    const std::string& file() const { return file_; }
    const std::string& field() const { return field_; }

private:
    static std::string compose(const std::string& file, const std::string& field,
                               const std::string& problem, const std::string& allowed) {
        std::string m = file + ": field '" + field + "': " + problem;
        if (!allowed.empty()) m += " (allowed: " + allowed + ")";
        return m;
    }
    std::string file_, field_;
};

} // namespace rg
