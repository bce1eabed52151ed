#include "engine/io/text_table.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace rg {

TextTable& TextTable::row() {
    rows_.emplace_back();
    return *this;
}

TextTable& TextTable::add(const std::string& text) {
    if (rows_.empty()) rows_.emplace_back();
    rows_.back().push_back(text);
    return *this;
}

TextTable& TextTable::add(double v) {
    if (!std::isfinite(v)) return add(std::string());
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return add(std::string(buf));
}

namespace {
std::string cell(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}
} // namespace

void TextTable::writeCsv(const std::string& path) const {
    std::ofstream o(path);
    if (!o) throw std::runtime_error("cannot write " + path);
    for (std::size_t c = 0; c < header_.size(); ++c) o << (c ? "," : "") << cell(header_[c]);
    o << "\n";
    for (const auto& r : rows_) {
        if (r.size() != header_.size()) throw std::runtime_error(path + ": a row has " + std::to_string(r.size()) +
                                                                 " cells, the header " + std::to_string(header_.size()));
        for (std::size_t c = 0; c < r.size(); ++c) o << (c ? "," : "") << cell(r[c]);
        o << "\n";
    }
    if (!o) throw std::runtime_error("cannot write " + path);
}

} // namespace rg
