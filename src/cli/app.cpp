#include "cli/app.hpp"

#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/spdlog.h>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "cli/style.hpp"
#include "config/diagnostics.hpp"
#include "daemon/logging.hpp"

namespace scholard::cli {
namespace {

void add_global_options(CLI::App& app, Context& ctx) {
  app.add_option("-c,--config", ctx.config_path,
                 "configuration file, or a folder holding scholard.toml (default: $SCHOLARD_CONFIG, "
                 "scholard.toml in the current folder or the nearest folder above it, "
                 "$XDG_CONFIG_HOME/scholard/scholard.toml, /etc/scholard/scholard.toml)");
  app.add_option("--log-level", ctx.log_level, "trace, debug, info, warn or error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->default_str("info");
  app.add_flag("-q,--quiet", ctx.quiet, "only warnings and errors");
  app.add_option("--color", ctx.color,
                 "colour ok, warnings and errors: never, auto (on a terminal, unless $NO_COLOR is set) or always")
      ->check(CLI::IsMember({"never", "auto", "always"}))
      ->default_str("auto");
  app.add_flag("--adopt-store", ctx.adopt_store,
               "use the store even if it records another config file as its owner; a command that "
               "writes (sync, daemon, accept, reject) makes this config its owner");
  app.set_version_flag("-V,--version", version_text());
}

// `help [COMMAND]` and `version`, as git and most tools with subcommands
// have them; each says the same as --help and --version.
void add_help_and_version(CLI::App& app, Context& ctx) {
  auto* help = app.add_subcommand("help", "show this help, or a command's (the same as COMMAND --help)");
  auto* topic = help->add_option("command", "the command to describe");
  ctx.on_run(help, [&app, topic] {
    if (topic->count() == 0) {
      // Not app.help(): that describes the chosen subcommand, `help` itself.
      std::fputs(app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal).c_str(), stdout);
      return int{k_exit_ok};
    }
    const std::string name = topic->as<std::string>();
    const CLI::App* sub = nullptr;
    for (const CLI::App* s : app.get_subcommands([](const CLI::App*) { return true; })) {
      if (s->check_name(name)) sub = s;
    }
    if (sub == nullptr) {
      print_error(unknown_command_message(app, name));
      return int{k_exit_usage};
    }
    std::fputs(sub->help(app.get_name()).c_str(), stdout);
    return int{k_exit_ok};
  });
  auto* version = app.add_subcommand("version", "print the version (the same as --version)");
  ctx.on_run(version, [] {
    std::printf("%s\n", version_text().c_str());
    return int{k_exit_ok};
  });
}

void configure_logging(const Context& ctx) {
  auto level = daemon::parse_log_level(ctx.log_level);
  const auto style = daemon::stderr_is_journal() ? daemon::LogStyle::journal
                     : stderr_color()             ? daemon::LogStyle::terminal_color
                                                  : daemon::LogStyle::terminal;
  daemon::setup_logging(level ? *level : spdlog::level::info, ctx.quiet, style);
}

void configure_color(const Context& ctx) {
  auto mode = parse_color_mode(ctx.color);
  const ColorMode m = mode ? *mode : ColorMode::automatic;
  set_color(color_wanted(m, 1), color_wanted(m, 2));
}

}  // namespace

std::string version_text() { return std::string("scholard ") + SCHOLARD_VERSION; }

std::string unknown_command_message(const CLI::App& app, std::string_view name) {
  std::vector<std::string> names;
  // Hidden commands (no group, such as the daemon's own) are never suggested.
  for (const CLI::App* s : app.get_subcommands([](const CLI::App* c) { return !c->get_group().empty(); })) {
    names.push_back(s->get_name());
  }
  const std::vector<std::string_view> known(names.begin(), names.end());
  std::string message = "unknown command '" + std::string(name) + "'";
  if (auto best = config::closest_key(name, known)) return message + "; did you mean '" + *best + "'?";
  return message + "; see 'scholard help'";
}

std::string unknown_option_message(const CLI::App& app, const CLI::App* command, std::string_view token) {
  const std::string_view written = token.substr(0, token.find('='));
  std::vector<std::string> names;
  for (const CLI::App* owner : {command, &app}) {
    if (owner == nullptr) continue;
    for (const CLI::Option* o : owner->get_options()) {
      for (const std::string& l : o->get_lnames()) names.push_back("--" + l);
    }
  }
  const std::vector<std::string_view> known(names.begin(), names.end());
  std::string message = "unknown option '" + std::string(written) + "'";
  if (command != nullptr) message += " for '" + command->get_name() + "'";
  // Single-dash options are one letter: any letter is one edit from another.
  if (written.size() > 2) {
    if (auto best = config::closest_key(written, known)) return message + "; did you mean '" + *best + "'?";
  }
  const std::string topic = command != nullptr ? " " + command->get_name() : "";
  return message + "; see 'scholard help" + topic + "'";
}

std::string describe_parse_error(const CLI::App& app, const CLI::ParseError& e) {
  const auto chosen = app.get_subcommands();
  const CLI::App* command = chosen.empty() ? nullptr : chosen.front();
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    const auto extras = app.remaining(true);
    if (!extras.empty()) {
      const std::string& first = extras.front();
      if (first.size() > 1 && first[0] == '-') return unknown_option_message(app, command, first);
      if (command == nullptr) return unknown_command_message(app, first);
      return "unexpected argument '" + first + "' for '" + command->get_name() + "'; see 'scholard help " +
             command->get_name() + "'";
    }
  }
  std::string message = e.what();
  const std::string topic = command != nullptr ? " " + command->get_name() : "";
  return message + "; see 'scholard help" + topic + "'";
}

int run(int argc, char** argv) {
  Context ctx;
  CLI::App app{"scholard keeps a researcher's publication list true: it polls arXiv and Crossref for the\n"
               "papers listed in its configuration, caches what it learns, and rewrites the site's\n"
               "publication list when something changes.",
               "scholard"};
  // No subcommand is not a CLI11 error: run() prints the usage itself.
  app.require_subcommand(0, 1);
  app.fallthrough();
  add_global_options(app, ctx);
  for (const auto& registrar : command_registrars()) registrar(app, ctx);
  add_help_and_version(app, ctx);
  app.footer("Run 'scholard help COMMAND' for a command's options.\n"
             "Exit status: 0 all good; 1 some papers could not be fetched (outputs still consistent);\n"
             "2 usage or configuration error; 3 fatal (store unusable, output not writable, lock held).");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    configure_color(ctx);
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    print_error(describe_parse_error(app, e));
    return k_exit_usage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "scholard: fatal: %s\n", e.what());
    return k_exit_fatal;
  }
  configure_color(ctx);
  if (app.get_subcommands().empty()) {
    // As git does: the usage on standard output, and a usage error's status.
    std::fputs(app.help().c_str(), stdout);
    return k_exit_usage;
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
