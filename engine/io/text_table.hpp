#pragma once
/// A small table of text cells (labels and formatted numbers) written as CSV: for per-stride,
/// per-step and per-muscle results whose rows carry names (side, muscle) besides numbers.
#include <string>
#include <vector>

namespace rg {

class TextTable {
public:
    explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
    /// Starts a new row; fill it with add().
    TextTable& row();
    TextTable& add(const std::string& text);
    /// A number with 10 significant digits; NaN and infinities are written as empty cells.
    TextTable& add(double value);
    const std::vector<std::string>& header() const { return header_; }
    const std::vector<std::vector<std::string>>& rows() const { return rows_; }
    /// Writes CSV (cells containing commas or quotes are quoted). Throws std::runtime_error
    /// when a row has the wrong number of cells or the file cannot be written.
    void writeCsv(const std::string& path) const;

private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

} // namespace rg
