#include "cli/app.hpp"

#include <cstdio>
#include <exception>
#include <string>

#include <spdlog/spdlog.h>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "daemon/logging.hpp"

namespace scholard::cli {
namespace {

void add_global_options(CLI::App& app, Context& ctx) {
  app.add_option("-c,--config", ctx.config_path,
                 "configuration file (default: $SCHOLARD_CONFIG, ./scholard.toml, "
                 "$XDG_CONFIG_HOME/scholard/scholard.toml, /etc/scholard/scholard.toml)");
  app.add_option("--log-level", ctx.log_level, "trace, debug, info, warn or error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->default_str("info");
  app.add_flag("-q,--quiet", ctx.quiet, "only warnings and errors");
  app.add_flag("--adopt-store", ctx.adopt_store,
               "use the store even if it records another config file as its owner; a command that "
               "writes (sync, daemon, accept, reject) makes this config its owner");
  app.set_version_flag("-V,--version", std::string("scholard ") + SCHOLARD_VERSION);
}

void configure_logging(const Context& ctx) {
  auto level = daemon::parse_log_level(ctx.log_level);
  daemon::setup_logging(level ? *level : spdlog::level::info, ctx.quiet,
                        daemon::stderr_is_journal() ? daemon::LogStyle::journal : daemon::LogStyle::terminal);
}

}  // namespace

int run(int argc, char** argv) {
  Context ctx;
  CLI::App app{"scholard keeps a researcher's publication list true: it polls arXiv and Crossref for the\n"
               "papers listed in its configuration, caches what it learns, and rewrites the site's\n"
               "publication list when something changes.",
               "scholard"};
  app.require_subcommand(1, 1);
  app.fallthrough();
  add_global_options(app, ctx);
  for (const auto& registrar : command_registrars()) registrar(app, ctx);
  app.footer("Exit status: 0 all good; 1 some papers could not be fetched (outputs still consistent);\n"
             "2 usage or configuration error; 3 fatal (store unusable, output not writable, lock held).");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help, version or the usage error
    return code == 0 ? k_exit_ok : k_exit_usage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "scholard: fatal: %s\n", e.what());
    return k_exit_fatal;
  }
  configure_logging(ctx);
  int status = k_exit_fatal;
  try {
    for (const CLI::App* sub : app.get_subcommands()) {
      if (auto it = ctx.actions.find(sub); it != ctx.actions.end()) status = it->second();
    }
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    status = k_exit_fatal;
  }
  spdlog::default_logger()->flush();
  return status;
}

}  // namespace scholard::cli
