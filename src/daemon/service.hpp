// `scholard daemon`: the engine on a schedule, as a systemd service.
//
// One Asio io_context thread does everything:
//  - a steady_timer wakes for the next due paper (earliest next_due across
//    papers and sources, never later than [schedule] interval), plus jitter,
//    never sooner than k_min_sleep: no busy loop;
//  - each wake runs one pass (the same pass as `scholard sync`) through a
//    PassRunner: in a child process (WorkerRunner, what scholard-daemon
//    does) or in this process (EngineRunner);
//  - signal_set: SIGTERM/SIGINT stop (a pass in flight gets `stop_grace` to
//    finish, else it is abandoned — every batch already stored is committed,
//    the rest is simply not stored) and the daemon exits 0; SIGHUP reloads the
//    config (an invalid new config is logged and the old one kept), then runs
//    a pass for whatever became due;
//  - sd_notify: READY=1 after start-up, STATUS= after each pass (the summary
//    line), WATCHDOG=1 every half WATCHDOG_USEC from the loop itself,
//    RELOADING=1 + MONOTONIC_USEC then READY=1 around a reload, STOPPING=1 on
//    the way out.
#pragma once

#include <chrono>
#include <functional>

#include <memory>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "daemon/pass_runner.hpp"
#include "net/asio_fwd.hpp"
#include "store/store.hpp"

namespace scholard::daemon {

using RunnerFactory =
    std::function<std::unique_ptr<PassRunner>(boost::asio::io_context&, store::Store&, const core::Clock&)>;

struct ServiceOptions {
  std::chrono::milliseconds stop_grace{5000};  // how long a pass in flight may take to finish on SIGTERM
  RunnerFactory make_runner;                   // required
};

// Runs until SIGTERM/SIGINT. `file` is the config file as read, `cfg` its
// parsed form; SIGHUP re-reads file.path. Returns the exit status: 0 after a
// clean stop, 3 when the store cannot be opened.
int run_service(config::ConfigFile file, config::Config cfg, ServiceOptions options);

}  // namespace scholard::daemon
