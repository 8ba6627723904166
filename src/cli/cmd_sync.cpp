// `scholard sync`: one pass of the engine (fetch what is due, store, render,
// run the hook on change), with a status line on a terminal (status_line.hpp).
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>

#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "cli/config_loader.hpp"
#include "cli/status_line.hpp"
#include "cli/store_access.hpp"
#include "cli/style.hpp"
#include "daemon/engine.hpp"
#include "daemon/inputs.hpp"
#include "daemon/render_stamp.hpp"
#include "net/asio.hpp"
#include "net/curl_client.hpp"

namespace scholard::cli {
namespace {

struct SyncArgs {
  bool dry_run = false;
  bool force = false;
  std::vector<std::string> only;
};

// --only ids as the config's paper keys. Error: an id that is invalid or not listed.
core::Result<std::vector<std::string>> only_keys(const config::Config& cfg, const std::vector<std::string>& ids) {
  if (ids.empty()) return std::vector<std::string>();
  const auto keys = daemon::paper_keys(cfg);
  const std::set<std::string> listed(keys.begin(), keys.end());
  std::vector<std::string> out;
  for (const auto& text : ids) {
    auto id = core::parse_identifier(text);
    if (!id) return tl::unexpected(id.error());
    if (!listed.count(id->key())) {
      return core::fail(core::ErrorCode::invalid_input,
                        "--only " + text + ": " + id->display() + " is not listed in " + cfg.file.string());
    }
    out.push_back(id->key());
  }
  return out;
}

// How often the status line is drawn again while nothing is reported, so a
// wait's seconds count down.
constexpr auto k_status_tick = std::chrono::milliseconds(250);

// Draws `line` every k_status_tick until `timer` is cancelled.
void tick_status(boost::asio::steady_timer& timer, const std::shared_ptr<StatusLine>& line) {
  timer.expires_after(k_status_tick);
  timer.async_wait([&timer, line](const boost::system::error_code& error) {
    if (error) return;
    line->tick();
    tick_status(timer, line);
  });
}

// SIGINT (Ctrl-C) or SIGTERM during the pass: keep what was fetched, record
// the run as interrupted, say so in one line and exit 128 + the signal's
// number as a shell does. The pass is abandoned where it stands (requests in
// flight, a hook thread): _Exit skips destructors that would wait for them;
// every store transaction is already committed, and the writer lock is an
// flock that ends with the process.
[[noreturn]] void exit_interrupted(daemon::Engine& engine, int signo, StatusLine* line) {
  const std::string name = signo == SIGINT ? "SIGINT" : "SIGTERM";
  const auto kept = engine.interrupt(name);
  if (line != nullptr) line->finish();
  std::fprintf(stderr, "scholard: sync interrupted by %s: %s\n", name.c_str(), kept.describe().c_str());
  spdlog::default_logger()->flush();
  std::fflush(nullptr);
  std::_Exit(128 + signo);
}

int run_sync(const Context& ctx, const SyncArgs& args) {
  auto snapshot = load_config_snapshot_or_report(ctx);
  if (!snapshot) return k_exit_usage;
  // The config was parsed from exactly these bytes: their digest lets the
  // pass skip the render when nothing changed (render_stamp.hpp), with no
  // second read of the file.
  if (auto warning = config::placeholder_contact_warning(snapshot->config); warning && !ctx.quiet) {
    print_warning(*warning);
  }
  const std::string digest = daemon::config_text_digest(snapshot->file.text);
  std::optional<config::Config> cfg(std::move(snapshot->config));
  snapshot.reset();
  auto only = only_keys(*cfg, args.only);
  if (!only) {
    print_error(only.error().message);
    return k_exit_usage;
  }
  core::SystemClock clock;
  const bool dry = args.dry_run;
  std::optional<store::Store> store;
  if (dry && nothing_synced_yet(*cfg)) {
    // Nothing synced yet: preview against an empty store that is never saved.
    auto empty = store::Store::open(":memory:", clock);
    if (!empty) {
      print_error(empty.error().message);
      return k_exit_fatal;
    }
    store.emplace(std::move(*empty));
  } else {
    store = open_store_or_report(ctx, *cfg, dry ? StoreUse::read : StoreUse::write, clock, "sync");
  }
  if (!store) return k_exit_fatal;

  boost::asio::io_context io;
  net::CurlHttpClient client(io, daemon::client_options(*cfg));
  daemon::Engine engine(io, *store, client, clock);
  daemon::PassOptions options;
  options.force = args.force;
  options.mode = dry ? daemon::WriteMode::dry_run : daemon::WriteMode::write;
  options.only = std::move(*only);
  options.config_digest = digest;
  // The status line: only on a terminal, and not with --quiet.
  std::shared_ptr<StatusLine> status;
  if (::isatty(2) && !ctx.quiet) status = std::make_shared<StatusLine>(2, "sync");
  daemon::PassReport report;
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&engine, status](const boost::system::error_code& error, int signo) {
    if (!error) exit_interrupted(engine, signo, status.get());
  });
  boost::asio::steady_timer ticker(io);
  daemon::ProgressHandler progress;
  if (status) {
    status->wrap_logger(*spdlog::default_logger());
    progress = [status](const daemon::Progress& p) { status->update(p); };
    tick_status(ticker, status);
  }
  engine.run_pass(std::move(*cfg), std::move(options),
                  [&report, &signals, &ticker](daemon::PassReport r) {
                    report = std::move(r);
                    signals.cancel();
                    ticker.cancel();
                  },
                  std::move(progress));
  io.run();
  if (status) {
    status->finish();
    status->unwrap_logger(*spdlog::default_logger());
  }
  if (dry) {
    for (const auto& o : report.render.outputs) std::fputs(o.diff.c_str(), stdout);
  }
  for (const auto& line : report.failure_lines()) print_error(line);
  if (!report.fatal.empty()) print_error(report.fatal);
  const std::string line = report.summary_line("sync");
  if (!ctx.quiet || report.exit_code() != 0) std::printf("%s\n", line.c_str());
  return report.exit_code();
}

}  // namespace

void add_sync_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<SyncArgs>();
  auto* sub = app.add_subcommand("sync", "fetch what is due, store it, render the outputs, run the hook on change");
  sub->add_flag("--dry-run", args->dry_run, "fetch, then print the diff of each output; write nothing");
  sub->add_flag("--force", args->force, "fetch every paper, due or not");
  sub->add_option("--only", args->only, "only this paper (arXiv id or DOI); repeatable");
  ctx.on_run(sub, [&ctx, args] { return run_sync(ctx, *args); });
}

}  // namespace scholard::cli
