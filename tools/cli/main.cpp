// retrogait: the headless command line (run, bench; more subcommands as they land).
// Exit status: 0 done (a fall or a numerical failure of the simulated walker is a result,
// reported in summary.json, not an error); 2 bad input; 3 an unexpected internal error.
#include "engine/core/error.hpp"
#include "engine/sim/experiment.hpp"

#include "cli_common.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"RetroGait: a muscle-driven 3D walker in Bullet that compares forward and backward walking.\n"
                 "Units: SI, angles in degrees in files. Exit status: 0 done, 2 bad input, 3 internal error."};
    app.require_subcommand(1);
    app.set_help_all_flag("--help-all", "Show help for every subcommand");
    auto cmds = rgcli::registry();
    std::stable_sort(cmds.begin(), cmds.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& c : cmds) c.second(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "retrogait: command line: " << e.what() << "\n(see 'retrogait --help')\n";
        return 2;
    } catch (const rg::InputError& e) {
        std::cerr << "retrogait: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "retrogait: internal error: " << e.what() << "\n";
        return 3;
    }
    return rgcli::exitCode();
}

namespace rgcli {
std::vector<std::pair<int, Register>>& registry() {
    static std::vector<std::pair<int, Register>> r;
    return r;
}
namespace {
int g_exit = 0;
}
int exitCode() { return g_exit; }
void setExitCode(int c) { g_exit = c; }
} // namespace rgcli
