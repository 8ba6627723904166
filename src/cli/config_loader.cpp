#include "cli/config_loader.hpp"

#include <cstdio>
#include <utility>

namespace scholard::cli {

std::optional<config::ConfigSnapshot> load_config_snapshot_or_report(const Context& ctx) {
  const auto env = config::Environment::from_process();
  auto path = config::find_config_path(ctx.config_path, env, config::file_exists_on_disk);
  if (!path) {
    std::fprintf(stderr, "scholard: %s\n", path.error().message.c_str());
    return std::nullopt;
  }
  auto snapshot = config::load_config_snapshot(*path, env);
  if (!snapshot) {
    std::fprintf(stderr, "scholard: invalid configuration:\n%s\n", snapshot.error().message.c_str());
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
