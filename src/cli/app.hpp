// The scholard command line: global options, subcommands, exit statuses,
// and the one format of its usage errors ("scholard: unknown command 'snyc';
// did you mean 'sync'?").
#pragma once

#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

namespace scholard::cli {

// Parses argv, runs the chosen subcommand, returns the process exit status
// (scholard(1), EXIT STATUS: 0 ok, 1 partial, 2 usage/config, 3 fatal). A bare
// `scholard` prints the usage and returns 2. Never throws.
int run(int argc, char** argv);

// "scholard 1.2.3", for --version and `scholard version`.
std::string version_text();

// "unknown command 'snyc'; did you mean 'sync'?" among `app`'s subcommands
// (the suggestion only when one is a likely typo, config::closest_key).
std::string unknown_command_message(const CLI::App& app, std::string_view name);

// "unknown option '--dryrun' for 'sync'; did you mean '--dry-run'?" among the
// long options of `command` (nullptr: none chosen) and the global ones.
// `token` is the option as written, "=VALUE" included.
std::string unknown_option_message(const CLI::App& app, const CLI::App* command, std::string_view token);

// The message for a CLI11 parse error other than --help/--version, without
// the "scholard: " prefix.
std::string describe_parse_error(const CLI::App& app, const CLI::ParseError& e);

}  // namespace scholard::cli
