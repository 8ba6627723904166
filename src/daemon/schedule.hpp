// The scheduler's arithmetic: when a paper is next due at a source after a
// fetch (next_due), and when the daemon wakes next (next_wake). Which papers
// are due now is plan.hpp's.
//
// Pure functions of (state, now, policy, random draws): no clock is read and
// nothing sleeps, so tests use fixed time points and a scripted Random.
//
// State is per paper AND per source: each source a paper is asked of has its
// own due time and failure count, so one source backing off from a failing
// id never delays the same paper's refresh at another.
//
// The numbers (defaults in SchedulePolicy):
//  - after a success:          due = last_success + refresh (no jitter: the wake
//                              time is jittered instead, see next_wake)
//  - after N >= 1 failures:    d = min(retry_cap, retry_base * 2^(N-1))
//                              due = now + d - u * retry_jitter * d, u in [0, 1)
//                              so  now + (1 - retry_jitter) * d < due <= now + d
//                              (15m, 30m, 1h ... capped at one week)
//  - never fetched, no failure: due = now
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/clock.hpp"

namespace scholard::daemon {

using ScheduleDuration = std::chrono::milliseconds;

// Uniform draws in [0, 1), injected so tests choose them.
class Random {
 public:
  virtual ~Random() = default;
  virtual double next_unit() = 0;  // in [0, 1), never 1
};

// Random backed by a 64-bit Mersenne Twister. Not thread-safe: one per thread.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(std::uint64_t seed) : m_engine(seed) {}
  // Seeded from std::random_device (what the daemon uses).
  static SeededRandom from_entropy();
  double next_unit() override;

 private:
  std::mt19937_64 m_engine;
};

struct SchedulePolicy {
  ScheduleDuration refresh = std::chrono::hours{24};
  ScheduleDuration retry_base = std::chrono::minutes{15};
  ScheduleDuration retry_cap = std::chrono::hours{24 * 7};
  double retry_jitter = 0.2;  // fraction of a retry delay that may be drawn off; clamped to [0, 1]
};

// The policy for a config: refresh from [schedule], retry defaults otherwise.
SchedulePolicy schedule_policy(const config::Schedule& schedule);

// The un-jittered retry delay after `failures` consecutive failures:
// min(retry_cap, retry_base * 2^(failures-1)); zero when failures <= 0.
// Never overflows (large counts give retry_cap).
ScheduleDuration retry_delay(int failures, const SchedulePolicy& policy);

// When a paper is next due at one source (see the table above).
// `consecutive_failures` counts the attempt that just failed; 0 after a
// success. `now` is the time of the latest attempt. A result <= now means
// "due now". Draws once from `rng` when failures > 0, never otherwise.
core::SysTime next_due(std::optional<core::SysTime> last_success, int consecutive_failures, core::SysTime now,
                       const SchedulePolicy& policy, Random& rng);

// The shortest the daemon sleeps, so a due time in the past (or a burst of
// them) can never make it spin.
inline constexpr ScheduleDuration k_min_sleep = std::chrono::seconds{1};
// The most jitter added when something is already due: catching up should
// start soon, whatever [schedule] jitter says.
inline constexpr ScheduleDuration k_catch_up_jitter = std::chrono::seconds{5};

// When the daemon's timer should fire next:
//   target = min(earliest of `due_times`, now + interval)
//   if target <= now + k_min_sleep:  now + k_min_sleep + U[0, min(jitter, k_catch_up_jitter))
//   else:                            target + U[0, jitter)
// so the result is always in [now + k_min_sleep, now + max(interval, k_min_sleep) + jitter).
// An empty `due_times` means "look again after interval". Negative interval
// or jitter count as zero. Draws once from `rng`.
core::SysTime next_wake(const std::vector<core::SysTime>& due_times, core::SysTime now, ScheduleDuration interval,
                        ScheduleDuration jitter, Random& rng);

}  // namespace scholard::daemon
