// What the real client reports of its lanes (LaneActivity) while it works:
// requests counted from the moment the observer is set, a retry's wait with
// its reason and end, a spaced lane's wait for its interval.
#include <gtest/gtest.h>

#include <vector>

#include "client_harness.hpp"
#include "scripted_server.hpp"

namespace scholard::net::testing {
namespace {

using Clock = std::chrono::steady_clock;

TEST(ClientActivity, ReportsRequestsAndTheRetryWaitWithItsEnd) {
  ScriptedServer server([](const Exchange&, int index) {
    if (index == 0) return ScriptedServer::reply(503, "", "busy");  // no Retry-After: our own backoff
    return ScriptedServer::reply(200, "", "ok");
  });
  ClientOptions options = quick_options();
  options.policies["scripted"] = quick_policy(3, milliseconds(600), milliseconds(600));
  Harness h(options);
  std::vector<LaneActivity> seen;
  h.client().observe([&seen](const LaneActivity& a) { seen.push_back(a); });
  const auto t0 = Clock::now();
  const Response resp = h.fetch(request_to(server.base_url() + "/x", "scripted"));
  EXPECT_EQ(resp.outcome, Outcome::ok) << resp.error;
  ASSERT_FALSE(seen.empty());
  bool waited = false;
  for (const auto& a : seen) {
    EXPECT_EQ(a.key, "scripted");
    if (a.waiting != WaitReason::backoff) continue;
    waited = true;
    ASSERT_TRUE(a.until.has_value());
    EXPECT_GE(*a.until - t0, milliseconds(550));
    EXPECT_LE(*a.until - t0, milliseconds(5000));
    EXPECT_EQ(a.in_flight, 0);
    EXPECT_EQ(a.backing_off, 1);
  }
  EXPECT_TRUE(waited);
  EXPECT_EQ(seen.back().requests, 2);
  EXPECT_EQ(seen.back().retries, 1);
  EXPECT_EQ(seen.back().waiting, WaitReason::none);

  // A new observer counts from zero.
  seen.clear();
  h.client().observe([&seen](const LaneActivity& a) { seen.push_back(a); });
  (void)h.fetch(request_to(server.base_url() + "/y", "scripted"));
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().requests, 1);
}

TEST(ClientActivity, ASpacedLaneWaitsForItsRateLimit) {
  ScriptedServer server([](const Exchange&, int) { return ScriptedServer::reply(200, "", "ok"); });
  ClientOptions options = quick_options();
  options.policies["spaced"] = quick_policy(1, milliseconds(10), milliseconds(10), milliseconds(400), 1);
  Harness h(options);
  std::vector<LaneActivity> seen;
  h.client().observe([&seen](const LaneActivity& a) { seen.push_back(a); });
  (void)h.fetch_all({request_to(server.base_url() + "/a", "spaced"), request_to(server.base_url() + "/b", "spaced")});
  bool rate_limited = false;
  for (const auto& a : seen) {
    EXPECT_EQ(a.per_request, milliseconds(400));
    if (a.waiting == WaitReason::rate_limit && a.until && a.queued == 1) rate_limited = true;
  }
  EXPECT_TRUE(rate_limited);
  EXPECT_EQ(seen.back().requests, 2);
  h.client().observe({});  // an empty observer is no observer
  (void)h.fetch(request_to(server.base_url() + "/c", "spaced"));
}

}  // namespace
}  // namespace scholard::net::testing
