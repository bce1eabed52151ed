#pragma once
/// A time-series table: named columns of doubles (units in the names, e.g. "grf_r_y_n"),
/// the interchange format between the recorder, the analyses and the files (CSV, OpenSim
/// .mot/.sto), so every analysis can be re-run on saved outputs.
#include <string>
#include <vector>

namespace rg {

class Table {
public:
    Table() = default;
    explicit Table(std::vector<std::string> names);

    int addColumn(const std::string& name);               ///< before any row is added
    void addRow(const std::vector<double>& row);
    void reserve(std::size_t rows);
    std::size_t rows() const { return columns_.empty() ? 0 : columns_[0].size(); }
    std::size_t cols() const { return names_.size(); }
    const std::vector<std::string>& names() const { return names_; }
    int index(const std::string& name) const;             ///< -1 when absent
    bool has(const std::string& name) const { return index(name) >= 0; }
    /// Column by name; throws std::out_of_range naming the column when absent.
    const std::vector<double>& col(const std::string& name) const;
    const std::vector<double>& col(int i) const { return columns_[i]; }
    std::vector<double>& col(int i) { return columns_[i]; }
    double at(std::size_t row, int c) const { return columns_[c][row]; }
    /// A new table with the chosen columns (renamed when `rename` is given).
    Table select(const std::vector<std::string>& names, const std::vector<std::string>& rename = {}) const;

private:
    std::vector<std::string> names_;
    std::vector<std::vector<double>> columns_;
};

/// CSV with a header line; numbers printed with 17 significant digits (round-trips exactly).
void writeCsv(const Table& t, const std::string& path);
Table readCsv(const std::string& path);

/// OpenSim storage text format (.mot/.sto): name line, version=1, nRows, nColumns,
/// inDegrees, endheader, tab-separated header and rows. The first column must be time.
void writeOpenSim(const Table& t, const std::string& path, const std::string& name, bool in_degrees);
Table readOpenSim(const std::string& path);

} // namespace rg
