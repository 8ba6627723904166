// scholard-daemon: the waiting half of `scholard daemon` (which execs it).
//
// It schedules passes, handles signals and talks to systemd (service.hpp),
// and runs each pass as a child `scholard daemon-pass` (worker_runner.hpp).
// It links only the config, store and scheduling code: no libcurl, TLS,
// XML/JSON parsers or renderers are mapped while it waits.
//
//   scholard-daemon --scholard BIN --config FILE [--log-level LEVEL] [--quiet]
#include <cstdio>
#include <string>
#include <string_view>

#include "daemon/logging.hpp"
#include "daemon/service.hpp"
#include "daemon/worker_runner.hpp"

namespace {

struct Args {
  std::string scholard;
  std::string config;
  std::string log_level = "info";
  bool quiet = false;
};

constexpr const char* k_usage =
    "usage: scholard-daemon --scholard BIN --config FILE [--log-level LEVEL] [--quiet]\n"
    "Schedules scholard's passes and runs each in a child process. Started by\n"
    "`scholard daemon`; not meant to be run by hand.\n";

// Error: a message for stderr (then exit 2).
std::string parse_args(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= argc) return false;
      into = argv[++i];
      return true;
    };
    if (a == "--scholard") {
      if (!value(args.scholard)) return "--scholard needs a path";
    } else if (a == "--config") {
      if (!value(args.config)) return "--config needs a path";
    } else if (a == "--log-level") {
      if (!value(args.log_level)) return "--log-level needs a level";
      if (!scholard::daemon::parse_log_level(args.log_level)) return "--log-level: unknown level " + args.log_level;
    } else if (a == "-q" || a == "--quiet") {
      args.quiet = true;
    } else {
      return "unknown argument " + std::string(a);
    }
  }
  if (args.scholard.empty() || args.config.empty()) return "--scholard and --config are required";
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  namespace d = scholard::daemon;
  Args args;
  if (argc == 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
    std::fputs(k_usage, stdout);
    return 0;
  }
  if (auto error = parse_args(argc, argv, args); !error.empty()) {
    std::fprintf(stderr, "scholard-daemon: %s\n%s", error.c_str(), k_usage);
    return 2;
  }
  auto level = d::parse_log_level(args.log_level);
  d::setup_logging(level ? *level : spdlog::level::info, args.quiet,
                   d::stderr_is_journal() ? d::LogStyle::journal : d::LogStyle::terminal);

  auto loaded = scholard::config::load_config_snapshot(args.config);
  if (!loaded) {
    std::fprintf(stderr, "scholard: %s\n", loaded.error().message.c_str());
    return 2;
  }
  d::WorkerCommand command;
  command.scholard = args.scholard;
  command.global_args = {"--log-level", args.log_level};
  if (args.quiet) command.global_args.emplace_back("--quiet");
  command.store = loaded->config.store.path;
  d::ServiceOptions options;
  options.make_runner = d::worker_runner_factory(std::move(command));
  return d::run_service(std::move(loaded->file), std::move(loaded->config), std::move(options));
}
