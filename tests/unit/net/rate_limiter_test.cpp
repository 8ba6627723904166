#include "net/rate_limiter.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"

namespace scholard::net {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const LimiterPolicy k_arxiv{seconds(3), 1, Adaptation::fixed};
const LimiterPolicy k_crossref{milliseconds(0), 3, Adaptation::from_headers};

TEST(Limiter, FirstRequestStartsAtOnce) {
  core::FakeClock clock;
  const auto state = initial_state(k_arxiv);
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::start_now);
}

TEST(Limiter, SpacesStartsByTheInterval) {
  core::FakeClock clock;
  LimiterPolicy policy{seconds(3), 2, Adaptation::fixed};
  auto state = initial_state(policy);
  const auto t0 = clock.steady_now();
  record_start(state, t0);
  record_finish(state);
  clock.advance(seconds(1));
  const auto wait = admit(state, clock.steady_now());
  EXPECT_EQ(wait.kind, AdmitKind::wait_until);
  EXPECT_EQ(wait.at, t0 + seconds(3));
  clock.advance(milliseconds(1999));
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::wait_until);
  clock.advance(milliseconds(1));
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::start_now);
}

TEST(Limiter, CapsRequestsInFlight) {
  core::FakeClock clock;
  auto state = initial_state(k_arxiv);
  record_start(state, clock.steady_now());
  clock.advance(seconds(10));
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::wait_for_slot);
  record_finish(state);
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::start_now);
  record_finish(state);  // an extra finish never goes negative
  EXPECT_EQ(state.in_flight, 0);
}

TEST(Limiter, PauseHoldsEveryStartUntilThen) {
  core::FakeClock clock;
  auto state = initial_state(k_crossref);
  const auto until = clock.steady_now() + seconds(5);
  pause_until(state, until);
  pause_until(state, clock.steady_now() + seconds(1));  // an earlier pause does not shorten it
  const auto a = admit(state, clock.steady_now());
  EXPECT_EQ(a.kind, AdmitKind::wait_until);
  EXPECT_EQ(a.at, until);
  clock.advance(seconds(5));
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::start_now);
}

TEST(Limiter, SpacingFromRateHeadersHasAMargin) {
  EXPECT_EQ(spacing_for(10, seconds(1)), milliseconds(110));
  EXPECT_EQ(spacing_for(5, seconds(1)), milliseconds(220));
  EXPECT_EQ(spacing_for(50, seconds(1)), milliseconds(22));
  EXPECT_EQ(spacing_for(3, seconds(1)), milliseconds(368));  // 334 (rounded up) + 34
  EXPECT_EQ(spacing_for(0, seconds(1)), milliseconds(0));
  EXPECT_GE(spacing_for(10, seconds(1)), milliseconds(100));
}

TEST(Limiter, AdaptsToCrossrefHeaders) {
  core::FakeClock clock;
  auto state = initial_state(k_crossref);
  EXPECT_EQ(state.interval, milliseconds(0));
  adapt(state, k_crossref, rate_headers_from({{"x-rate-limit-limit", "10"},
                                              {"x-rate-limit-interval", "1s"},
                                              {"x-concurrency-limit", "2"}}));
  EXPECT_EQ(state.concurrency, 2);
  EXPECT_GE(state.interval, milliseconds(100));
  const auto t0 = clock.steady_now();
  record_start(state, t0);
  clock.advance(milliseconds(50));
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::wait_until);
  clock.advance(milliseconds(60));
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::start_now);
  record_start(state, clock.steady_now());
  clock.advance(seconds(1));
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::wait_for_slot);
}

TEST(Limiter, HeaderDrivenHostProbesWithOneRequestFirst) {
  core::FakeClock clock;
  auto state = initial_state(k_crossref);
  EXPECT_EQ(state.concurrency, 1);
  record_start(state, clock.steady_now());
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::wait_for_slot);
  record_finish(state);
  // The first answer carried no concurrency header: the configured 3 apply.
  adapt(state, k_crossref, rate_headers_from({{"content-type", "application/json"}}));
  EXPECT_EQ(state.concurrency, 3);
  EXPECT_FALSE(state.probing);
}

TEST(Limiter, AdaptsToCompactSpellingAndDuplicatedValues) {
  auto state = initial_state(k_crossref);
  adapt(state, k_crossref, rate_headers_from({{"x-ratelimit-limit", "5, 5"}, {"x-ratelimit-interval", "1s, 1s"}}));
  EXPECT_EQ(state.interval, spacing_for(5, seconds(1)));
  EXPECT_EQ(state.concurrency, 3);  // no concurrency header: the configured slots
  adapt(state, k_crossref, rate_headers_from({{"x-concurrency-limit", "2, 2"}}));
  EXPECT_EQ(state.concurrency, 2);
  adapt(state, k_crossref, rate_headers_from({{"x-ratelimit-limit", "5"}}));  // no interval: spacing kept
  EXPECT_EQ(state.interval, spacing_for(5, seconds(1)));
  EXPECT_EQ(state.concurrency, 2);  // absent header: unchanged
}

TEST(Limiter, NeverLooserThanConfigured) {
  LimiterPolicy policy{milliseconds(500), 3, Adaptation::from_headers};
  auto state = initial_state(policy);
  adapt(state, policy, rate_headers_from({{"x-rate-limit-limit", "1000"},
                                          {"x-rate-limit-interval", "1s"},
                                          {"x-concurrency-limit", "10"}}));
  EXPECT_EQ(state.concurrency, 3);
  EXPECT_EQ(state.interval, milliseconds(500));
  // Limits come back up (to the configured ones) when the server relaxes again.
  adapt(state, policy, rate_headers_from({{"x-concurrency-limit", "1"}}));
  EXPECT_EQ(state.concurrency, 1);
  adapt(state, policy, rate_headers_from({{"x-concurrency-limit", "3"}}));
  EXPECT_EQ(state.concurrency, 3);
  adapt(state, policy, rate_headers_from({{"x-concurrency-limit", "0"}}));  // nonsense ignored
  EXPECT_EQ(state.concurrency, 3);
}

TEST(Limiter, FixedPolicyIgnoresHeaders) {
  auto state = initial_state(k_arxiv);
  adapt(state, k_arxiv, rate_headers_from({{"x-rate-limit-limit", "100"},
                                           {"x-rate-limit-interval", "1s"},
                                           {"x-concurrency-limit", "5"}}));
  EXPECT_EQ(state.interval, seconds(3));
  EXPECT_EQ(state.concurrency, 1);
}

}  // namespace
}  // namespace scholard::net
