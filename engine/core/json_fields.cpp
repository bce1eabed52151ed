#include "engine/core/json_fields.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

namespace rg {

namespace {
std::string range(double lo, double hi) {
    std::ostringstream s;
    s << "a number from " << lo << " to " << hi;
    return s.str();
}
std::string joinChoices(const std::vector<std::string>& c) {
    std::string s;
    for (std::size_t i = 0; i < c.size(); ++i) s += (i ? ", " : "") + ("\"" + c[i] + "\"");
    return s;
}
} // namespace

Json readJsonFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path, "(file)", "cannot be opened", "an existing readable JSON file");
    try {
        return Json::parse(in, nullptr, true, /*ignore_comments=*/true);
    } catch (const Json::parse_error& e) {
        throw InputError(path, "(file)", std::string("is not valid JSON: ") + e.what(),
                         "a JSON document");
    }
}

void Fields::fail(const std::string& key, const std::string& problem, const std::string& allowed) const {
    throw InputError(file_, where(key), problem, allowed);
}

const Json& Fields::at(const std::string& key) const {
    if (!j_.is_object()) throw InputError(file_, path_.empty() ? "(root)" : path_, "is not an object", "a JSON object");
    auto it = j_.find(key);
    if (it == j_.end()) fail(key, "is missing");
    return *it;
}

Fields Fields::object(const std::string& key) const {
    const Json& v = at(key);
    if (!v.is_object()) fail(key, "is not an object", "a JSON object");
    return Fields(v, file_, where(key));
}

std::vector<Fields> Fields::objects(const std::string& key) const {
    const Json& v = at(key);
    if (!v.is_array()) fail(key, "is not an array", "a JSON array of objects");
    std::vector<Fields> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const std::string p = where(key) + "/" + std::to_string(i);
        if (!v[i].is_object()) throw InputError(file_, p, "is not an object", "a JSON object");
        out.emplace_back(v[i], file_, p);
    }
    return out;
}

double Fields::number(const std::string& key, double lo, double hi) const {
    const Json& v = at(key);
    if (!v.is_number()) fail(key, "is not a number", range(lo, hi));
    const double x = v.get<double>();
    if (!std::isfinite(x) || x < lo || x > hi) {
        std::ostringstream s;
        s << "value " << x << " is out of range";
        fail(key, s.str(), range(lo, hi));
    }
    return x;
}

double Fields::number(const std::string& key, double lo, double hi, double fallback) const {
    return has(key) ? number(key, lo, hi) : fallback;
}

int Fields::integer(const std::string& key, int lo, int hi) const {
    const Json& v = at(key);
    if (!v.is_number_integer()) fail(key, "is not an integer", range(lo, hi));
    const long long x = v.get<long long>();
    if (x < lo || x > hi) fail(key, "value " + std::to_string(x) + " is out of range", range(lo, hi));
    return int(x);
}

bool Fields::boolean(const std::string& key, bool fallback) const {
    if (!has(key)) return fallback;
    const Json& v = at(key);
    if (!v.is_boolean()) fail(key, "is not a boolean", "true or false");
    return v.get<bool>();
}

std::string Fields::text(const std::string& key) const {
    const Json& v = at(key);
    if (!v.is_string()) fail(key, "is not a string", "a string");
    return v.get<std::string>();
}

std::string Fields::text(const std::string& key, const std::string& fallback) const {
    return has(key) ? text(key) : fallback;
}

std::string Fields::filePath(const std::string& key, const std::string& what) const {
    const std::string rel = text(key);
    const auto slash = file_.find_last_of('/');
    const std::string full = rel.empty() || rel[0] == '/' || slash == std::string::npos ? rel : file_.substr(0, slash + 1) + rel;
    if (rel.empty() || !std::ifstream(full)) fail(key, "no such file \"" + full + "\"", what + ", relative to " + file_);
    return full;
}

std::string Fields::choice(const std::string& key, const std::vector<std::string>& choices) const {
    const Json& v = at(key);
    if (!v.is_string()) fail(key, "is not a string", joinChoices(choices));
    const std::string s = v.get<std::string>();
    for (const auto& c : choices)
        if (c == s) return s;
    fail(key, "unknown value \"" + s + "\"", joinChoices(choices));
}

std::string Fields::choice(const std::string& key, const std::vector<std::string>& choices,
                           const std::string& fallback) const {
    return has(key) ? choice(key, choices) : fallback;
}

std::vector<double> Fields::numbers(const std::string& key, std::size_t n, double lo, double hi) const {
    const Json& v = at(key);
    const std::string allowed = "an array of " + std::to_string(n) + " numbers, each " + range(lo, hi);
    if (!v.is_array() || v.size() != n) fail(key, "is not an array of " + std::to_string(n) + " numbers", allowed);
    std::vector<double> out;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string p = where(key) + "/" + std::to_string(i);
        if (!v[i].is_number()) throw InputError(file_, p, "is not a number", allowed);
        const double x = v[i].get<double>();
        if (!std::isfinite(x) || x < lo || x > hi) throw InputError(file_, p, "value out of range", allowed);
        out.push_back(x);
    }
    return out;
}

std::vector<std::string> Fields::keys() const {
    std::vector<std::string> k;
    if (j_.is_object())
        for (auto it = j_.begin(); it != j_.end(); ++it) k.push_back(it.key());
    return k;
}

} // namespace rg
