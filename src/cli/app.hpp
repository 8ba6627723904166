// The scholard command line: global options, subcommands, exit statuses.
#pragma once

namespace scholard::cli {

// Parses argv, runs the chosen subcommand, returns the process exit status
// (scholard(1), EXIT STATUS: 0 ok, 1 partial, 2 usage/config, 3 fatal). Never throws.
int run(int argc, char** argv);

}  // namespace scholard::cli
