#include "cli/commands.hpp"

namespace scholard::cli {

const std::vector<CommandRegistrar>& command_registrars() {
  // Only commands that work are listed: each later feature adds its own line.
  static const std::vector<CommandRegistrar> registrars = {
      add_check_command,
  };
  return registrars;
}

}  // namespace scholard::cli
