// Every fault kind of the fake API server, observed from the client side,
// plus the control endpoint and the server's robustness against odd input.
#include <gtest/gtest.h>

#include <simdjson.h>

#include "fakeapi_test_util.hpp"

namespace scholard::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* k_arxiv_target = "/api/query?id_list=2308.03686,2205.14987";
constexpr const char* k_crossref_target = "/works/10.1093/jrsssb/qkae005";

bool is_json(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element element;
  return !parser.parse(body).get(element);
}

class Faults : public ::testing::Test {
 protected:
  void SetUp() override {
    m_server = start_fakeapi(seed_dir());
    ASSERT_NE(m_server, nullptr);
    m_client = std::make_unique<LoopbackClient>(m_server->port());
  }
  void fault(std::string_view route, std::string_view kind, std::string_view param = "", int count = 1) {
    const auto set = m_server->set_fault(route, kind, param, count);
    ASSERT_TRUE(set.has_value()) << set.error().message;
  }
  std::unique_ptr<FakeApiProcess> m_server;
  std::unique_ptr<LoopbackClient> m_client;
};

TEST_F(Faults, DelayWaitsThenAnswersNormally) {
  fault("arxiv", "delay", "400");
  const auto ex = m_client->get(k_arxiv_target);
  ASSERT_TRUE(ex.complete) << ex.error;
  EXPECT_GE(ex.elapsed, 400ms);
  EXPECT_EQ(ex.status, 200u);
  EXPECT_EQ(read_feed(ex.body).entry_ids.size(), 2u);
}

TEST_F(Faults, RateLimitStatusesCarryRetryAfterOnlyWhenGiven) {
  fault("arxiv", "429", "120");
  fault("arxiv", "429");
  fault("crossref", "503", "Wed, 21 Oct 2015 07:28:00 GMT");
  const auto with = m_client->get(k_arxiv_target);
  const auto without = m_client->get(k_arxiv_target);
  const auto unavailable = m_client->get(k_crossref_target);
  EXPECT_EQ(with.status, 429u);
  EXPECT_EQ(with.header("retry-after"), "120");
  EXPECT_EQ(without.status, 429u);
  EXPECT_EQ(without.header("retry-after"), "");
  EXPECT_EQ(unavailable.status, 503u);
  EXPECT_EQ(unavailable.header("retry-after"), "Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_EQ(unavailable.header("x-api-pool"), "public");
  EXPECT_EQ(m_client->get(k_arxiv_target).status, 200u) << "counted faults run out";
}

TEST_F(Faults, Status500IsAnAtomErrorFeedOrAJsonException) {
  fault("arxiv", "500");
  fault("crossref", "500");
  const auto arxiv = m_client->get(k_arxiv_target);
  EXPECT_EQ(arxiv.status, 500u);
  const Feed feed = read_feed(arxiv.body);
  ASSERT_EQ(feed.summaries.size(), 1u);
  EXPECT_NE(feed.summaries[0].find("internal error"), std::string::npos);
  const auto crossref = m_client->get(k_crossref_target);
  EXPECT_EQ(crossref.status, 500u);
  EXPECT_TRUE(is_json(crossref.body));
  EXPECT_NE(crossref.body.find("\"message-type\":\"exception\""), std::string::npos);
}

TEST_F(Faults, Html504AndHtml200AreHtmlPages) {
  fault("crossref", "504html");
  fault("arxiv", "html200");
  const auto gateway = m_client->get(k_crossref_target);
  EXPECT_EQ(gateway.status, 504u);
  EXPECT_EQ(gateway.header("content-type"), "text/html");
  EXPECT_NE(gateway.body.find("504 Gateway Time-out"), std::string::npos);
  const auto page = m_client->get(k_arxiv_target);
  EXPECT_EQ(page.status, 200u);
  EXPECT_EQ(page.header("content-type").substr(0, 9), "text/html");
  EXPECT_FALSE(read_feed(page.body).parsed);
}

TEST_F(Faults, ResetClosesWithoutAnAnswer) {
  fault("arxiv", "reset");
  const auto ex = m_client->get(k_arxiv_target);
  EXPECT_TRUE(ex.connected);
  EXPECT_FALSE(ex.header_received);
  EXPECT_FALSE(ex.error.empty());
  EXPECT_EQ(m_client->get(k_arxiv_target).status, 200u) << "a new connection works";
  EXPECT_EQ(m_client->connections_opened(), 2);
}

TEST_F(Faults, TruncateAnnouncesMoreThanItSends) {
  fault("crossref", "truncate");
  const auto ex = m_client->get(k_crossref_target);
  EXPECT_TRUE(ex.header_received);
  EXPECT_FALSE(ex.complete);
  EXPECT_EQ(ex.status, 200u);
  ASSERT_TRUE(ex.content_length.has_value());
  EXPECT_LT(ex.body.size(), *ex.content_length);
  EXPECT_EQ(ex.error, "partial message");
}

TEST_F(Faults, MalformedBodiesDoNotParse) {
  fault("arxiv", "malformed");
  fault("crossref", "malformed");
  const auto arxiv = m_client->get(k_arxiv_target);
  EXPECT_EQ(arxiv.status, 200u);
  EXPECT_FALSE(arxiv.body.empty());
  EXPECT_FALSE(read_feed(arxiv.body).parsed);
  const auto crossref = m_client->get(k_crossref_target);
  EXPECT_EQ(crossref.status, 200u);
  EXPECT_FALSE(crossref.body.empty());
  EXPECT_FALSE(is_json(crossref.body));
}

TEST_F(Faults, EmptyIs200WithNoBody) {
  fault("crossref", "empty");
  const auto ex = m_client->get(k_crossref_target);
  ASSERT_TRUE(ex.complete) << ex.error;
  EXPECT_EQ(ex.status, 200u);
  EXPECT_TRUE(ex.body.empty());
  EXPECT_EQ(ex.content_length.value_or(99), 0u);
}

TEST_F(Faults, OversizeAnnouncesMoreThanSixteenMebibytes) {
  fault("arxiv", "oversize");
  const auto ex = m_client->request({"GET", k_arxiv_target, {}, {}, /*header_only=*/true});
  EXPECT_EQ(ex.status, 200u);
  ASSERT_TRUE(ex.content_length.has_value());
  EXPECT_GT(*ex.content_length, 16u * 1024 * 1024);
  fault("crossref", "oversize", "300000");
  const auto small = m_client->get(k_crossref_target);
  ASSERT_TRUE(small.complete) << small.error;
  EXPECT_GT(small.body.size(), 300000u);
  EXPECT_TRUE(is_json(small.body)) << "valid-looking, just big";
}

TEST_F(Faults, DripSendsTheNormalBodySlowly) {
  const auto normal = m_client->get(k_crossref_target);
  ASSERT_TRUE(normal.complete);
  fault("crossref", "drip", "3000");  // the 2.9 kB record takes about a second
  const auto slow = m_client->get(k_crossref_target);
  ASSERT_TRUE(slow.complete) << slow.error;
  EXPECT_EQ(slow.body, normal.body);
  EXPECT_GE(slow.elapsed, 800ms);
  EXPECT_LT(slow.time_to_header, slow.elapsed - 500ms) << "the header comes first, the body drips";
}

TEST_F(Faults, ErrorFeed200IsTheLegacyErrorWithStatus200) {
  fault("arxiv", "errorfeed200");
  const auto ex = m_client->get(k_arxiv_target);
  EXPECT_EQ(ex.status, 200u);
  const Feed feed = read_feed(ex.body);
  ASSERT_EQ(feed.entry_ids.size(), 1u);
  EXPECT_EQ(feed.entry_ids[0].rfind("https://arxiv.org/api/errors#", 0), 0u);
}

TEST_F(Faults, UncountedFaultStaysUntilResetAndRoutesAreSeparate) {
  fault("crossref", "503", "", 0);
  EXPECT_EQ(m_client->get(k_crossref_target).status, 503u);
  EXPECT_EQ(m_client->get(k_crossref_target).status, 503u);
  EXPECT_EQ(m_client->get(k_arxiv_target).status, 200u);
  ASSERT_TRUE(m_server->reset().has_value());
  EXPECT_EQ(m_client->get(k_crossref_target).status, 200u);
}

TEST_F(Faults, FaultsQueueInOrder) {
  fault("arxiv", "503", "", 2);
  fault("arxiv", "429", "5", 1);
  EXPECT_EQ(m_client->get(k_arxiv_target).status, 503u);
  EXPECT_EQ(m_client->get(k_arxiv_target).status, 503u);
  EXPECT_EQ(m_client->get(k_arxiv_target).status, 429u);
  EXPECT_EQ(m_client->get(k_arxiv_target).status, 200u);
}

TEST_F(Faults, ControlRejectsBadFaults) {
  EXPECT_FALSE(m_server->set_fault("arxiv", "teapot").has_value());
  EXPECT_FALSE(m_server->set_fault("orcid", "503").has_value());
  EXPECT_FALSE(m_server->set_fault("crossref", "errorfeed200").has_value());
  EXPECT_FALSE(m_server->set_fault("arxiv", "delay", "soon").has_value());
  EXPECT_EQ(m_client->get("/_control/fault?route=arxiv&kind=503").status, 405u);
  EXPECT_EQ(m_client->get("/_control/nothing").status, 404u);
}

TEST(FaultsAtStartup, FaultFlagsApplyFromTheFirstRequest) {
  auto server = start_fakeapi(seed_dir(), {"--fault", "arxiv:503:7x1", "--fault", "crossref:429x2"});
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  const auto first = client.get(k_arxiv_target);
  EXPECT_EQ(first.status, 503u);
  EXPECT_EQ(first.header("retry-after"), "7");
  EXPECT_EQ(client.get(k_arxiv_target).status, 200u);
  EXPECT_EQ(client.get(k_crossref_target).status, 429u);
  EXPECT_EQ(client.get(k_crossref_target).status, 429u);
  EXPECT_EQ(client.get(k_crossref_target).status, 200u);
}

TEST(ServerProcess, BadArgumentsFailToStartWithAReason) {
  auto started = FakeApiProcess::start({"--fixtures", seed_dir(), "--fault", "arxiv:teapot"}, 5s);
  ASSERT_FALSE(started.has_value());
  EXPECT_NE(started.error().message.find("unknown fault kind"), std::string::npos) << started.error().message;
  auto not_loopback = FakeApiProcess::start({"--fixtures", seed_dir(), "--host", "0.0.0.0"}, 5s);
  EXPECT_FALSE(not_loopback.has_value());
  auto no_dir = FakeApiProcess::start({"--fixtures", "/nonexistent/fixtures"}, 5s);
  EXPECT_FALSE(no_dir.has_value());
}

TEST(ServerProcess, SigtermExitsZero) {
  auto server = start_fakeapi(seed_dir());
  ASSERT_NE(server, nullptr);
  const auto status = server->stop();
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(*status, 0);
}

TEST(Robustness, MalformedRequestsGet400AndTheServerKeepsServing) {
  auto server = start_fakeapi(seed_dir());
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port(), 5s);
  EXPECT_EQ(client.raw_exchange("GARBAGE\r\n\r\n").rfind("HTTP/1.1 400", 0), 0u);
  EXPECT_EQ(client.raw_exchange("GET /api/query HTTP/9.9\r\n\r\n").rfind("HTTP/1.1 400", 0), 0u);
  EXPECT_EQ(client.raw_exchange("GET /x HTTP/1.1\r\nHost: a\r\nX: " + std::string(40000, 'a') + "\r\n\r\n")
                .rfind("HTTP/1.1 400", 0),
            0u);
  EXPECT_EQ(client.raw_exchange("POST /api/query HTTP/1.1\r\nContent-Length: zz\r\n\r\n").rfind("HTTP/1.1 400", 0),
            0u);
  EXPECT_EQ(client.raw_exchange(std::string("GET /\0\x01\xff HTTP/1.1\r\n\r\n", 22)).rfind("HTTP/1.1 400", 0), 0u);
  LoopbackClient impatient(server->port(), 300ms);
  impatient.raw_exchange("GET /api/query?id_list=2308.03686 HTTP/1.1\r\nHost: a\r\n");  // gives up mid-header
  EXPECT_EQ(client.get("/api/query?id_list=%ZZ,,%").status, 400u);
  EXPECT_EQ(client.get("/works/%").status, 404u);
  EXPECT_EQ(client.get("/works/10.1093%2Fjrsssb%2Fqkae005").status, 200u) << "still serving";
}

}  // namespace
}  // namespace scholard::testing
