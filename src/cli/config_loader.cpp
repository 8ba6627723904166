#include "cli/config_loader.hpp"

#include <utility>

#include "cli/style.hpp"

namespace scholard::cli {

std::optional<config::ConfigSnapshot> load_config_snapshot_or_report(const Context& ctx) {
  const auto env = config::Environment::from_process();
  auto path = config::find_config_path(ctx.config_path, env, config::file_exists_on_disk);
  if (!path) {
    print_error(path.error().message);
    return std::nullopt;
  }
  auto snapshot = config::load_config_snapshot(*path, env);
  if (!snapshot) {
    print_error("invalid configuration:\n" + snapshot.error().message);
    return std::nullopt;
  }
  return std::move(*snapshot);
}

std::optional<config::Config> load_config_or_report(const Context& ctx) {
  auto snapshot = load_config_snapshot_or_report(ctx);
  if (!snapshot) return std::nullopt;
  return std::move(snapshot->config);
}

}  // namespace scholard::cli
