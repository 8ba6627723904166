// sd_notify without libsystemd: tells systemd (Type=notify) that the daemon is
// ready, reloading, stopping or alive, and what it is doing (docs/upstream-apis.md, "systemd").
//
// The protocol is one datagram per message to the AF_UNIX socket named by
// $NOTIFY_SOCKET: newline-separated KEY=VALUE assignments. "/path" is a file
// system socket; "@name" is a Linux abstract socket (the '@' becomes a NUL in
// sun_path and the address length is exact, since trailing bytes count).
// Without $NOTIFY_SOCKET (not under systemd) every call is a no-op returning ok.
//
// Errors are values: systemd recommends ignoring them apart from logging, so
// callers log and go on. Every method is safe to call from any thread (a
// message opens, uses and closes its own socket; nothing is shared).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scholard::daemon {

class Notifier {
 public:
  // Reads $NOTIFY_SOCKET, $WATCHDOG_USEC and $WATCHDOG_PID once, now.
  static Notifier from_environment();

  // `socket_address` as $NOTIFY_SOCKET spells it ("" = disabled);
  // `watchdog_interval` as watchdog_interval() should report it.
  explicit Notifier(std::string socket_address = {},
                    std::optional<std::chrono::microseconds> watchdog_interval = std::nullopt);

  // True when there is a socket to talk to.
  bool enabled() const { return !m_address.empty(); }
  const std::string& address() const { return m_address; }

  // READY=1: startup, or a reload, is complete.
  core::Result<void> ready() const;
  // STATUS=<text>: one line for `systemctl status`; CR and LF become spaces.
  core::Result<void> status(std::string_view text) const;
  // RELOADING=1 plus MONOTONIC_USEC=<CLOCK_MONOTONIC in µs> (needed by
  // Type=notify-reload on systemd >= 253, harmless before). Follow with ready().
  core::Result<void> reloading() const;
  // STOPPING=1: shutdown has begun.
  core::Result<void> stopping() const;
  // WATCHDOG=1: the keep-alive ping; send it every watchdog_interval().
  core::Result<void> watchdog() const;

  // Sends `assignments` ("KEY=VALUE\nKEY=VALUE") as one datagram.
  // Errors: invalid_input for an empty message, an address that is neither
  // "/path" nor "@name" (e.g. vsock:) or too long for sun_path; io (with the
  // errno text and the address) when socket() or sendto() fails. Ok and
  // nothing sent when disabled.
  core::Result<void> send(std::string_view assignments) const;

  // How often to ping: half of $WATCHDOG_USEC when the watchdog is on for this
  // process, else nullopt (see watchdog_interval_from).
  std::optional<std::chrono::microseconds> watchdog_interval() const { return m_watchdog_interval; }

 private:
  std::string m_address;
  std::optional<std::chrono::microseconds> m_watchdog_interval;
};

// The pure rule behind Notifier::watchdog_interval (sd_watchdog_enabled):
// half of `watchdog_usec` when it is a positive decimal integer and
// `watchdog_pid` is null or names `self`; nullopt otherwise (unset, zero,
// garbage, or a watchdog meant for another process). Null pointers = unset.
std::optional<std::chrono::microseconds> watchdog_interval_from(const char* watchdog_usec,
                                                                const char* watchdog_pid, pid_t self);

// CLOCK_MONOTONIC now, in microseconds (what MONOTONIC_USEC carries).
std::uint64_t monotonic_usec();

}  // namespace scholard::daemon
