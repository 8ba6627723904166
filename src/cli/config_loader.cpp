#include "cli/config_loader.hpp"

#include <cstdio>

namespace scholard::cli {

std::optional<config::Config> load_config_or_report(const Context& ctx) {
  const auto env = config::Environment::from_process();
  auto path = config::find_config_path(ctx.config_path, env, config::file_exists_on_disk);
  if (!path) {
    std::fprintf(stderr, "scholard: %s\n", path.error().message.c_str());
    return std::nullopt;
  }
  auto cfg = config::load_config(*path, env);
  if (!cfg) {
    std::fprintf(stderr, "scholard: invalid configuration:\n%s\n", cfg.error().message.c_str());
    return std::nullopt;
  }
  return std::move(*cfg);
}

}  // namespace scholard::cli
