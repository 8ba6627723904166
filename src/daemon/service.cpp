#include "daemon/service.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>

#include <malloc.h>  // malloc_trim (glibc)

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/signal_set.hpp>
#pragma GCC diagnostic pop
#include <spdlog/spdlog.h>

#include "daemon/plan.hpp"
#include "daemon/notify.hpp"
#include "daemon/schedule.hpp"
#include "net/asio.hpp"

namespace scholard::daemon {
namespace {
namespace asio = boost::asio;

class Service {
 public:
  Service(config::ConfigFile file, config::Config cfg, ServiceOptions options, store::Store& store)
      : m_text(std::move(file.text)),
        m_cfg(std::move(cfg)),
        m_options(std::move(options)),
        m_store(store),
        m_runner(m_options.make_runner(m_io, m_store, m_clock)),
        m_notifier(Notifier::from_environment()),
        m_signals(m_io, SIGTERM, SIGINT, SIGHUP),
        m_wake(m_io),
        m_watchdog(m_io),
        m_stop_deadline(m_io) {}

  int run() {
    wait_for_signal();
    start_watchdog();
    spdlog::info("daemon: {} papers, checking every {}, store {}", m_cfg.papers.size(),
                 config::format_duration(m_cfg.schedule.interval), m_store.path());
    note(m_notifier.ready(), "READY");
    run_pass();
    m_io.run();
    return 0;
  }

 private:
  void note(const core::Result<void>& r, const char* what) {
    if (!r) spdlog::warn("sd_notify {}: {}", what, r.error().message);
  }

  void wait_for_signal() {
    m_signals.async_wait([this](const boost::system::error_code& ec, int signo) {
      if (ec) return;
      if (signo == SIGHUP) {
        reload();
        wait_for_signal();
      } else {
        stop(signo);
      }
    });
  }

  void start_watchdog() {
    auto every = m_notifier.watchdog_interval();
    if (!every) return;
    m_watchdog.expires_after(*every);
    m_watchdog.async_wait([this](const boost::system::error_code& ec) {
      if (ec || m_stopping) return;
      note(m_notifier.watchdog(), "WATCHDOG");
      start_watchdog();
    });
  }

  void run_pass() {
    if (m_stopping) return;
    if (m_runner->busy()) {
      m_pass_again = true;
      return;
    }
    m_wake.cancel();
    m_runner->start(m_cfg, m_text, [this](PassOutcome outcome) { pass_done(std::move(outcome)); });
  }

  void pass_done(PassOutcome outcome) {
    if (outcome.exit_code == 0) spdlog::info("{}", outcome.summary);
    else spdlog::warn("{}", outcome.summary);
    for (const auto& f : outcome.failure_lines) spdlog::warn("{}", f);
    note(m_notifier.status(outcome.summary), "STATUS");
    if (m_stopping) {
      m_io.stop();
      return;
    }
    if (outcome.auto_accepted > 0) {
      // auto_accept appended papers to the config file: list them from now on.
      load_config();
      m_pass_again = true;
    }
    if (m_pass_again) {
      m_pass_again = false;
      run_pass();
      return;
    }
    schedule_next();
    // Before sleeping for hours: the store's page cache (up to 2 MiB, filled
    // by the due-time query) is not needed until the next wake; and an
    // in-process pass loads and renders every paper, whose freed heap glibc
    // keeps mapped. Hand both back once the pass (still referenced by this
    // call chain) is gone: docs/benchmarks.md, "The idle daemon".
    m_store.release_memory();
    boost::asio::post(m_io, [] { ::malloc_trim(0); });
  }

  void schedule_next() {
    const auto now = m_clock.now();
    std::vector<core::SysTime> due;
    if (auto earliest = earliest_due(m_store, m_cfg.schedule.refresh)) due.push_back(*earliest);
    const auto wake = next_wake(due, now, m_cfg.schedule.interval, m_cfg.schedule.jitter, m_rng);
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now);
    spdlog::debug("daemon: next pass in {} ms", wait.count());
    m_wake.expires_after(wait);
    m_wake.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) run_pass();
    });
  }

  void reload() {
    note(m_notifier.reloading(), "RELOADING");
    load_config();
    note(m_notifier.ready(), "READY");
    run_pass();
  }

  // Re-reads the config file: on SIGHUP, and after auto_accept appended papers
  // to it. An invalid file is logged and the running config kept.
  void load_config() {
    auto fresh = config::load_config_snapshot(m_cfg.file);
    if (!fresh) {
      spdlog::error("reload: the new configuration is invalid; keeping the old one:\n{}", fresh.error().message);
      return;
    }
    if (fresh->config.store.path != m_cfg.store.path) {
      spdlog::warn("reload: [store] path changed; it takes effect after a restart");
      fresh->config.store.path = m_cfg.store.path;
    }
    m_cfg = std::move(fresh->config);
    m_text = std::move(fresh->file.text);
    spdlog::info("reload: {} papers", m_cfg.papers.size());
    if (auto warning = config::placeholder_contact_warning(m_cfg)) spdlog::warn("{}", *warning);
  }

  void stop(int signo) {
    spdlog::info("daemon: {} received, stopping", signo == SIGTERM ? "SIGTERM" : "SIGINT");
    note(m_notifier.stopping(), "STOPPING");
    m_stopping = true;
    m_wake.cancel();
    m_watchdog.cancel();
    m_signals.cancel();
    if (!m_runner->busy()) {
      m_io.stop();
      return;
    }
    m_stop_deadline.expires_after(m_options.stop_grace);
    m_stop_deadline.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      // The pass did not finish in time. Every stored batch is committed; the
      // rest is abandoned.
      m_runner->abandon();
      m_io.stop();
    });
  }

  asio::io_context m_io;
  core::SystemClock m_clock;
  std::string m_text;  // the config file's bytes, as validated into m_cfg
  config::Config m_cfg;
  ServiceOptions m_options;
  store::Store& m_store;
  std::unique_ptr<PassRunner> m_runner;
  Notifier m_notifier;
  asio::signal_set m_signals;
  asio::steady_timer m_wake;
  asio::steady_timer m_watchdog;
  asio::steady_timer m_stop_deadline;
  SeededRandom m_rng = SeededRandom::from_entropy();
  bool m_stopping = false;
  bool m_pass_again = false;
};

}  // namespace

int run_service(config::ConfigFile file, config::Config cfg, ServiceOptions options) {
  core::SystemClock clock;
  store::StoreOptions so;
  so.command = "scholard daemon";
  so.owner = cfg.store.owner;
  so.legacy_path = cfg.store.legacy_path.string();
  auto store = store::Store::open(cfg.store.path.string(), clock, so);
  if (!store) {
    spdlog::critical("{}", store.error().message);
    return 3;
  }
  if (auto note = store::describe_owner_note(store->owner_note(), store->path(), cfg.store.owner); !note.empty()) {
    spdlog::info("{}", note);
  }
  Service service(std::move(file), std::move(cfg), std::move(options), *store);
  return service.run();
}

}  // namespace scholard::daemon
