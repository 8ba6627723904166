// The politeness referee, through the stats endpoint and the server log.
#include <gtest/gtest.h>

#include <thread>

#include "fakeapi_test_util.hpp"

namespace scholard::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* k_arxiv_target = "/api/query?id_list=2308.03686";
constexpr const char* k_crossref_target = "/works/10.1093/jrsssb/qkae005";

std::unique_ptr<FakeApiProcess> referee_server(std::vector<std::string> extra = {}) {
  extra.insert(extra.end(), {"--arxiv-interval", "1s"});
  return start_fakeapi(seed_dir(), extra);
}

FakeApiStats stats_of(FakeApiProcess& server) {
  auto stats = server.stats();
  EXPECT_TRUE(stats.has_value()) << (stats ? "" : stats.error().message);
  return stats ? *stats : FakeApiStats{};
}

TEST(Referee, ArxivRequestsTooCloseMakeOneViolation) {
  auto server = referee_server();
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  ASSERT_EQ(client.get(k_arxiv_target).status, 200u);
  std::this_thread::sleep_for(100ms);
  ASSERT_EQ(client.get(k_arxiv_target).status, 200u);
  const FakeApiStats stats = stats_of(*server);
  EXPECT_EQ(stats.arxiv.requests, 2);
  EXPECT_GE(stats.arxiv.min_gap_ms, 100);
  EXPECT_LT(stats.arxiv.min_gap_ms, 1000);
  EXPECT_EQ(stats.arxiv.max_in_flight, 1);
  ASSERT_EQ(stats.violations.size(), 1u);
  EXPECT_EQ(stats.violations[0].rfind("arxiv: requests 0.", 0), 0u) << stats.violations[0];
  EXPECT_NE(stats.violations[0].find("(< 1 s)"), std::string::npos) << stats.violations[0];
  EXPECT_NE(server->log().find("\nVIOLATION arxiv: requests"), std::string::npos);
}

TEST(Referee, ProperlySpacedArxivRequestsAreClean) {
  auto server = referee_server();
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  ASSERT_EQ(client.get(k_arxiv_target).status, 200u);
  EXPECT_EQ(stats_of(*server).arxiv.min_gap_ms, -1) << "fewer than two requests";
  std::this_thread::sleep_for(1100ms);
  ASSERT_EQ(client.get(k_arxiv_target).status, 200u);
  const FakeApiStats stats = stats_of(*server);
  EXPECT_EQ(stats.arxiv.requests, 2);
  EXPECT_GE(stats.arxiv.min_gap_ms, 1000);
  EXPECT_TRUE(stats.violations.empty());
  EXPECT_EQ(server->log().find("VIOLATION"), std::string::npos);
}

// Two clients on two threads, each request held open by a delay fault.
void overlapping_requests(FakeApiProcess& server, const char* target, HeaderList headers = {}) {
  auto one = [&] {
    LoopbackClient client(server.port());
    EXPECT_EQ(client.get(target, headers).status, 200u);
  };
  std::thread first(one);
  std::thread second(one);
  first.join();
  second.join();
}

TEST(Referee, OverlappingArxivRequestsAreReported) {
  auto server = start_fakeapi(seed_dir(), {"--arxiv-interval", "0s"});
  ASSERT_NE(server, nullptr);
  ASSERT_TRUE(server->set_fault("arxiv", "delay", "400", 2).has_value());
  overlapping_requests(*server, k_arxiv_target);
  const FakeApiStats stats = stats_of(*server);
  EXPECT_EQ(stats.arxiv.requests, 2);
  EXPECT_EQ(stats.arxiv.max_in_flight, 2);
  ASSERT_EQ(stats.violations.size(), 1u);
  EXPECT_NE(stats.violations[0].find("in flight"), std::string::npos) << stats.violations[0];
}

TEST(Referee, CrossrefConcurrencyAboveThePoolLimitIsReported) {
  auto server = referee_server();
  ASSERT_NE(server, nullptr);
  ASSERT_TRUE(server->set_fault("crossref", "delay", "400", 2).has_value());
  overlapping_requests(*server, k_crossref_target);  // public pool: concurrency 1
  const FakeApiStats stats = stats_of(*server);
  EXPECT_EQ(stats.crossref.requests, 2);
  EXPECT_EQ(stats.crossref.max_in_flight, 2);
  ASSERT_EQ(stats.violations.size(), 1u);
  EXPECT_NE(stats.violations[0].find("x-concurrency-limit 1"), std::string::npos) << stats.violations[0];
}

TEST(Referee, PolitePoolAllowsThreeAtOnce) {
  auto server = referee_server();
  ASSERT_NE(server, nullptr);
  ASSERT_TRUE(server->set_fault("crossref", "delay", "400", 2).has_value());
  overlapping_requests(*server, k_crossref_target, {{"User-Agent", "test (mailto:ops@example.org)"}});
  const FakeApiStats stats = stats_of(*server);
  EXPECT_EQ(stats.crossref.max_in_flight, 2);
  EXPECT_TRUE(stats.violations.empty());
}

TEST(Referee, CrossrefRateAboveTheLimitIsReported) {
  auto server = referee_server({"--crossref-public-limit", "2", "--crossref-public-concurrency", "5"});
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  for (int i = 0; i < 3; ++i) ASSERT_EQ(client.get(k_crossref_target).status, 200u);
  const FakeApiStats stats = stats_of(*server);
  EXPECT_EQ(stats.crossref.requests, 3);
  ASSERT_EQ(stats.violations.size(), 1u);
  EXPECT_NE(stats.violations[0].find("3 requests within 1 s (> x-rate-limit-limit 2"), std::string::npos)
      << stats.violations[0];
}

TEST(Referee, ResetClearsStatsAndControlRequestsAreNotCounted) {
  auto server = referee_server();
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  client.get(k_arxiv_target);
  client.get(k_arxiv_target);
  client.get(k_crossref_target);
  ASSERT_FALSE(stats_of(*server).violations.empty());
  ASSERT_TRUE(server->reset().has_value());
  const FakeApiStats stats = stats_of(*server);
  EXPECT_EQ(stats.arxiv.requests, 0);
  EXPECT_EQ(stats.arxiv.min_gap_ms, -1);
  EXPECT_EQ(stats.crossref.requests, 0);
  EXPECT_TRUE(stats.violations.empty());
  const auto json = server->stats_json();
  ASSERT_TRUE(json.has_value());
  EXPECT_EQ(*json,
            R"({"arxiv":{"requests":0,"min_gap_ms":-1,"max_in_flight":0},)"
            R"("crossref":{"requests":0,"max_in_flight":0},"crossref_list":{"requests":0,"max_in_flight":0},)"
            R"("semanticscholar":{"requests":0,"min_gap_ms":-1,"max_in_flight":0,"batch":0,"paper":0,"match":0,)"
            R"("other":0,"with_key":0,"without_key":0,"rejected_key":0},"violations":[]})");
}

}  // namespace
}  // namespace scholard::testing
