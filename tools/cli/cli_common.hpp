#pragma once
// Subcommand registration for the retrogait CLI. Each subcommand's callback runs inside
// CLI11's parse() so that InputError propagates to main's handler (exit 2).
#include <CLI/CLI.hpp>

namespace rgcli {

void addRunCommand(CLI::App& app);
void addBenchCommand(CLI::App& app);
/// The exit code a subcommand asked for (0 unless set).
int exitCode();
void setExitCode(int code);

} // namespace rgcli
