// Per-host rate limiter, as pure functions of (state, now, policy).
//
// Two rules govern every host: a minimum interval between request STARTS
// (retries and redirect hops included) and a maximum number of requests in
// flight. A host may also be paused until a time (after a Retry-After).
// Hosts with `Adaptation::from_headers` (Crossref) re-derive both limits from
// the rate-limit headers of every response: `limit` per `interval` gives the
// spacing (plus a 10 % safety margin), `x-concurrency-limit` caps the slots;
// neither ever becomes looser than the configured policy. Until the first
// response has told us the limits, such a host gets one request at a time, so
// a server announcing a concurrency below the configured one is never
// exceeded, not even at start-up.
//
// The client owns one LimiterState per host and asks `admit` before starting
// a request; tests drive the same functions with a FakeClock.
#pragma once

#include <chrono>
#include <optional>

#include "core/clock.hpp"
#include "net/headers.hpp"

namespace scholard::net {

enum class Adaptation { fixed, from_headers };

struct LimiterPolicy {
  std::chrono::milliseconds min_interval{0};  // between request starts
  int max_in_flight = 1;                      // configured concurrency (>= 1)
  Adaptation adaptation = Adaptation::fixed;
};

struct LimiterState {
  std::optional<core::SteadyTime> last_start;
  std::optional<core::SteadyTime> paused_until;
  int in_flight = 0;
  std::chrono::milliseconds interval{0};  // effective spacing between starts
  int concurrency = 1;                    // effective slots
  bool probing = false;                   // from_headers: no response seen yet
};

enum class AdmitKind {
  start_now,      // a request may start at `now`
  wait_until,     // wait for the interval (or a pause) to elapse: retry at `at`
  wait_for_slot,  // every slot is taken: retry when a request finishes
};

struct Admission {
  AdmitKind kind = AdmitKind::start_now;
  core::SteadyTime at{};  // only for wait_until
};

// A fresh state for `policy`: nothing started, limits as configured.
LimiterState initial_state(const LimiterPolicy& policy);

// May a request start at `now`?
Admission admit(const LimiterState& state, core::SteadyTime now);

// Bookkeeping for a request that starts at `now` / that finished.
void record_start(LimiterState& state, core::SteadyTime now);
void record_finish(LimiterState& state);

// No request starts before `until` (a server's Retry-After); later pauses win.
void pause_until(LimiterState& state, core::SteadyTime until);

// Re-derives interval and concurrency from a response's rate headers (only for
// Adaptation::from_headers; a no-op otherwise or when no header is present).
void adapt(LimiterState& state, const LimiterPolicy& policy, const RateHeaders& headers);

// The spacing `limit` requests per `interval` imply, with a 10 % margin.
std::chrono::milliseconds spacing_for(long limit, std::chrono::milliseconds interval);

}  // namespace scholard::net
