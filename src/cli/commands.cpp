#include "cli/commands.hpp"

namespace scholard::cli {

const std::vector<CommandRegistrar>& command_registrars() {
  // Only commands that work are listed: each later feature adds its own line.
  static const std::vector<CommandRegistrar> registrars = {
      add_sync_command,    add_daemon_command, add_render_command, add_list_command,   add_show_command,
      add_history_command, add_status_command, add_export_command, add_check_command,
      add_import_command,
      add_add_command,
      add_remove_command,
      add_pending_command,
      add_accept_command,
      add_reject_command,
      add_init_command,
      add_completion_command,
  };
  return registrars;
}

}  // namespace scholard::cli
