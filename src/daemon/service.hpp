// `scholard daemon`: the engine on a schedule, as a systemd service.
//
// One Asio io_context thread does everything:
//  - a steady_timer wakes for the next due paper (earliest next_due across
//    papers and sources, never later than [schedule] interval), plus jitter,
//    never sooner than k_min_sleep: no busy loop;
//  - each wake runs one engine pass (the same pass as `scholard sync`);
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

#include "config/config.hpp"
#include "core/result.hpp"

namespace scholard::daemon {

struct ServiceOptions {
  std::chrono::milliseconds stop_grace{5000};  // how long a pass in flight may take to finish on SIGTERM
  // Re-reads the configuration on SIGHUP (the CLI passes its loader).
  std::function<core::Result<config::Config>()> reload;
};

// Runs until SIGTERM/SIGINT. Returns the exit status: 0 after a clean stop,
// 3 when the store cannot be opened.
int run_service(config::Config cfg, ServiceOptions options);

}  // namespace scholard::daemon
