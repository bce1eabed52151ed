#include "engine/io/table.hpp"

#include <charconv>
#include <limits>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace rg {

Table::Table(std::vector<std::string> names) : names_(std::move(names)), columns_(names_.size()) {}

int Table::addColumn(const std::string& name) {
    names_.push_back(name);
    columns_.emplace_back();
    return int(names_.size()) - 1;
}

void Table::addRow(const std::vector<double>& row) {
    if (row.size() != names_.size()) throw std::invalid_argument("Table::addRow: wrong number of values");
    for (std::size_t i = 0; i < row.size(); ++i) columns_[i].push_back(row[i]);
}

void Table::reserve(std::size_t n) {
    for (auto& c : columns_) c.reserve(n);
}

int Table::index(const std::string& name) const {
    for (std::size_t i = 0; i < names_.size(); ++i)
        if (names_[i] == name) return int(i);
    return -1;
}

const std::vector<double>& Table::col(const std::string& name) const {
    const int i = index(name);
    if (i < 0) throw std::out_of_range("no column named '" + name + "'");
    return columns_[i];
}

Table Table::select(const std::vector<std::string>& names, const std::vector<std::string>& rename) const {
    Table out(rename.empty() ? names : rename);
    for (std::size_t i = 0; i < names.size(); ++i) out.columns_[i] = col(names[i]);
    return out;
}

namespace {
// Appends v as printf's "%.17g" would write it (std::to_chars with a precision is specified to
// give printf's text, and is several times faster than snprintf): enough digits to read back the
// same double.
void appendNumber(std::string& out, double v) {
    char buf[40];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 17);
    out.append(buf, r.ptr);
}
// Writes the table's rows, columns separated by sep, a row's text built in memory and written at once.
void writeRows(std::ostream& o, const Table& t, char sep) {
    std::string line;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        line.clear();
        for (std::size_t c = 0; c < t.cols(); ++c) {
            if (c) line += sep;
            appendNumber(line, t.at(r, int(c)));
        }
        line += '\n';
        o.write(line.data(), std::streamsize(line.size()));
    }
}
std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream s(line);
    while (std::getline(s, cur, sep)) out.push_back(cur);
    return out;
}
double parseNumber(const std::string& s, const std::string& path) {
    if (s == "nan" || s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    std::size_t used = 0;
    double v = std::stod(s, &used);
    if (used == 0) throw std::runtime_error(path + ": not a number: '" + s + "'");
    return v;
}
} // namespace

void writeCsv(const Table& t, const std::string& path) {
    std::ofstream o(path);
    if (!o) throw std::runtime_error("cannot write " + path);
    for (std::size_t c = 0; c < t.cols(); ++c) o << (c ? "," : "") << t.names()[c];
    o << "\n";
    writeRows(o, t, ',');
}

Table readCsv(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::string line;
    std::getline(in, line);
    Table t(split(line, ','));
    std::vector<double> row;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        row.clear();
        for (const auto& f : split(line, ',')) row.push_back(parseNumber(f, path));
        t.addRow(row);
    }
    return t;
}

void writeOpenSim(const Table& t, const std::string& path, const std::string& name, bool in_degrees) {
    std::ofstream o(path);
    if (!o) throw std::runtime_error("cannot write " + path);
    o << name << "\nversion=1\nnRows=" << t.rows() << "\nnColumns=" << t.cols()
      << "\ninDegrees=" << (in_degrees ? "yes" : "no") << "\nendheader\n";
    for (std::size_t c = 0; c < t.cols(); ++c) o << (c ? "\t" : "") << t.names()[c];
    o << "\n";
    writeRows(o, t, '\t');
}

Table readOpenSim(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("endheader", 0) == 0) break;
    if (!std::getline(in, line)) throw std::runtime_error(path + ": no column header after endheader");
    Table t(split(line, '\t'));
    std::vector<double> row;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        row.clear();
        for (const auto& f : split(line, '\t')) row.push_back(parseNumber(f, path));
        t.addRow(row);
    }
    return t;
}

} // namespace rg
