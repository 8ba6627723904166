// Finding and loading the configuration for a command, with the error
// reporting every command shares (message on stderr, exit status 2).
#pragma once

#include <optional>

#include "cli/command.hpp"
#include "config/config.hpp"

namespace scholard::cli {

// Looks the config up (--config, $SCHOLARD_CONFIG, the current folder and
// those above it, ... see config::find_config_path),
// loads and validates it. On failure prints every problem to stderr and
// returns nullopt; the caller exits with k_exit_usage.
std::optional<config::Config> load_config_or_report(const Context& ctx);

// The same, keeping the file's bytes the config was parsed from (a command
// that needs their digest then reads the file once, not again).
std::optional<config::ConfigSnapshot> load_config_snapshot_or_report(const Context& ctx);

}  // namespace scholard::cli
