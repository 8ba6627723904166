// Faults, the API key and the referee on the fake Semantic Scholar routes.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include <simdjson.h>

#include "fakeapi_test_util.hpp"

namespace scholard::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* k_single = "/graph/v1/paper/ARXIV:2308.03686?fields=title,venue";
constexpr const char* k_batch = "/graph/v1/paper/batch?fields=title,venue";
constexpr const char* k_batch_body = R"({"ids":["ARXIV:2308.03686","ARXIV:2205.14987"]})";
constexpr const char* k_match = "/graph/v1/paper/search/match?query=Many-shot+Jailbreaking";

std::string recorded_body(const std::string& name) {
  std::ifstream in(std::string(SCHOLARD_TEST_DATA) + "/semanticscholar/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  std::string body = text.str();
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.pop_back();
  return body;
}

bool is_json(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element element;
  return !parser.parse(body).get(element);
}

FakeApiStats stats_of(FakeApiProcess& server) {
  auto stats = server.stats();
  EXPECT_TRUE(stats.has_value()) << (stats ? "" : stats.error().message);
  return stats ? *stats : FakeApiStats{};
}

class SemanticScholarFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    m_server = start_fakeapi(seed_dir(), {"--s2-interval", "0s"});
    ASSERT_NE(m_server, nullptr);
    m_client = std::make_unique<LoopbackClient>(m_server->port());
  }
  void fault(std::string_view kind, std::string_view param = "", int count = 1) {
    const auto set = m_server->set_fault("s2", kind, param, count);
    ASSERT_TRUE(set.has_value()) << set.error().message;
  }
  HttpExchange post_batch() { return m_client->post(k_batch, k_batch_body, {{"Content-Type", "application/json"}}); }
  std::unique_ptr<FakeApiProcess> m_server;
  std::unique_ptr<LoopbackClient> m_client;
};

TEST_F(SemanticScholarFaults, TooManyRequestsIsTheRecordedJsonWithoutRetryAfter) {
  fault("429");
  const auto ex = post_batch();
  ASSERT_TRUE(ex.complete) << ex.error;
  EXPECT_EQ(ex.status, 429u);
  EXPECT_EQ(ex.header("retry-after"), "");
  EXPECT_EQ(ex.header("content-type"), "application/json");
  EXPECT_EQ(ex.header("x-amzn-errortype"), "TooManyRequestsException");
  EXPECT_EQ(ex.body, recorded_body("paper-search-429-too-many-requests-2026-03.json"));
  EXPECT_EQ(post_batch().status, 200u) << "one use only";
  fault("429", "30");
  EXPECT_EQ(m_client->get(k_single).header("retry-after"), "30");
}

TEST_F(SemanticScholarFaults, ForbiddenIsTheRecordedBadKeyAnswer) {
  fault("403");
  const auto ex = post_batch();
  EXPECT_EQ(ex.status, 403u);
  EXPECT_EQ(ex.header("x-amzn-errortype"), "ForbiddenException");
  EXPECT_EQ(ex.body, recorded_body("paper-batch-403-forbidden-bad-api-key.json"));
  EXPECT_FALSE(m_server->set_fault("crossref", "403").has_value()) << "403 is an S2 fault only";
}

TEST_F(SemanticScholarFaults, ServerErrorsAndGatewayPages) {
  fault("500");
  fault("503", "60");
  fault("504html");
  const auto internal = post_batch();
  EXPECT_EQ(internal.status, 500u);
  EXPECT_TRUE(is_json(internal.body)) << internal.body;
  const auto unavailable = post_batch();
  EXPECT_EQ(unavailable.status, 503u);
  EXPECT_EQ(unavailable.header("content-type"), "text/html");
  EXPECT_EQ(unavailable.header("retry-after"), "60");
  const auto gateway = post_batch();
  EXPECT_EQ(gateway.status, 504u);
  EXPECT_NE(gateway.body.find("<HTML>"), std::string::npos);
}

TEST_F(SemanticScholarFaults, BlockedPageComesWithStatus200) {
  fault("html200");
  const auto ex = post_batch();
  EXPECT_EQ(ex.status, 200u);
  EXPECT_EQ(ex.header("content-type"), "text/html; charset=utf-8");
  EXPECT_FALSE(is_json(ex.body));
  EXPECT_NE(ex.body.find("blocked"), std::string::npos);
}

TEST_F(SemanticScholarFaults, MalformedEmptyAndOversizeBodies) {
  fault("malformed");
  fault("empty");
  fault("oversize", "100000");
  const auto malformed = post_batch();
  EXPECT_EQ(malformed.status, 200u);
  EXPECT_EQ(malformed.body.front(), '[');
  EXPECT_FALSE(is_json(malformed.body));
  const auto empty = post_batch();
  EXPECT_EQ(empty.status, 200u);
  EXPECT_TRUE(empty.body.empty());
  const auto oversize = post_batch();
  ASSERT_TRUE(oversize.complete) << oversize.error;
  EXPECT_GT(oversize.body.size(), 100000u);
  EXPECT_TRUE(is_json(oversize.body));
}

TEST_F(SemanticScholarFaults, DeliveryFaultsWorkOnTheS2Routes) {
  fault("delay", "300");
  const auto slow = m_client->get(k_match);
  EXPECT_GE(slow.elapsed, 300ms);
  EXPECT_EQ(slow.status, 200u);
  fault("reset");
  EXPECT_FALSE(post_batch().header_received);
  fault("truncate", "10");
  const auto cut = post_batch();
  EXPECT_FALSE(cut.complete);
  EXPECT_EQ(cut.body.size(), 10u);
  EXPECT_EQ(post_batch().status, 200u);
}

TEST_F(SemanticScholarFaults, RoutesKeepTheirOwnQueues) {
  fault("429", "", 0);
  EXPECT_EQ(m_client->get("/api/query?id_list=2308.03686").status, 200u);
  EXPECT_EQ(m_client->get("/works/10.1093/jrsssb/qkae005").status, 200u);
  EXPECT_EQ(m_client->get(k_single).status, 429u);
  EXPECT_EQ(m_client->get(k_match).status, 429u);
  ASSERT_TRUE(m_server->reset().has_value());
  EXPECT_EQ(m_client->get(k_single).status, 200u);
}

TEST(SemanticScholarFaultsAtStartup, TheS2AliasWorksInFaultFlags) {
  auto server = start_fakeapi(seed_dir(), {"--fault", "s2:429x1", "--fault", "semanticscholar:503x1"});
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  EXPECT_EQ(client.get(k_single).status, 429u);
  EXPECT_EQ(client.get(k_single).status, 503u);
  EXPECT_EQ(client.get(k_single).status, 200u);
}

TEST(SemanticScholarKey, WithAKeyConfiguredMissingOrWrongKeysGet403AndTheKeyIsNeverLogged) {
  const std::string key = "k3y-Only-The-Test-Knows-0042";
  auto server = start_fakeapi(seed_dir(), {"--s2-interval", "0s", "--s2-api-key", key});
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  const auto none = client.post(k_batch, k_batch_body);
  EXPECT_EQ(none.status, 403u);
  EXPECT_EQ(none.body, recorded_body("paper-batch-403-forbidden-bad-api-key.json"));
  EXPECT_EQ(client.post(k_batch, k_batch_body, {{"x-api-key", "F@k3K3y"}}).status, 403u);
  EXPECT_EQ(client.post(k_batch, k_batch_body, {{"x-api-key", key}}).status, 200u);
  EXPECT_EQ(client.get(k_single, {{"X-API-KEY", key}}).status, 200u);
  const FakeApiStats stats = stats_of(*server);
  EXPECT_EQ(stats.semanticscholar.requests, 4);
  EXPECT_EQ(stats.semanticscholar.with_key, 3);
  EXPECT_EQ(stats.semanticscholar.without_key, 1);
  EXPECT_EQ(stats.semanticscholar.rejected_key, 2);
  ASSERT_TRUE(server->stop().has_value());
  EXPECT_EQ(server->log().find(key), std::string::npos);
  EXPECT_EQ(server->log().find("F@k3K3y"), std::string::npos);
  EXPECT_NE(server->log().find("POST /graph/v1/paper/batch?fields=title,venue -> 403"), std::string::npos);
}

TEST(SemanticScholarKey, WithoutAKeyConfiguredAnyKeyIsAccepted) {
  auto server = start_fakeapi(seed_dir(), {"--s2-interval", "0s"});
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  EXPECT_EQ(client.post(k_batch, k_batch_body, {{"x-api-key", "anything"}}).status, 200u);
  EXPECT_EQ(client.post(k_batch, k_batch_body).status, 200u);
  const FakeApiStats stats = stats_of(*server);
  EXPECT_EQ(stats.semanticscholar.with_key, 1);
  EXPECT_EQ(stats.semanticscholar.without_key, 1);
  EXPECT_EQ(stats.semanticscholar.rejected_key, 0);
}

TEST(SemanticScholarReferee, RequestsCloserThanTheIntervalAreAViolation) {
  auto server = start_fakeapi(seed_dir(), {"--s2-interval", "1s"});
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  EXPECT_EQ(client.post(k_batch, k_batch_body).status, 200u);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(client.get(k_single).status, 200u);
  const FakeApiStats stats = stats_of(*server);
  EXPECT_EQ(stats.semanticscholar.requests, 2);
  EXPECT_GE(stats.semanticscholar.min_gap_ms, 100);
  EXPECT_LT(stats.semanticscholar.min_gap_ms, 1000);
  EXPECT_EQ(stats.semanticscholar.batch, 1);
  EXPECT_EQ(stats.semanticscholar.paper, 1);
  ASSERT_EQ(stats.violations.size(), 1u);
  EXPECT_EQ(stats.violations[0].rfind("semanticscholar: requests 0.", 0), 0u) << stats.violations[0];
  EXPECT_NE(stats.violations[0].find("(< 1 s)"), std::string::npos) << stats.violations[0];
  EXPECT_NE(server->log().find("\nVIOLATION semanticscholar: requests"), std::string::npos);
  EXPECT_EQ(stats.arxiv.requests, 0) << "S2 requests are not counted as arXiv's";
}

TEST(SemanticScholarReferee, SpacedRequestsAreCleanAndEndpointsAreCounted) {
  auto server = start_fakeapi(seed_dir(), {"--s2-interval", "200ms"});
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  EXPECT_EQ(client.post(k_batch, k_batch_body).status, 200u);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(client.get(k_match).status, 200u);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(client.get(k_single).status, 200u);
  FakeApiStats stats = stats_of(*server);
  EXPECT_TRUE(stats.violations.empty());
  EXPECT_EQ(stats.semanticscholar.requests, 3);
  EXPECT_EQ(stats.semanticscholar.batch, 1);
  EXPECT_EQ(stats.semanticscholar.match, 1);
  EXPECT_EQ(stats.semanticscholar.paper, 1);
  EXPECT_GE(stats.semanticscholar.min_gap_ms, 200);
  ASSERT_TRUE(server->reset().has_value());
  stats = stats_of(*server);
  EXPECT_EQ(stats.semanticscholar.requests, 0);
  EXPECT_EQ(stats.semanticscholar.min_gap_ms, -1);
}

TEST(SemanticScholarReferee, OverlappingRequestsAreReported) {
  auto server = start_fakeapi(seed_dir(), {"--s2-interval", "0s"});
  ASSERT_NE(server, nullptr);
  ASSERT_TRUE(server->set_fault("semanticscholar", "delay", "400", 2).has_value());
  auto one = [&] {
    LoopbackClient client(server->port());
    EXPECT_EQ(client.get(k_single).status, 200u);
  };
  std::thread first(one);
  std::thread second(one);
  first.join();
  second.join();
  const FakeApiStats stats = stats_of(*server);
  EXPECT_EQ(stats.semanticscholar.max_in_flight, 2);
  ASSERT_EQ(stats.violations.size(), 1u);
  EXPECT_NE(stats.violations[0].find("semanticscholar: 2 requests in flight"), std::string::npos)
      << stats.violations[0];
}

}  // namespace
}  // namespace scholard::testing
