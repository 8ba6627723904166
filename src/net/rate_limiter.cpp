#include "net/rate_limiter.hpp"

#include <algorithm>

namespace scholard::net {

using std::chrono::milliseconds;

LimiterState initial_state(const LimiterPolicy& policy) {
  LimiterState state;
  state.interval = std::max(policy.min_interval, milliseconds(0));
  state.concurrency = std::max(policy.max_in_flight, 1);
  if (policy.adaptation == Adaptation::from_headers) {
    state.probing = true;
    state.concurrency = 1;
  }
  return state;
}

Admission admit(const LimiterState& state, core::SteadyTime now) {
  if (state.in_flight >= state.concurrency) return {AdmitKind::wait_for_slot, {}};
  auto earliest = now;
  if (state.last_start) earliest = std::max(earliest, *state.last_start + state.interval);
  if (state.paused_until) earliest = std::max(earliest, *state.paused_until);
  if (earliest > now) return {AdmitKind::wait_until, earliest};
  return {AdmitKind::start_now, now};
}

void record_start(LimiterState& state, core::SteadyTime now) {
  state.last_start = now;
  ++state.in_flight;
}

void record_finish(LimiterState& state) {
  state.in_flight = std::max(state.in_flight - 1, 0);
}

void pause_until(LimiterState& state, core::SteadyTime until) {
  if (!state.paused_until || *state.paused_until < until) state.paused_until = until;
}

milliseconds spacing_for(long limit, milliseconds interval) {
  if (limit <= 0 || interval <= milliseconds(0)) return milliseconds(0);
  // interval / limit, rounded up, then 10 % on top (rounded up too).
  const auto base = (interval.count() + limit - 1) / limit;
  return milliseconds(base + (base + 9) / 10);
}

void adapt(LimiterState& state, const LimiterPolicy& policy, const RateHeaders& headers) {
  if (policy.adaptation != Adaptation::from_headers) return;
  if (state.probing) {
    // First answer: open up to the configured slots unless it says fewer.
    state.probing = false;
    state.concurrency = std::max(policy.max_in_flight, 1);
  }
  if (headers.limit && headers.interval && *headers.limit > 0) {
    state.interval = std::max(policy.min_interval, spacing_for(*headers.limit, *headers.interval));
  }
  if (headers.concurrency && *headers.concurrency > 0) {
    const auto announced = static_cast<int>(std::min<long>(*headers.concurrency, 1 << 20));
    state.concurrency = std::max(1, std::min(policy.max_in_flight, announced));
  }
}

}  // namespace scholard::net
