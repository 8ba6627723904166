// The list of subcommands. Each is defined in its own cmd_<name>.cpp.
#pragma once

#include <vector>

#include "cli/command.hpp"

namespace scholard::cli {

using CommandRegistrar = void (*)(CLI::App& app, Context& ctx);

void add_sync_command(CLI::App& app, Context& ctx);
void add_daemon_command(CLI::App& app, Context& ctx);
void add_render_command(CLI::App& app, Context& ctx);
void add_list_command(CLI::App& app, Context& ctx);
void add_show_command(CLI::App& app, Context& ctx);
void add_history_command(CLI::App& app, Context& ctx);
void add_status_command(CLI::App& app, Context& ctx);
void add_export_command(CLI::App& app, Context& ctx);
void add_import_command(CLI::App& app, Context& ctx);
void add_add_command(CLI::App& app, Context& ctx);
void add_remove_command(CLI::App& app, Context& ctx);
void add_check_command(CLI::App& app, Context& ctx);
void add_pending_command(CLI::App& app, Context& ctx);
void add_accept_command(CLI::App& app, Context& ctx);
void add_reject_command(CLI::App& app, Context& ctx);
void add_init_command(CLI::App& app, Context& ctx);
void add_completion_command(CLI::App& app, Context& ctx);

// In the order `scholard --help` lists them.
const std::vector<CommandRegistrar>& command_registrars();

}  // namespace scholard::cli
