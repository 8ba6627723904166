// Per-host rate limiter, as pure functions of (state, now, policy).
//
// Three rules govern every host, all counted over the moments requests are
// actually SENT (bytes on the wire, after any connect; retries and redirect
// hops included), not the moments they were admitted:
//  - spacing: at least `min_interval` between consecutive sends (arXiv's
//    "one request every 3 s"). While an admitted request has not been sent
//    yet, the next one waits for that send: its time is not known before;
//  - window: at most `limit` sends in any `interval` (Crossref's
//    x-rate-limit-limit / x-rate-limit-interval). A sliding-window log of
//    recent send times; a request is admitted when fewer than `limit` sends
//    (admitted-but-unsent ones included) lie within the last
//    `interval + window_margin(interval)`. So `limit` requests may start at
//    once, and the next waits until the oldest leaves the window;
//  - slots: at most `concurrency` requests in flight (x-concurrency-limit).
// A host may also be paused until a time (a Retry-After), and is slowed to
// half its rate for a while after a 429 (`slow_down`).
//
// Hosts with `Adaptation::from_headers` (Crossref) take window and slots from
// the rate-limit headers of every response, so a limit lowered mid-run
// applies to the next admission; the slots never exceed the configured ones
// and the configured `min_interval` keeps applying. Until the first response
// has told us the limits, such a host gets one request at a time (a probe), so
// a server announcing a concurrency below the configured one is never
// exceeded, not even at start-up.
//
// The client owns one LimiterState per host: it asks `admit` before starting
// a request, and reports admission, send and finish; tests drive the same
// functions with a FakeClock.
#pragma once

#include <chrono>
#include <deque>
#include <optional>

#include "core/clock.hpp"
#include "net/headers.hpp"

namespace scholard::net {

enum class Adaptation { fixed, from_headers };

struct LimiterPolicy {
  std::chrono::milliseconds min_interval{0};  // between consecutive sends
  int max_in_flight = 1;                      // configured concurrency (>= 1)
  Adaptation adaptation = Adaptation::fixed;
};

struct LimiterState {
  std::deque<core::SteadyTime> sends;  // recent send times, oldest first
  std::optional<core::SteadyTime> paused_until;
  std::optional<core::SteadyTime> slowed_until;  // half rate until then (after a 429)
  int in_flight = 0;                             // admitted and not finished
  int unsent = 0;                                // admitted and not yet sent
  std::chrono::milliseconds spacing{0};          // between consecutive sends
  long window_limit = 0;                         // sends per window; 0 = no window
  std::chrono::milliseconds window{0};           // the announced interval
  int concurrency = 1;                           // effective slots
  bool probing = false;                          // from_headers: no response seen yet
};

enum class AdmitKind {
  start_now,      // a request may start at `now`
  wait_until,     // wait for spacing, window or pause to elapse: retry at `at`
  wait_for_slot,  // every slot is taken: retry when a request finishes
  wait_for_send,  // an admitted request is not sent yet: retry when it is
};

struct Admission {
  AdmitKind kind = AdmitKind::start_now;
  core::SteadyTime at{};  // only for wait_until
};

// A fresh state for `policy`: nothing started, limits as configured.
LimiterState initial_state(const LimiterPolicy& policy);

// May a request start at `now`?
Admission admit(const LimiterState& state, core::SteadyTime now);

// Bookkeeping. A request is admitted (takes a slot, counts as unsent), then
// sent at `at` (record_sent once; record_resent for any further send of the
// same request, e.g. libcurl re-sending on a fresh connection), then finished.
// A request withdrawn before it could be handed to libcurl gives both back.
void record_admit(LimiterState& state);
void record_sent(LimiterState& state, core::SteadyTime at);
void record_resent(LimiterState& state, core::SteadyTime at);
void record_finish(LimiterState& state);
void record_withdrawn(LimiterState& state);

// No request starts before `until` (a server's Retry-After); later pauses win.
void pause_until(LimiterState& state, core::SteadyTime until);

// After a 429: half the rate (half the window's limit, or twice its span when
// the limit is 1; twice the spacing; half the slots when neither rule is
// known) until k_slow_periods windows (at least k_min_slow_down) from `now`.
void slow_down(LimiterState& state, core::SteadyTime now);
inline constexpr int k_slow_periods = 10;
inline constexpr std::chrono::milliseconds k_min_slow_down{10'000};

// Re-derives window and concurrency from a response's rate headers (only for
// Adaptation::from_headers; a no-op otherwise or when no header is present).
void adapt(LimiterState& state, const LimiterPolicy& policy, const RateHeaders& headers);

// The tolerance added to an announced interval: 3 % (rounded up), at least
// 10 ms. The window never lets more than `limit` sends into any interval by
// construction, so unlike a token bucket's margin this one only has to absorb
// the difference in transit time between the oldest and the newest request
// of a window (network jitter, the server's own scheduling).
std::chrono::milliseconds window_margin(std::chrono::milliseconds interval);

// How long sends count against the window: interval + window_margin(interval).
std::chrono::milliseconds window_span(std::chrono::milliseconds interval);

}  // namespace scholard::net
