// retrogait: the headless command line (run, bench; more subcommands as they land).
// Exit status: 0 success, 1 the simulation ended in a fall or numerical failure is NOT an
// error (still 0, reported in summary.json); 2 bad input; 3 an unexpected internal error.
#include "engine/core/error.hpp"
#include "engine/sim/experiment.hpp"

#include "cli_common.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"RetroGait: a muscle-driven 3D walker in Bullet that compares forward and backward walking.\n"
                 "Units: SI, angles in degrees in files. Exit status: 0 done, 2 bad input, 3 internal error."};
    app.require_subcommand(1);
    app.set_help_all_flag("--help-all", "Show help for every subcommand");
    rgcli::addRunCommand(app);
    rgcli::addBenchCommand(app);
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
