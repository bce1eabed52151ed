#pragma once
/// Checked reading of JSON fields: every value read through a Fields object is checked for
/// presence, type and range, and a failure throws InputError naming the file and the full
/// field path (e.g. "joints/3/range_deg/0").
#include "engine/core/error.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace rg {

using Json = nlohmann::json;

/// Reads a JSON file; throws InputError (field "(file)") if it is missing or not valid JSON.
Json readJsonFile(const std::string& path);

class Fields {
public:
    Fields(const Json& j, std::string file, std::string path = "")
        : j_(j), file_(std::move(file)), path_(std::move(path)) {}

    bool has(const std::string& key) const { return j_.is_object() && j_.contains(key); }
    /// Sub-object (required).
    Fields object(const std::string& key) const;
    /// Sub-array of objects (required); each element as a Fields.
    std::vector<Fields> objects(const std::string& key) const;
    double number(const std::string& key, double lo, double hi) const;
    double number(const std::string& key, double lo, double hi, double fallback) const;
    int integer(const std::string& key, int lo, int hi) const;
    bool boolean(const std::string& key, bool fallback) const;
    std::string text(const std::string& key) const;
    std::string text(const std::string& key, const std::string& fallback) const;
    /// A path to an existing file, relative to this file's folder unless absolute.
    std::string filePath(const std::string& key, const std::string& what) const;
    /// A string that must be one of `choices`.
    std::string choice(const std::string& key, const std::vector<std::string>& choices) const;
    std::string choice(const std::string& key, const std::vector<std::string>& choices,
                       const std::string& fallback) const;
    /// A fixed-length array of numbers, each in [lo, hi].
    std::vector<double> numbers(const std::string& key, std::size_t n, double lo, double hi) const;
    /// Names of the object's members (for maps keyed by name).
    std::vector<std::string> keys() const;

    [[noreturn]] void fail(const std::string& key, const std::string& problem,
                           const std::string& allowed = "") const;
    std::string where(const std::string& key) const { return path_.empty() ? key : path_ + "/" + key; }
    const std::string& file() const { return file_; }
    const Json& json() const { return j_; }

private:
    const Json& at(const std::string& key) const;
    const Json& j_;
    std::string file_, path_;
};

} // namespace rg
