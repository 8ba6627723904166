#include "net/retry_policy.hpp"

#include <gtest/gtest.h>

namespace scholard::net {
namespace {

using std::chrono::milliseconds;

const RetryPolicy k_policy{5, milliseconds(100), milliseconds(1000)};

UnitRandom constant(double value) {
  return [value] { return value; };
}

TEST(Backoff, CeilingDoublesUntilTheCap) {
  // unit -> 1 gives the ceiling: initial * 2^retry, capped at max_delay.
  EXPECT_EQ(backoff_delay(k_policy, 1, 1.0), milliseconds(200));
  EXPECT_EQ(backoff_delay(k_policy, 2, 1.0), milliseconds(400));
  EXPECT_EQ(backoff_delay(k_policy, 3, 1.0), milliseconds(800));
  EXPECT_EQ(backoff_delay(k_policy, 4, 1.0), milliseconds(1000));
  EXPECT_EQ(backoff_delay(k_policy, 60, 1.0), milliseconds(1000));  // no overflow
}

TEST(Backoff, JitterStaysBetweenFloorAndCeiling) {
  for (int retry = 1; retry <= 6; ++retry) {
    EXPECT_EQ(backoff_delay(k_policy, retry, 0.0), milliseconds(100)) << retry;
    for (double u : {0.1, 0.5, 0.9, 0.999}) {
      const auto d = backoff_delay(k_policy, retry, u);
      EXPECT_GE(d, milliseconds(100));
      EXPECT_LE(d, milliseconds(1000));
    }
  }
  EXPECT_EQ(backoff_delay(k_policy, 2, 0.5), milliseconds(250));  // 100 + 0.5 * (400 - 100)
  EXPECT_EQ(backoff_delay(k_policy, 2, 7.0), milliseconds(400));  // out-of-range randoms clamp
}

TEST(Backoff, ArxivFirstRetryWaitsAtLeastThirtySeconds) {
  const RetryPolicy arxiv{4, std::chrono::seconds(30), std::chrono::minutes(15)};
  EXPECT_GE(backoff_delay(arxiv, 1, 0.0), std::chrono::seconds(30));
  EXPECT_LE(backoff_delay(arxiv, 10, 0.99), std::chrono::minutes(15));
}

TEST(DecideRetry, RetriesTransientAndRateLimitedOnly) {
  for (Outcome o : {Outcome::transient, Outcome::rate_limited}) {
    const auto d = decide_retry(k_policy, o, 1, std::nullopt, constant(0.0));
    EXPECT_EQ(d.action, RetryAction::retry);
    EXPECT_EQ(d.delay, milliseconds(100));
  }
  for (Outcome o : {Outcome::ok, Outcome::not_modified, Outcome::not_found, Outcome::permanent}) {
    EXPECT_EQ(decide_retry(k_policy, o, 1, std::nullopt, constant(0.0)).action, RetryAction::give_up);
  }
}

TEST(DecideRetry, StopsAtMaxAttempts) {
  EXPECT_EQ(decide_retry(k_policy, Outcome::transient, 4, std::nullopt, constant(0.5)).action, RetryAction::retry);
  EXPECT_EQ(decide_retry(k_policy, Outcome::transient, 5, std::nullopt, constant(0.5)).action,
            RetryAction::give_up);
  const RetryPolicy once{1, milliseconds(100), milliseconds(1000)};
  EXPECT_EQ(decide_retry(once, Outcome::transient, 1, std::nullopt, constant(0.5)).action, RetryAction::give_up);
}

TEST(DecideRetry, NeverSoonerThanRetryAfter) {
  const auto d = decide_retry(k_policy, Outcome::rate_limited, 1, milliseconds(700), constant(0.0));
  EXPECT_EQ(d.action, RetryAction::retry);
  EXPECT_EQ(d.delay, milliseconds(700));
  // A short Retry-After does not shorten the backoff.
  const auto e = decide_retry(k_policy, Outcome::rate_limited, 3, milliseconds(10), constant(1.0));
  EXPECT_EQ(e.delay, milliseconds(800));
}

TEST(DecideRetry, GivesUpWhenRetryAfterExceedsTheCap) {
  EXPECT_EQ(decide_retry(k_policy, Outcome::rate_limited, 1, milliseconds(1001), constant(0.0)).action,
            RetryAction::give_up);
  EXPECT_EQ(decide_retry(k_policy, Outcome::rate_limited, 1, milliseconds(1000), constant(0.0)).action,
            RetryAction::retry);
}

TEST(DecideRetry, RateLimitedWithoutRetryAfterCanGiveUpAtOnce) {
  RetryPolicy busy_pool = k_policy;
  busy_pool.retry_rate_limited_without_retry_after = false;
  EXPECT_EQ(decide_retry(busy_pool, Outcome::rate_limited, 1, std::nullopt, constant(0.0)).action,
            RetryAction::give_up);
  // A Retry-After within the cap is still waited for, and transient failures still retried.
  const auto d = decide_retry(busy_pool, Outcome::rate_limited, 1, milliseconds(700), constant(0.0));
  EXPECT_EQ(d.action, RetryAction::retry);
  EXPECT_EQ(d.delay, milliseconds(700));
  EXPECT_EQ(decide_retry(busy_pool, Outcome::transient, 1, std::nullopt, constant(0.0)).action, RetryAction::retry);
  // The default keeps retrying a 429 without Retry-After.
  EXPECT_EQ(decide_retry(k_policy, Outcome::rate_limited, 1, std::nullopt, constant(0.0)).action, RetryAction::retry);
}

TEST(DecideRetry, SystemRandomIsAUnitInterval) {
  const auto random = make_system_random();
  for (int i = 0; i < 1000; ++i) {
    const double u = random();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
  }
}

}  // namespace
}  // namespace scholard::net
