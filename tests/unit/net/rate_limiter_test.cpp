#include "net/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "core/clock.hpp"

namespace scholard::net {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const LimiterPolicy k_arxiv{seconds(3), 1, Adaptation::fixed};
const LimiterPolicy k_crossref{milliseconds(0), 3, Adaptation::from_headers};

RateHeaders announce(const std::string& limit, const std::string& interval, const std::string& concurrency = "") {
  HeaderList headers{{"x-rate-limit-limit", limit}, {"x-rate-limit-interval", interval}};
  if (!concurrency.empty()) headers.emplace_back("x-concurrency-limit", concurrency);
  return rate_headers_from(headers);
}

// A Crossref lane that has seen its first answer: `limit` per `interval`,
// `slots` in flight.
LimiterState crossref_lane(const std::string& limit, const std::string& interval, int slots) {
  const LimiterPolicy policy{milliseconds(0), slots, Adaptation::from_headers};
  auto state = initial_state(policy);
  adapt(state, policy, announce(limit, interval, std::to_string(slots)));
  return state;
}

// Admits a request at `at` and sends it at once.
void start_and_send(LimiterState& state, core::SteadyTime at) {
  record_admit(state);
  record_sent(state, at);
}

TEST(Limiter, FirstRequestStartsAtOnce) {
  core::FakeClock clock;
  const auto state = initial_state(k_arxiv);
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::start_now);
}

TEST(Limiter, SpacesSendsByTheInterval) {
  core::FakeClock clock;
  LimiterPolicy policy{seconds(3), 2, Adaptation::fixed};
  auto state = initial_state(policy);
  const auto t0 = clock.steady_now();
  start_and_send(state, t0);
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

// The arXiv bug: a request admitted at t0 whose connect took 40 ms reached the
// server at t0 + 40 ms; counting from the admission let the next one arrive
// 40 ms short of the interval.
TEST(Limiter, SpacingCountsFromTheSendNotTheAdmission) {
  core::FakeClock clock;
  auto state = initial_state(k_arxiv);
  const auto t0 = clock.steady_now();
  ASSERT_EQ(admit(state, t0).kind, AdmitKind::start_now);
  record_admit(state);
  clock.advance(milliseconds(40));  // connecting
  record_sent(state, clock.steady_now());
  clock.advance(milliseconds(10));
  record_finish(state);
  clock.advance(seconds(3) - milliseconds(50));  // t0 + 3 s
  const auto wait = admit(state, clock.steady_now());
  EXPECT_EQ(wait.kind, AdmitKind::wait_until);
  EXPECT_EQ(wait.at, t0 + milliseconds(3040));
}

TEST(Limiter, SpacedHostWaitsForTheSendOfAnAdmittedRequest) {
  core::FakeClock clock;
  LimiterPolicy policy{milliseconds(100), 2, Adaptation::fixed};
  auto state = initial_state(policy);
  record_admit(state);
  // A free slot, but the spacing's origin (the send) is not known yet.
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::wait_for_send);
  clock.advance(milliseconds(30));
  const auto sent_at = clock.steady_now();
  record_sent(state, sent_at);
  const auto wait = admit(state, clock.steady_now());
  EXPECT_EQ(wait.kind, AdmitKind::wait_until);
  EXPECT_EQ(wait.at, sent_at + milliseconds(100));
}

TEST(Limiter, CapsRequestsInFlight) {
  core::FakeClock clock;
  auto state = initial_state(k_arxiv);
  start_and_send(state, clock.steady_now());
  clock.advance(seconds(10));
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::wait_for_slot);
  record_finish(state);
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::start_now);
  record_finish(state);  // an extra finish never goes negative
  EXPECT_EQ(state.in_flight, 0);
}

TEST(Limiter, WithdrawnRequestGivesBackItsSlotAndSend) {
  core::FakeClock clock;
  auto state = initial_state(k_arxiv);
  record_admit(state);
  record_withdrawn(state);
  EXPECT_EQ(state.in_flight, 0);
  EXPECT_EQ(state.unsent, 0);
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::start_now);
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

TEST(Limiter, WindowMarginIsThreePercentAndAtLeastTenMilliseconds) {
  EXPECT_EQ(window_margin(seconds(1)), milliseconds(30));
  EXPECT_EQ(window_margin(seconds(60)), milliseconds(1800));
  EXPECT_EQ(window_margin(milliseconds(1001)), milliseconds(31));  // rounded up
  EXPECT_EQ(window_margin(milliseconds(100)), milliseconds(10));
  EXPECT_EQ(window_margin(milliseconds(0)), milliseconds(0));
  EXPECT_EQ(window_span(seconds(1)), milliseconds(1030));
}

TEST(Limiter, WindowLetsLimitRequestsStartAtOnce) {
  core::FakeClock clock;
  auto state = crossref_lane("10", "1s", 20);
  const auto t0 = clock.steady_now();
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(admit(state, t0).kind, AdmitKind::start_now) << "request " << i;
    record_admit(state);  // not sent yet: still counts against the window
  }
  EXPECT_EQ(admit(state, t0).kind, AdmitKind::wait_for_send);
  for (int i = 0; i < 10; ++i) record_sent(state, t0);
  const auto wait = admit(state, t0);
  EXPECT_EQ(wait.kind, AdmitKind::wait_until);
  EXPECT_EQ(wait.at, t0 + milliseconds(1030));
}

TEST(Limiter, WindowStartsAreBoundedByTheConcurrency) {
  core::FakeClock clock;
  auto state = crossref_lane("10", "1s", 3);
  const auto t0 = clock.steady_now();
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(admit(state, t0).kind, AdmitKind::start_now);
    start_and_send(state, t0);
  }
  EXPECT_EQ(admit(state, t0).kind, AdmitKind::wait_for_slot);
  record_finish(state);
  EXPECT_EQ(admit(state, t0).kind, AdmitKind::start_now);
}

TEST(Limiter, NextRequestWaitsUntilTheOldestSendLeavesTheWindow) {
  core::FakeClock clock;
  auto state = crossref_lane("10", "1s", 3);
  const auto t0 = clock.steady_now();
  for (int i = 0; i < 10; ++i) {  // one every 100 ms
    ASSERT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::start_now) << "request " << i;
    start_and_send(state, clock.steady_now());
    record_finish(state);
    clock.advance(milliseconds(100));
  }
  // t0 + 1000 ms: the first send is 1 s old, still inside the 1030 ms span.
  auto wait = admit(state, clock.steady_now());
  EXPECT_EQ(wait.kind, AdmitKind::wait_until);
  EXPECT_EQ(wait.at, t0 + milliseconds(1030));
  clock.advance(milliseconds(29));
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::wait_until);
  clock.advance(milliseconds(1));
  ASSERT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::start_now);
  start_and_send(state, clock.steady_now());
  record_finish(state);
  wait = admit(state, clock.steady_now());
  EXPECT_EQ(wait.kind, AdmitKind::wait_until);
  EXPECT_EQ(wait.at, t0 + milliseconds(100 + 1030));  // now the second one must leave
}

// Whatever the send delays (0-59 ms after admission), no span holds more than
// `limit` sends, and the window is used: 100 requests at 10 per span take
// about 9 spans.
TEST(Limiter, NoSpanEverHoldsMoreThanTheLimit) {
  core::FakeClock clock;
  auto state = crossref_lane("10", "1s", 3);
  const auto span = window_span(seconds(1));
  const auto t0 = clock.steady_now();
  struct Open {
    core::SteadyTime send_at;
    core::SteadyTime done_at;
    bool sent = false;
  };
  std::vector<Open> open;
  std::vector<core::SteadyTime> sends;
  int started = 0;
  for (int tick = 0; tick < 20'000 && sends.size() < 100; ++tick) {
    const auto now = clock.steady_now();
    for (auto& o : open) {
      if (!o.sent && o.send_at <= now) {
        record_sent(state, now);
        sends.push_back(now);
        o.sent = true;
      }
    }
    std::erase_if(open, [&](const Open& o) {
      if (!o.sent || o.done_at > now) return false;
      record_finish(state);
      return true;
    });
    while (started < 100 && admit(state, now).kind == AdmitKind::start_now) {
      record_admit(state);
      const auto connect = milliseconds((started * 37) % 60);  // 0..59 ms before the send
      open.push_back({now + connect, now + connect + milliseconds(2 + started % 5)});
      ++started;
    }
    clock.advance(milliseconds(1));
  }
  ASSERT_EQ(sends.size(), 100u);
  for (std::size_t i = 0; i + 10 < sends.size(); ++i) {
    EXPECT_GE(sends[i + 10] - sends[i], span) << "sends " << i << " and " << i + 10;
  }
  // Nine waits for a window plus the send delays at each window's start;
  // the old fixed spacing (110 ms) needed 99 x 110 ms = 10.9 s.
  EXPECT_LT(sends.back() - t0, 10 * span);
}

TEST(Limiter, LoweredLimitShrinksTheWindowAtOnce) {
  core::FakeClock clock;
  auto state = crossref_lane("10", "1s", 10);
  const auto t0 = clock.steady_now();
  for (int i = 0; i < 5; ++i) {
    start_and_send(state, t0);
    record_finish(state);
  }
  EXPECT_EQ(admit(state, t0).kind, AdmitKind::start_now);
  adapt(state, LimiterPolicy{milliseconds(0), 10, Adaptation::from_headers}, announce("5", "1s"));
  const auto wait = admit(state, t0);
  EXPECT_EQ(wait.kind, AdmitKind::wait_until);
  EXPECT_EQ(wait.at, t0 + milliseconds(1030));
  // A longer interval stretches it at once too.
  adapt(state, LimiterPolicy{milliseconds(0), 10, Adaptation::from_headers}, announce("5", "2s"));
  EXPECT_EQ(admit(state, t0).at, t0 + milliseconds(2060));
}

TEST(Limiter, TooManyRequestsHalvesTheWindowLimitForAWhile) {
  core::FakeClock clock;
  auto state = crossref_lane("10", "1s", 10);
  const auto t0 = clock.steady_now();
  slow_down(state, t0);
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(admit(state, t0).kind, AdmitKind::start_now) << "request " << i;
    start_and_send(state, t0);
    record_finish(state);
  }
  EXPECT_EQ(admit(state, t0).kind, AdmitKind::wait_until);
  // Ten spans later the announced rate is back.
  clock.advance(10 * window_span(seconds(1)));
  const auto later = clock.steady_now();
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(admit(state, later).kind, AdmitKind::start_now) << "request " << i;
    start_and_send(state, later);
    record_finish(state);
  }
  EXPECT_EQ(admit(state, later).kind, AdmitKind::wait_until);
}

TEST(Limiter, TooManyRequestsWithALimitOfOneDoublesTheSpan) {
  core::FakeClock clock;
  auto state = crossref_lane("1", "1s", 1);
  const auto t0 = clock.steady_now();
  start_and_send(state, t0);
  record_finish(state);
  slow_down(state, t0);
  EXPECT_EQ(admit(state, t0).at, t0 + 2 * window_span(seconds(1)));
}

TEST(Limiter, TooManyRequestsDoublesTheSpacingOfAFixedHost) {
  core::FakeClock clock;
  auto state = initial_state(k_arxiv);
  const auto t0 = clock.steady_now();
  start_and_send(state, t0);
  record_finish(state);
  slow_down(state, t0);
  EXPECT_EQ(admit(state, t0).at, t0 + seconds(6));
  // For ten intervals (30 s), then the configured spacing again.
  clock.advance(seconds(30));
  start_and_send(state, clock.steady_now());
  record_finish(state);
  EXPECT_EQ(admit(state, clock.steady_now()).at, clock.steady_now() + seconds(3));
}

TEST(Limiter, TooManyRequestsWithoutKnownRatesHalvesTheSlots) {
  core::FakeClock clock;
  LimiterPolicy policy{milliseconds(0), 4, Adaptation::from_headers};
  auto state = initial_state(policy);
  adapt(state, policy, rate_headers_from({}));  // an answer without rate headers
  ASSERT_EQ(state.concurrency, 4);
  slow_down(state, clock.steady_now());
  start_and_send(state, clock.steady_now());
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::start_now);
  start_and_send(state, clock.steady_now());
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::wait_for_slot);
  clock.advance(k_min_slow_down);
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::start_now);
}

TEST(Limiter, AdaptsToCrossrefHeaders) {
  core::FakeClock clock;
  auto state = initial_state(k_crossref);
  EXPECT_EQ(state.window_limit, 0);
  adapt(state, k_crossref, announce("10", "1s", "2"));
  EXPECT_EQ(state.concurrency, 2);
  EXPECT_EQ(state.window_limit, 10);
  EXPECT_EQ(state.window, seconds(1));
  EXPECT_EQ(state.spacing, milliseconds(0));
  const auto t0 = clock.steady_now();
  start_and_send(state, t0);
  EXPECT_EQ(admit(state, t0).kind, AdmitKind::start_now);  // no spacing: the window allows it
  start_and_send(state, t0);
  clock.advance(seconds(1));
  EXPECT_EQ(admit(state, clock.steady_now()).kind, AdmitKind::wait_for_slot);
}

TEST(Limiter, HeaderDrivenHostProbesWithOneRequestFirst) {
  core::FakeClock clock;
  auto state = initial_state(k_crossref);
  EXPECT_EQ(state.concurrency, 1);
  start_and_send(state, clock.steady_now());
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
  EXPECT_EQ(state.window_limit, 5);
  EXPECT_EQ(state.window, seconds(1));
  EXPECT_EQ(state.concurrency, 3);  // no concurrency header: the configured slots
  adapt(state, k_crossref, rate_headers_from({{"x-concurrency-limit", "2, 2"}}));
  EXPECT_EQ(state.concurrency, 2);
  adapt(state, k_crossref, rate_headers_from({{"x-ratelimit-limit", "7"}}));  // no interval: window kept
  EXPECT_EQ(state.window_limit, 5);
  EXPECT_EQ(state.concurrency, 2);  // absent header: unchanged
}

TEST(Limiter, NeverLooserThanConfigured) {
  core::FakeClock clock;
  LimiterPolicy policy{milliseconds(500), 3, Adaptation::from_headers};
  auto state = initial_state(policy);
  adapt(state, policy, announce("1000", "1s", "10"));
  EXPECT_EQ(state.concurrency, 3);
  EXPECT_EQ(state.spacing, milliseconds(500));  // the configured spacing still applies
  const auto t0 = clock.steady_now();
  start_and_send(state, t0);
  EXPECT_EQ(admit(state, t0).at, t0 + milliseconds(500));
  // Limits come back up (to the configured ones) when the server relaxes again.
  adapt(state, policy, rate_headers_from({{"x-concurrency-limit", "1"}}));
  EXPECT_EQ(state.concurrency, 1);
  adapt(state, policy, rate_headers_from({{"x-concurrency-limit", "3"}}));
  EXPECT_EQ(state.concurrency, 3);
  adapt(state, policy, rate_headers_from({{"x-concurrency-limit", "0"}}));  // nonsense ignored
  EXPECT_EQ(state.concurrency, 3);
  adapt(state, policy, announce("0", "1s"));
  EXPECT_EQ(state.window_limit, 1000);
}

TEST(Limiter, FixedPolicyIgnoresHeaders) {
  auto state = initial_state(k_arxiv);
  adapt(state, k_arxiv, announce("100", "1s", "5"));
  EXPECT_EQ(state.spacing, seconds(3));
  EXPECT_EQ(state.window_limit, 0);
  EXPECT_EQ(state.concurrency, 1);
}

TEST(Limiter, SendLogStaysSmall) {
  core::FakeClock clock;
  auto state = crossref_lane("10", "1s", 3);
  for (int i = 0; i < 1000; ++i) {
    start_and_send(state, clock.steady_now());
    record_finish(state);
    clock.advance(milliseconds(110));
  }
  // Two spans' worth at most (a slowed window looks back that far).
  EXPECT_LE(state.sends.size(), 20u);
}

}  // namespace
}  // namespace scholard::net
