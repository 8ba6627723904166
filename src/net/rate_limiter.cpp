#include "net/rate_limiter.hpp"

#include <algorithm>

namespace scholard::net {
namespace {

using std::chrono::milliseconds;

// Without an announced window, sends are kept this long (and at most this
// many), in case a later response announces one.
constexpr milliseconds k_unknown_window_horizon{60'000};
constexpr std::size_t k_unknown_window_cap = 4096;

// The rules in force at `now`: the configured/announced ones, or half the
// rate while slowed down after a 429.
struct Rules {
  milliseconds spacing{0};
  long limit = 0;  // sends per span; 0 = no window
  milliseconds span{0};
  int slots = 1;
};

Rules rules_at(const LimiterState& state, core::SteadyTime now) {
  Rules rules{state.spacing, state.window_limit, milliseconds(0), state.concurrency};
  if (rules.limit > 0) rules.span = window_span(state.window);
  if (!state.slowed_until || now >= *state.slowed_until) return rules;
  rules.spacing *= 2;
  if (rules.limit > 1) {
    rules.limit /= 2;
  } else {
    rules.span *= 2;
  }
  if (rules.spacing == milliseconds(0) && rules.limit == 0) rules.slots = std::max(1, rules.slots / 2);
  return rules;
}

// Drops send times no rule can look at any more. A slowed window reaches back
// at most two spans.
void prune(LimiterState& state, core::SteadyTime now) {
  const bool known = state.window_limit > 0;
  const milliseconds keep = known ? 2 * window_span(state.window) : k_unknown_window_horizon;
  const milliseconds spacing_keep = 2 * state.spacing;
  const milliseconds horizon = std::max(keep, spacing_keep);
  // The newest send stays: the spacing rule counts from it.
  while (state.sends.size() > 1 && state.sends.front() + horizon <= now) state.sends.pop_front();
  if (!known) {
    while (state.sends.size() > k_unknown_window_cap) state.sends.pop_front();
  }
}

void log_send(LimiterState& state, core::SteadyTime at) {
  // Sends arrive in time order from a monotonic clock; keep the log sorted
  // even if a caller reports one late.
  if (state.sends.empty() || state.sends.back() <= at) {
    state.sends.push_back(at);
  } else {
    state.sends.insert(std::upper_bound(state.sends.begin(), state.sends.end(), at), at);
  }
  prune(state, state.sends.back());
}

}  // namespace

LimiterState initial_state(const LimiterPolicy& policy) {
  LimiterState state;
  state.spacing = std::max(policy.min_interval, milliseconds(0));
  state.concurrency = std::max(policy.max_in_flight, 1);
  if (policy.adaptation == Adaptation::from_headers) {
    state.probing = true;
    state.concurrency = 1;
  }
  return state;
}

Admission admit(const LimiterState& state, core::SteadyTime now) {
  const Rules rules = rules_at(state, now);
  if (state.in_flight >= rules.slots) return {AdmitKind::wait_for_slot, {}};
  bool wait_for_send = false;
  auto earliest = now;
  if (state.paused_until) earliest = std::max(earliest, *state.paused_until);
  if (rules.spacing > milliseconds(0)) {
    if (state.unsent > 0) {
      wait_for_send = true;  // its send time, the spacing's origin, is not known yet
    } else if (!state.sends.empty()) {
      earliest = std::max(earliest, state.sends.back() + rules.spacing);
    }
  }
  if (rules.limit > 0) {
    // Sends that may still lie in the window besides this one.
    const long room = rules.limit - 1 - static_cast<long>(state.unsent);
    if (room < 0) {
      wait_for_send = true;  // unsent requests alone fill the window
    } else if (state.sends.size() > static_cast<std::size_t>(room)) {
      // The (room + 1)-th newest send must have left the window.
      const auto& oldest_counted = state.sends[state.sends.size() - 1 - static_cast<std::size_t>(room)];
      earliest = std::max(earliest, oldest_counted + rules.span);
    }
  }
  if (wait_for_send) return {AdmitKind::wait_for_send, {}};
  if (earliest > now) return {AdmitKind::wait_until, earliest};
  return {AdmitKind::start_now, now};
}

void record_admit(LimiterState& state) {
  ++state.in_flight;
  ++state.unsent;
}

void record_sent(LimiterState& state, core::SteadyTime at) {
  state.unsent = std::max(state.unsent - 1, 0);
  log_send(state, at);
}

void record_resent(LimiterState& state, core::SteadyTime at) { log_send(state, at); }

void record_finish(LimiterState& state) {
  state.in_flight = std::max(state.in_flight - 1, 0);
}

void record_withdrawn(LimiterState& state) {
  state.unsent = std::max(state.unsent - 1, 0);
  record_finish(state);
}

void pause_until(LimiterState& state, core::SteadyTime until) {
  if (!state.paused_until || *state.paused_until < until) state.paused_until = until;
}

void slow_down(LimiterState& state, core::SteadyTime now) {
  const milliseconds base = state.window_limit > 0 ? window_span(state.window) : state.spacing;
  const auto until = now + std::max(k_min_slow_down, base * k_slow_periods);
  if (!state.slowed_until || *state.slowed_until < until) state.slowed_until = until;
}

milliseconds window_margin(milliseconds interval) {
  if (interval <= milliseconds(0)) return milliseconds(0);
  const auto three_percent = milliseconds((interval.count() * 3 + 99) / 100);
  return std::max(three_percent, milliseconds(10));
}

milliseconds window_span(milliseconds interval) { return interval + window_margin(interval); }

void adapt(LimiterState& state, const LimiterPolicy& policy, const RateHeaders& headers) {
  if (policy.adaptation != Adaptation::from_headers) return;
  if (state.probing) {
    // First answer: open up to the configured slots unless it says fewer.
    state.probing = false;
    state.concurrency = std::max(policy.max_in_flight, 1);
  }
  if (headers.limit && headers.interval && *headers.limit > 0 && *headers.interval > milliseconds(0)) {
    state.window_limit = *headers.limit;
    state.window = *headers.interval;
  }
  if (headers.concurrency && *headers.concurrency > 0) {
    const auto announced = static_cast<int>(std::min<long>(*headers.concurrency, 1 << 20));
    state.concurrency = std::max(1, std::min(policy.max_in_flight, announced));
  }
}

}  // namespace scholard::net
