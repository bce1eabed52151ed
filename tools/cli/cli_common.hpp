#pragma once
// Subcommand registration for the retrogait CLI. Each cmd_*.cpp registers its subcommand
// with a static Registrar, so adding a subcommand touches no shared file. Callbacks run inside
// CLI11's parse(), so an rg::InputError propagates to main's handler (exit status 2).
#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace rgcli {

using Register = std::function<void(CLI::App&)>;
/// Subcommands in registration order, sorted by `order` when added to the app.
std::vector<std::pair<int, Register>>& registry();

struct Registrar {
    Registrar(int order, Register r) { registry().emplace_back(order, std::move(r)); }
};

/// The exit code a subcommand asked for (0 unless set).
int exitCode();
void setExitCode(int code);

} // namespace rgcli
