// `scholard daemon`: run the scheduler until SIGTERM; SIGHUP reloads the config.
#include "cli/commands.hpp"
#include "cli/config_loader.hpp"
#include "daemon/service.hpp"

namespace scholard::cli {

void add_daemon_command(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand("daemon", "run the scheduler until SIGTERM; SIGHUP reloads the config");
  ctx.on_run(sub, [&ctx] {
    auto cfg = load_config_or_report(ctx);
    if (!cfg) return static_cast<int>(k_exit_usage);
    daemon::ServiceOptions options;
    const auto path = cfg->file;
    options.reload = [path] { return config::load_config(path); };
    return daemon::run_service(std::move(*cfg), std::move(options));
  });
}

}  // namespace scholard::cli
