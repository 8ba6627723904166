// The fake Crossref routes, seen from a plain HTTP client.
#include <gtest/gtest.h>

#include <simdjson.h>

#include "fakeapi_test_util.hpp"

namespace scholard::testing {
namespace {

constexpr std::string_view k_seed_doi = "10.1093/jrsssb/qkae005";

class CrossrefRoute : public ::testing::Test {
 protected:
  void SetUp() override {
    m_server = start_fakeapi(seed_dir());
    ASSERT_NE(m_server, nullptr);
    m_client = std::make_unique<LoopbackClient>(m_server->port());
  }
  std::unique_ptr<FakeApiProcess> m_server;
  std::unique_ptr<LoopbackClient> m_client;
};

std::string message_doi(const std::string& body) {
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(body);
  auto doc = parser.iterate(padded);
  std::string_view doi;
  if (doc["message"]["DOI"].get_string().get(doi)) return {};
  return std::string(doi);
}

TEST_F(CrossrefRoute, KnownDoiReturnsTheFixtureEnvelope) {
  const auto ex = m_client->get("/works/10.1093/jrsssb/qkae005");
  ASSERT_TRUE(ex.complete) << ex.error;
  EXPECT_EQ(ex.status, 200u);
  EXPECT_EQ(ex.header("content-type"), "application/json");
  EXPECT_EQ(message_doi(ex.body), k_seed_doi);
}

TEST_F(CrossrefRoute, EncodedSlashUpperCaseAndV1PrefixAllMatch) {
  for (const std::string target : {"/works/10.1093%2Fjrsssb%2Fqkae005", "/works/10.1093%2fJRSSSB%2FQKAE005",
                                   "/v1/works/10.1093/JrssSB/qkae005", "/v1/works/10.1093%2Fjrsssb/qkae005"}) {
    const auto ex = m_client->get(target);
    EXPECT_EQ(ex.status, 200u) << target;
    EXPECT_EQ(message_doi(ex.body), k_seed_doi) << target;
  }
}

TEST_F(CrossrefRoute, UnknownDoiIs404WithThePlainTextBody) {
  const auto ex = m_client->get("/works/10.48550%2Farxiv.2308.03686");
  ASSERT_TRUE(ex.complete) << ex.error;
  EXPECT_EQ(ex.status, 404u);
  EXPECT_EQ(ex.header("content-type"), "text/plain");
  EXPECT_EQ(ex.body, "Resource not found.");
  EXPECT_EQ(ex.header("x-api-pool"), "public");  // rate headers on errors too
}

TEST_F(CrossrefRoute, HeadAnswersStatusAndLengthWithoutBody) {
  const auto hit = m_client->head("/works/10.1093/jrsssb/qkae005");
  ASSERT_TRUE(hit.complete) << hit.error;
  EXPECT_EQ(hit.status, 200u);
  EXPECT_TRUE(hit.body.empty());
  ASSERT_TRUE(hit.content_length.has_value());
  EXPECT_GT(*hit.content_length, 1000u);
  EXPECT_EQ(m_client->head("/works/10.1/none").status, 404u);
  EXPECT_EQ(m_client->get("/works/10.1093/jrsssb/qkae005").status, 200u) << "connection still usable";
}

TEST(CrossrefSlashes, DoisWithExtraSlashesMatchRawOrEncoded) {
  auto server = start_fakeapi(fakeapi_dir());
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  const auto ex = client.get("/works/10.7287%2Fpeerj.3819v0.1%2Freviews%2F2");
  EXPECT_EQ(ex.status, 200u);
  EXPECT_EQ(message_doi(ex.body), "10.7287/peerj.3819v0.1/reviews/2");
  EXPECT_EQ(client.get("/works/10.7287/peerj.3819v0.1/reviews/2").status, 200u);
}

TEST_F(CrossrefRoute, PoolFollowsMailtoParameterOrUserAgent) {
  const auto anonymous = m_client->get("/works/10.1093/jrsssb/qkae005");
  EXPECT_EQ(anonymous.header("x-api-pool"), "public");
  EXPECT_EQ(anonymous.header("x-rate-limit-limit"), "5");
  EXPECT_EQ(anonymous.header("x-rate-limit-interval"), "1s");
  EXPECT_EQ(anonymous.header("x-concurrency-limit"), "1");

  const auto by_param = m_client->get("/works/10.1093/jrsssb/qkae005?mailto=ops%40example.org");
  EXPECT_EQ(by_param.header("x-api-pool"), "polite");
  EXPECT_EQ(by_param.header("x-rate-limit-limit"), "10");
  EXPECT_EQ(by_param.header("x-concurrency-limit"), "3");

  const auto by_agent = m_client->get(
      "/works/10.1093/jrsssb/qkae005",
      {{"User-Agent", "scholard/0.1 (+https://example.org; mailto:ops@example.org) libcurl/7.88"}});
  EXPECT_EQ(by_agent.header("x-api-pool"), "polite");
}

TEST(CrossrefLimits, FlagsSetTheAnnouncedLimits) {
  auto server = start_fakeapi(seed_dir(), {"--crossref-limit", "7", "--crossref-interval", "2s",
                                           "--crossref-concurrency", "2", "--crossref-public-limit", "4"});
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  const auto polite = client.get("/works/10.1093/jrsssb/qkae005?mailto=a%40b.org");
  EXPECT_EQ(polite.header("x-rate-limit-limit"), "7");
  EXPECT_EQ(polite.header("x-rate-limit-interval"), "2s");
  EXPECT_EQ(polite.header("x-concurrency-limit"), "2");
  EXPECT_EQ(client.get("/works/10.1093/jrsssb/qkae005").header("x-rate-limit-limit"), "4");
}

TEST(CrossrefList, OrcidFilterReturnsAWorkListOfMatchingWorks) {
  auto server = start_fakeapi(fakeapi_dir());
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  const auto ex = client.get("/works?filter=orcid:0000-0002-1007-7912");
  ASSERT_EQ(ex.status, 200u);
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(ex.body);
  auto doc = parser.iterate(padded);
  std::string_view type;
  ASSERT_FALSE(doc["message-type"].get_string().get(type));
  EXPECT_EQ(type, "work-list");
  std::int64_t total = -1;
  ASSERT_FALSE(doc["message"]["total-results"].get_int64().get(total));
  EXPECT_EQ(total, 1);
  const auto none = client.get("/works?filter=orcid:https://orcid.org/0000-0000-0000-0000");
  EXPECT_NE(none.body.find("\"total-results\":0"), std::string::npos);
  EXPECT_EQ(client.get("/works?filter=funder:10.13039").status, 400u);
}

// The batch route: `filter=doi:A,doi:B` ORs the DOIs (any case, slash raw or
// encoded), unknown DOIs are simply absent, `rows` caps the items, and the
// list announces its own pool and limits.
TEST(CrossrefList, DoiFiltersAreOredAndUnknownDoisLeftOut) {
  auto server = start_fakeapi(seed_dir(), {"--crossref-list-limit", "4", "--crossref-list-concurrency", "2"});
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  const auto both = client.get("/works?filter=doi:10.1093%2FJRSSSB%2Fqkae005,doi:10.5555/unknown.1&rows=2&mailto=a%40b.org");
  ASSERT_EQ(both.status, 200u);
  EXPECT_NE(both.body.find("\"message-type\":\"work-list\""), std::string::npos);
  EXPECT_NE(both.body.find("\"total-results\":1"), std::string::npos) << both.body;
  EXPECT_NE(both.body.find("\"DOI\":\"10.1093/jrsssb/qkae005\""), std::string::npos);
  EXPECT_EQ(both.header("x-api-pool"), "polite-array");
  EXPECT_EQ(both.header("x-rate-limit-limit"), "4");
  EXPECT_EQ(both.header("x-concurrency-limit"), "2");
  EXPECT_EQ(client.get("/works?filter=doi:10.1093/jrsssb/qkae005&rows=0").body.find("\"DOI\""), std::string::npos);
  const auto public_list = client.get("/works?filter=doi:10.1093/jrsssb/qkae005");
  EXPECT_EQ(public_list.header("x-api-pool"), "public-array");
  EXPECT_EQ(public_list.header("x-rate-limit-limit"), "1");
  // The single route keeps the pool's own limits.
  EXPECT_EQ(client.get("/works/10.1093/jrsssb/qkae005?mailto=a%40b.org").header("x-rate-limit-limit"), "10");
}

TEST(CrossrefList, UnknownFilterAndBadRowsAreCrossrefsValidationFailures) {
  auto server = start_fakeapi(seed_dir());
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  const auto unknown = client.get("/works?filter=doi:10.1093/jrsssb/qkae005,dio:10.1/x");
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_EQ(unknown.body,
            R"({"status":"failed","message-type":"validation-failure","message":[{"type":"filter-not-available",)"
            R"("value":"dio","message":"Filter dio specified but there is no such filter for this route. )"
            R"(Valid filters for this route are: doi, orcid"}]})");
  const auto rows = client.get("/works?filter=doi:10.1093/jrsssb/qkae005&rows=things");
  EXPECT_EQ(rows.status, 400u);
  EXPECT_NE(rows.body.find("Integer specified as things but must be a positive integer less than or equal to 1000."),
            std::string::npos)
      << rows.body;
}

TEST_F(CrossrefRoute, WrongMethodIs405AndUnknownPathIs404) {
  EXPECT_EQ(m_client->post("/works/10.1093/jrsssb/qkae005").status, 405u);
  EXPECT_EQ(m_client->get("/journals/1369-7412").status, 404u);
}

}  // namespace
}  // namespace scholard::testing
