#include "daemon/schedule.hpp"

#include <algorithm>
#include <chrono>
#include <deque>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

namespace scholard::daemon {
namespace {

using namespace std::chrono_literals;
using core::SysTime;

// A fixed point in time: 2026-01-01T00:00:00Z.
const SysTime k_now = SysTime{} + std::chrono::seconds{1767225600};
constexpr auto k_week = std::chrono::hours{24 * 7};

// Hands out the draws it was given, then the last one forever.
class ScriptedRandom final : public Random {
 public:
  explicit ScriptedRandom(std::deque<double> draws) : m_draws(std::move(draws)) {}
  double next_unit() override {
    const double u = m_draws.front();
    if (m_draws.size() > 1) m_draws.pop_front();
    ++m_count;
    return u;
  }
  int count() const { return m_count; }

 private:
  std::deque<double> m_draws;
  int m_count = 0;
};

// The largest double below 1: the top of a Random's range.
const double k_almost_one = std::nextafter(1.0, 0.0);

TEST(Schedule, AfterSuccessDueIsLastSuccessPlusRefresh) {
  SchedulePolicy policy;
  policy.refresh = 24h;
  ScriptedRandom rng({0.5});
  EXPECT_EQ(next_due(k_now, 0, k_now, policy, rng), k_now + 24h);
  EXPECT_EQ(next_due(k_now - 30h, 0, k_now, policy, rng), k_now - 6h) << "overdue stays in the past: due now";
  EXPECT_EQ(rng.count(), 0) << "successes are not jittered";
}

TEST(Schedule, NeverFetchedIsDueNow) {
  ScriptedRandom rng({0.5});
  EXPECT_EQ(next_due(std::nullopt, 0, k_now, SchedulePolicy{}, rng), k_now);
}

TEST(Schedule, PolicyFromConfig) {
  config::Schedule schedule;
  schedule.refresh = std::chrono::hours{6};
  const auto policy = schedule_policy(schedule);
  EXPECT_EQ(policy.refresh, 6h);
  EXPECT_EQ(policy.retry_base, 15min);
  EXPECT_EQ(policy.retry_cap, k_week);
}

TEST(Schedule, BackoffDoublesFromBaseUpToTheCap) {
  SchedulePolicy policy;  // 15 min base, one week cap
  EXPECT_EQ(retry_delay(0, policy), 0ms);
  EXPECT_EQ(retry_delay(-3, policy), 0ms);
  EXPECT_EQ(retry_delay(1, policy), 15min);
  EXPECT_EQ(retry_delay(2, policy), 30min);
  EXPECT_EQ(retry_delay(3, policy), 60min);
  EXPECT_EQ(retry_delay(10, policy), 15min * 512);  // 128 h, still under a week (168 h)
  EXPECT_EQ(retry_delay(11, policy), k_week);
  EXPECT_EQ(retry_delay(64, policy), k_week);
  EXPECT_EQ(retry_delay(std::numeric_limits<int>::max(), policy), k_week) << "no overflow";
  for (int n = 1; n < 40; ++n) EXPECT_LE(retry_delay(n, policy), retry_delay(n + 1, policy)) << n;
}

TEST(Schedule, BaseAboveCapGivesCap) {
  SchedulePolicy policy;
  policy.retry_base = 10h;
  policy.retry_cap = 4h;
  EXPECT_EQ(retry_delay(1, policy), 4h);
}

TEST(Schedule, FailureDueIsNowPlusJitteredBackoff) {
  SchedulePolicy policy;
  policy.retry_jitter = 0.2;
  ScriptedRandom zero({0.0});
  EXPECT_EQ(next_due(k_now - 1h, 1, k_now, policy, zero), k_now + 15min) << "u = 0: the full delay";
  EXPECT_EQ(next_due(k_now - 1h, 3, k_now, policy, zero), k_now + 1h);
  ScriptedRandom half({0.5});
  EXPECT_EQ(next_due(k_now - 1h, 1, k_now, policy, half), k_now + 15min - 90s) << "0.5 * 0.2 * 15 min off";
  EXPECT_EQ(half.count(), 1);
  ScriptedRandom top({k_almost_one});
  const SysTime due = next_due(std::nullopt, 1, k_now, policy, top);
  EXPECT_GT(due, k_now + 12min);
  EXPECT_LE(due, k_now + 12min + 1ms);
}

TEST(Schedule, FailureJitterStaysInItsBoundsOverManyDraws) {
  SchedulePolicy policy;
  SeededRandom rng(12345);
  for (int failures : {1, 4, 11, 30}) {
    const auto delay = retry_delay(failures, policy);
    SysTime lo = SysTime::max();
    SysTime hi = SysTime::min();
    for (int i = 0; i < 5000; ++i) {
      const SysTime due = next_due(k_now, failures, k_now, policy, rng);
      lo = std::min(lo, due);
      hi = std::max(hi, due);
    }
    const auto min_allowed = k_now + std::chrono::duration_cast<ScheduleDuration>(delay * 0.8);
    EXPECT_GE(lo, min_allowed) << failures;
    EXPECT_LE(hi, k_now + delay) << failures;
    // The draws really spread over the range (not a constant).
    EXPECT_GT(hi - lo, (delay * 0.2) * 0.9) << failures;
    EXPECT_LE(hi, k_now + k_week) << "never past the cap";
  }
}

TEST(Schedule, JitterFractionIsClamped) {
  SchedulePolicy policy;
  policy.retry_jitter = 3.0;
  ScriptedRandom top({k_almost_one});
  EXPECT_GE(next_due(std::nullopt, 1, k_now, policy, top), k_now) << "never before now";
  policy.retry_jitter = -1.0;
  EXPECT_EQ(next_due(std::nullopt, 1, k_now, policy, top), k_now + 15min);
}

TEST(Schedule, SeededRandomIsInUnitRangeAndReproducible) {
  SeededRandom a(7);
  SeededRandom b(7);
  double lo = 1.0;
  double hi = 0.0;
  for (int i = 0; i < 10000; ++i) {
    const double u = a.next_unit();
    ASSERT_EQ(u, b.next_unit());
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    lo = std::min(lo, u);
    hi = std::max(hi, u);
  }
  EXPECT_LT(lo, 0.01);
  EXPECT_GT(hi, 0.99);
}

TEST(Schedule, WakeAtTheEarliestDueTime) {
  ScriptedRandom zero({0.0});
  EXPECT_EQ(next_wake({k_now + 3h, k_now + 2h, k_now + 5h}, k_now, 6h, 10min, zero), k_now + 2h);
}

TEST(Schedule, WakeNoLaterThanTheInterval) {
  ScriptedRandom zero({0.0});
  EXPECT_EQ(next_wake({k_now + 30h}, k_now, 6h, 10min, zero), k_now + 6h);
  EXPECT_EQ(next_wake({}, k_now, 6h, 10min, zero), k_now + 6h) << "nothing known: look again after interval";
}

TEST(Schedule, WakeJitterBounds) {
  ScriptedRandom half({0.5});
  EXPECT_EQ(next_wake({k_now + 2h}, k_now, 6h, 10min, half), k_now + 2h + 5min);
  SeededRandom rng(99);
  SysTime lo = SysTime::max();
  SysTime hi = SysTime::min();
  for (int i = 0; i < 5000; ++i) {
    const SysTime wake = next_wake({k_now + 2h}, k_now, 6h, 10min, rng);
    lo = std::min(lo, wake);
    hi = std::max(hi, wake);
  }
  EXPECT_GE(lo, k_now + 2h);
  EXPECT_LT(hi, k_now + 2h + 10min);
  EXPECT_LT(lo, k_now + 2h + 10s);
  EXPECT_GT(hi, k_now + 2h + 9min + 50s);
}

TEST(Schedule, PastDueWakesSoonButNeverInThePast) {
  ScriptedRandom top({k_almost_one});
  const SysTime wake = next_wake({k_now - 3h, k_now + 1h}, k_now, 6h, 10min, top);
  EXPECT_GE(wake, k_now + k_min_sleep);
  EXPECT_LT(wake, k_now + k_min_sleep + k_catch_up_jitter) << "catching up ignores the long jitter";
  ScriptedRandom zero({0.0});
  EXPECT_EQ(next_wake({k_now - 3h}, k_now, 6h, 10min, zero), k_now + k_min_sleep);
  EXPECT_EQ(next_wake({k_now}, k_now, 6h, 0ms, zero), k_now + k_min_sleep);
}

TEST(Schedule, MinimumSleepPreventsBusyLoops) {
  SeededRandom rng(3);
  // Whatever the input, the daemon sleeps at least k_min_sleep.
  const std::vector<std::vector<SysTime>> inputs{
      {}, {k_now}, {k_now - 1ms}, {k_now + 1ms}, {k_now + 999ms}, {SysTime::min() + 1h}};
  for (const auto& dues : inputs) {
    for (auto interval : {0ms, 1ms, -5ms, ScheduleDuration{6h}}) {
      for (auto jitter : {0ms, -1ms, ScheduleDuration{10min}}) {
        const SysTime wake = next_wake(dues, k_now, interval, jitter, rng);
        EXPECT_GE(wake, k_now + k_min_sleep);
        EXPECT_LT(wake, k_now + std::max<ScheduleDuration>(interval, k_min_sleep) + std::max(jitter, 1ms));
      }
    }
  }
  EXPECT_EQ(k_min_sleep, 1s);
}

}  // namespace
}  // namespace scholard::daemon
