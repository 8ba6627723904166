#include "daemon/schedule.hpp"

#include <algorithm>
#include <utility>

namespace scholard::daemon {
namespace {

using core::SysTime;

// `span` scaled by a draw u in [0, 1): a duration in [0, span).
ScheduleDuration scaled(ScheduleDuration span, double u) {
  if (span <= ScheduleDuration::zero()) return ScheduleDuration::zero();
  const double ms = static_cast<double>(span.count()) * std::clamp(u, 0.0, 1.0);
  const auto whole = static_cast<ScheduleDuration::rep>(ms);
  return ScheduleDuration{std::min(whole, span.count() - 1)};
}

}  // namespace

SeededRandom SeededRandom::from_entropy() {
  std::random_device device;
  const std::uint64_t seed = (static_cast<std::uint64_t>(device()) << 32) ^ device();
  return SeededRandom(seed);
}

double SeededRandom::next_unit() {
  // The top 53 bits as a double: exactly representable, always < 1.
  return static_cast<double>(m_engine() >> 11) * 0x1.0p-53;
}

SchedulePolicy schedule_policy(const config::Schedule& schedule) {
  SchedulePolicy policy;
  policy.refresh = std::chrono::duration_cast<ScheduleDuration>(schedule.refresh);
  return policy;
}

ScheduleDuration retry_delay(int failures, const SchedulePolicy& policy) {
  if (failures <= 0) return ScheduleDuration::zero();
  const ScheduleDuration cap = std::max(policy.retry_cap, ScheduleDuration::zero());
  ScheduleDuration delay = std::clamp(policy.retry_base, ScheduleDuration::zero(), cap);
  for (int i = 1; i < failures && delay < cap; ++i) {
    // Doubling past half the cap would pass the cap (or overflow): stop there.
    delay = delay > cap / 2 ? cap : delay * 2;
  }
  return delay;
}

SysTime next_due(std::optional<SysTime> last_success, int consecutive_failures, SysTime now,
                 const SchedulePolicy& policy, Random& rng) {
  if (consecutive_failures > 0) {
    const ScheduleDuration delay = retry_delay(consecutive_failures, policy);
    const double fraction = std::clamp(policy.retry_jitter, 0.0, 1.0);
    const ScheduleDuration off = scaled(delay, rng.next_unit() * fraction);
    return now + (delay - off);
  }
  if (!last_success) return now;
  return *last_success + policy.refresh;
}

SysTime next_wake(const std::vector<SysTime>& due_times, SysTime now, ScheduleDuration interval,
                  ScheduleDuration jitter, Random& rng) {
  interval = std::max(interval, ScheduleDuration::zero());
  jitter = std::max(jitter, ScheduleDuration::zero());
  SysTime target = now + interval;
  for (const SysTime& due : due_times) target = std::min(target, due);
  const double u = rng.next_unit();
  const SysTime earliest = now + k_min_sleep;
  if (target <= earliest) return earliest + scaled(std::min(jitter, k_catch_up_jitter), u);
  return target + scaled(jitter, u);
}

}  // namespace scholard::daemon
