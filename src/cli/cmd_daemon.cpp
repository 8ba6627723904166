// `scholard daemon`: run the scheduler until SIGTERM; SIGHUP reloads the config.
//
// The daemon is two processes (docs/systemd.md): `scholard daemon` checks the
// config, then replaces itself (same pid, so systemd's MAINPID holds) with
// scholard-daemon, a small supervisor that never loads libcurl, TLS, the
// parsers or the renderers. For each pass it spawns the hidden subcommand
// `scholard daemon-pass`, which runs the engine once and reports back on fd 3.
// Without scholard-daemon (or with SCHOLARD_IN_PROCESS=1, e.g. under a
// debugger) the passes run inside this process instead.
#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "cli/config_loader.hpp"
#include "cli/store_access.hpp"
#include "daemon/engine_runner.hpp"
#include "daemon/service.hpp"
#include "daemon/worker_runner.hpp"
#include "net/asio.hpp"

namespace scholard::cli {
namespace {
namespace fs = std::filesystem;

constexpr int k_report_fd = 3;

fs::path self_executable() {
  std::error_code ec;
  auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : p;
}

// scholard-daemon next to this binary (build tree, or both in one bin
// folder), else where `cmake --install` puts it.
fs::path find_supervisor(const fs::path& self) {
  std::error_code ec;
  std::vector<fs::path> candidates;
  if (!self.empty()) candidates.push_back(self.parent_path() / "scholard-daemon");
  candidates.emplace_back(SCHOLARD_LIBEXEC_DIR "/scholard-daemon");
  for (const auto& c : candidates) {
    if (fs::is_regular_file(c, ec) && ::access(c.c_str(), X_OK) == 0) return c;
  }
  return {};
}

std::string read_all(int fd) {
  std::string out;
  char buf[65536];
  for (;;) {
    const auto n = ::read(fd, buf, sizeof buf);
    if (n > 0) out.append(buf, static_cast<std::size_t>(n));
    else if (n == 0 || errno != EINTR) break;
  }
  return out;
}

bool in_process_requested() {
  const char* v = std::getenv("SCHOLARD_IN_PROCESS");
  return v && *v && std::string(v) != "0";
}

// `snapshot` holds the config and the bytes it was parsed from (the service
// keeps both: text and config agree).
int run_in_process(config::ConfigSnapshot snapshot) {
  daemon::ServiceOptions options;
  options.make_runner = [](boost::asio::io_context& io, store::Store& store, const core::Clock& clock) {
    return std::make_unique<daemon::EngineRunner>(io, store, clock);
  };
  return daemon::run_service(std::move(snapshot.file), std::move(snapshot.config), std::move(options));
}

int run_daemon(const Context& ctx) {
  auto snapshot = load_config_snapshot_or_report(ctx);
  if (!snapshot) return k_exit_usage;
  if (ctx.adopt_store) {
    // The supervisor opens the store without --adopt-store: take it over here.
    core::SystemClock clock;
    if (!open_store_or_report(ctx, snapshot->config, StoreUse::write, clock, "daemon")) return k_exit_fatal;
  }
  if (auto warning = config::placeholder_contact_warning(snapshot->config)) spdlog::warn("{}", *warning);
  if (in_process_requested()) return run_in_process(std::move(*snapshot));
  const config::Config* cfg = &snapshot->config;
  const auto self = self_executable();
  const auto supervisor = find_supervisor(self);
  if (self.empty() || supervisor.empty()) {
    spdlog::warn("daemon: scholard-daemon not found next to {} or in {}; passes run inside this process",
                 self.string(), SCHOLARD_LIBEXEC_DIR);
    return run_in_process(std::move(*snapshot));
  }
  std::vector<std::string> args{supervisor.string(), "--scholard", self.string(), "--config", cfg->file.string(),
                                "--log-level", ctx.log_level};
  if (ctx.quiet) args.emplace_back("--quiet");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  spdlog::default_logger()->flush();
  ::execv(argv[0], argv.data());
  spdlog::warn("daemon: cannot run {}: {}; passes run inside this process", supervisor.string(), std::strerror(errno));
  return run_in_process(std::move(*snapshot));
}

// `scholard daemon-pass`: one pass for the supervisor (see worker_runner.hpp).
int run_daemon_pass(const Context& ctx, pid_t parent, const std::string& store_path) {
  // Gone with the supervisor; and not started by anyone else.
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != parent || ::fcntl(k_report_fd, F_SETFD, FD_CLOEXEC) != 0) {
    std::fprintf(stderr, "scholard: daemon-pass is run by scholard-daemon, not by hand (see `scholard daemon`)\n");
    return k_exit_usage;
  }
  daemon::PassOutcome outcome;
  const auto report = [&outcome] {
    const std::string text = daemon::report_text(outcome);
    std::size_t at = 0;
    while (at < text.size()) {
      const auto n = ::write(k_report_fd, text.data() + at, text.size() - at);
      if (n <= 0) break;
      at += static_cast<std::size_t>(n);
    }
    ::close(k_report_fd);
    return outcome.exit_code;
  };
  config::ConfigFile file{fs::absolute(ctx.config_path).lexically_normal(), read_all(STDIN_FILENO)};
  auto cfg = config::parse_config_file(file);
  if (!cfg) {
    outcome.exit_code = k_exit_usage;
    outcome.summary = "daemon: " + cfg.error().message;
    return report();
  }
  cfg->store.path = store_path;
  core::SystemClock clock;
  auto store = open_store_or_report(ctx, *cfg, StoreUse::write, clock, "daemon");
  if (!store) {
    outcome.exit_code = k_exit_fatal;
    outcome.summary = "daemon: the store could not be opened (see above)";
    return report();
  }
  boost::asio::io_context io;
  daemon::EngineRunner runner(io, *store, clock);
  runner.start(*cfg, file.text, [&outcome](daemon::PassOutcome o) { outcome = std::move(o); });
  io.run();
  return report();
}

}  // namespace

void add_daemon_command(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand("daemon", "run the scheduler until SIGTERM; SIGHUP reloads the config");
  sub->footer("Each pass runs in a short-lived child process, so the waiting daemon stays small\n"
              "(SCHOLARD_IN_PROCESS=1 runs passes inside the daemon instead). See docs/systemd.md.");
  ctx.on_run(sub, [&ctx] { return run_daemon(ctx); });

  auto pid = std::make_shared<int>(0);
  auto store = std::make_shared<std::string>();
  auto* pass = app.add_subcommand("daemon-pass", "one pass for scholard-daemon (internal)");
  pass->group("");  // hidden from --help
  pass->add_option("--parent", *pid, "the supervisor's pid")->required();
  pass->add_option("--store", *store, "the store path the supervisor pinned")->required();
  ctx.on_run(pass, [&ctx, pid, store] { return run_daemon_pass(ctx, static_cast<pid_t>(*pid), *store); });
}

}  // namespace scholard::cli
