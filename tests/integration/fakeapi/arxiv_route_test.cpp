// The fake arXiv /api/query route, seen from a plain HTTP client.
#include <gtest/gtest.h>

#include <algorithm>

#include "fakeapi_test_util.hpp"

namespace scholard::testing {
namespace {

class ArxivRoute : public ::testing::Test {
 protected:
  void SetUp() override {
    m_server = start_fakeapi(seed_dir());
    ASSERT_NE(m_server, nullptr);
    m_client = std::make_unique<LoopbackClient>(m_server->port());
  }
  std::unique_ptr<FakeApiProcess> m_server;
  std::unique_ptr<LoopbackClient> m_client;
};

TEST_F(ArxivRoute, IdListAssemblesKnownEntriesDeduplicatedNotInRequestOrder) {
  // Request order ascending, one duplicate (bare and versioned), one unknown.
  const auto ex = m_client->get(
      "/api/query?id_list=2205.14987,2308.03686,2205.14987v2,9912.99999,2501.18837&max_results=10");
  ASSERT_TRUE(ex.complete) << ex.error;
  EXPECT_EQ(ex.status, 200u);
  EXPECT_EQ(ex.header("content-type"), "application/atom+xml; charset=utf-8");
  const Feed feed = read_feed(ex.body);
  ASSERT_TRUE(feed.parsed);
  EXPECT_EQ(feed.total_results, 3);
  EXPECT_EQ(feed.items_per_page, 10);
  EXPECT_EQ(feed.start_index, 0);
  const std::vector<std::string> request_order{abs_id("2205.14987v2"), abs_id("2308.03686v3"),
                                               abs_id("2501.18837v1")};
  ASSERT_EQ(feed.entry_ids.size(), 3u);
  EXPECT_NE(feed.entry_ids, request_order);
  auto sorted = feed.entry_ids;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, request_order);
  EXPECT_NE(feed.title.find("arXiv Query: search_query=&id_list=2205.14987,"), std::string::npos);
}

TEST_F(ArxivRoute, MaxResultsAndStartPageTheHits) {
  const std::string ids = "2205.14987,2308.03686,2501.18837,2210.01892,2407.15211";
  const auto first = m_client->get("/api/query?id_list=" + ids + "&max_results=2");
  const auto second = m_client->get("/api/query?id_list=" + ids + "&max_results=2&start=2");
  const auto last = m_client->get("/api/query?id_list=" + ids + "&max_results=2&start=4");
  const Feed a = read_feed(first.body), b = read_feed(second.body), c = read_feed(last.body);
  EXPECT_EQ(a.total_results, 5);
  EXPECT_EQ(a.entry_ids.size(), 2u);
  EXPECT_EQ(b.entry_ids.size(), 2u);
  EXPECT_EQ(c.entry_ids.size(), 1u);
  EXPECT_EQ(b.start_index, 2);
  std::vector<std::string> all = a.entry_ids;
  all.insert(all.end(), b.entry_ids.begin(), b.entry_ids.end());
  all.insert(all.end(), c.entry_ids.begin(), c.entry_ids.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(std::unique(all.begin(), all.end()), all.end()) << "pages overlap";
  EXPECT_EQ(all.size(), 5u);
}

TEST_F(ArxivRoute, DefaultMaxResultsIsTen) {
  const auto ex = m_client->get("/api/query?search_query=au:Benton");
  const Feed feed = read_feed(ex.body);
  EXPECT_EQ(feed.items_per_page, 10);
  EXPECT_GT(feed.total_results, 10);
  EXPECT_EQ(feed.entry_ids.size(), 10u);
}

TEST_F(ArxivRoute, VersionedIdReturnsThatVersionOnly) {
  const Feed hit = read_feed(m_client->get("/api/query?id_list=2308.03686v3").body);
  ASSERT_EQ(hit.entry_ids.size(), 1u);
  EXPECT_EQ(hit.entry_ids[0], abs_id("2308.03686v3"));
  const auto miss = m_client->get("/api/query?id_list=2308.03686v1");
  EXPECT_EQ(miss.status, 200u);
  const Feed none = read_feed(miss.body);
  EXPECT_EQ(none.total_results, 0);
  EXPECT_TRUE(none.entry_ids.empty());
}

TEST_F(ArxivRoute, MalformedIdGetsTheErrorFeedWith400) {
  const auto ex = m_client->get("/api/query?id_list=2308.03686,abc");
  EXPECT_EQ(ex.status, 400u);
  const Feed feed = read_feed(ex.body);
  ASSERT_TRUE(feed.parsed);
  EXPECT_EQ(feed.total_results, 1);
  ASSERT_EQ(feed.entry_ids.size(), 1u);
  EXPECT_EQ(feed.entry_ids[0], "https://arxiv.org/api/errors#incorrect_id_format_for_abc");
  EXPECT_EQ(feed.summaries[0], "incorrect id format for abc");
  EXPECT_EQ(feed.title, "arXiv Search Results");
}

TEST_F(ArxivRoute, LooselyValidIdsThatDoNotExistGiveEmptyFeeds) {
  for (const std::string id : {"0000.0000", "1234.12345", "foo1234.5678bar", "arXiv:2308.03686"}) {
    const auto ex = m_client->get("/api/query?id_list=" + id);
    EXPECT_EQ(ex.status, 200u) << id;
    EXPECT_EQ(read_feed(ex.body).total_results, 0) << id;
  }
  for (const std::string id : {"1234.123", "12345.6789", "cond-mat0709123"}) {
    EXPECT_EQ(m_client->get("/api/query?id_list=" + id).status, 400u) << id;
  }
}

TEST_F(ArxivRoute, NeitherParameterIs400) {
  const auto ex = m_client->get("/api/query");
  EXPECT_EQ(ex.status, 400u);
  const Feed feed = read_feed(ex.body);
  ASSERT_EQ(feed.summaries.size(), 1u);
  EXPECT_EQ(feed.summaries[0], "Either a search_query or id_list must be specified for the classic API.");
  EXPECT_EQ(feed.entry_ids[0], "https://arxiv.org/api/errors");
}

TEST_F(ArxivRoute, BadPagingParametersAre400WithArxivsMessages) {
  EXPECT_EQ(read_feed(m_client->get("/api/query?id_list=2308.03686&start=x").body).summaries.at(0),
            "start must be an integer");
  EXPECT_EQ(read_feed(m_client->get("/api/query?id_list=2308.03686&max_results=-1").body).summaries.at(0),
            "max_results must be non-negative");
  EXPECT_EQ(m_client->get("/api/query?id_list=2308.03686&sortBy=title").status, 400u);
  EXPECT_EQ(m_client->get("/api/query?id_list=2308.03686&max_results=20000").status, 500u);
}

TEST_F(ArxivRoute, PostWithFormBodyWorksLikeGet) {
  const auto ex = m_client->post("/api/query", "id_list=2308.03686%2C2205.14987&max_results=5",
                                 {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(ex.status, 200u);
  EXPECT_EQ(read_feed(ex.body).entry_ids.size(), 2u);
}

TEST_F(ArxivRoute, KeepAliveServesSeveralRequestsOnOneConnection) {
  for (int i = 0; i < 3; ++i) {
    const auto ex = m_client->get("/api/query?id_list=2308.03686");
    ASSERT_TRUE(ex.complete) << ex.error;
  }
  EXPECT_EQ(m_client->connections_opened(), 1);
}

TEST_F(ArxivRoute, AuthorSearchMatchesSurnameAndInitial) {
  const Feed benton = read_feed(m_client->get("/api/query?search_query=au:Benton_J&max_results=100").body);
  EXPECT_GT(benton.total_results, 0);
  EXPECT_EQ(static_cast<long>(benton.entry_ids.size()), benton.total_results);
  const Feed wrong_initial = read_feed(m_client->get("/api/query?search_query=au:Benton_X").body);
  EXPECT_EQ(wrong_initial.total_results, 0);
  const auto unsupported = m_client->get("/api/query?search_query=ti:diffusion");
  EXPECT_EQ(unsupported.status, 400u);
}

TEST(ArxivSearch, CoversSearchFeedsAndOrTerms) {
  auto server = start_fakeapi(fakeapi_dir());
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  const Feed maestro = read_feed(client.get("/api/query?search_query=au:del_maestro&max_results=50").body);
  EXPECT_EQ(maestro.total_results, 10);  // every entry of the recorded author feed
  const Feed sachdev = read_feed(client.get("/api/query?search_query=au:Sachdev_S&max_results=50").body);
  const Feed either =
      read_feed(client.get("/api/query?search_query=au:Sachdev_S+OR+au:Tricomi&max_results=50").body);
  EXPECT_GT(sachdev.total_results, 0);
  EXPECT_EQ(either.total_results, sachdev.total_results + 1);  // + hep-ex/0406020 from arxiv/
}

TEST(ArxivLegacy, LegacyModeServesTheLegacyFilesInALegacyFeed) {
  auto server = start_fakeapi(seed_dir(), {"--arxiv-format", "legacy"});
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  const auto ex = client.get("/api/query?id_list=2205.14987");
  ASSERT_EQ(ex.status, 200u);
  EXPECT_NE(ex.body.find("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), std::string::npos);
  EXPECT_NE(ex.body.find("rel=\"self\""), std::string::npos);
  EXPECT_NE(ex.body.find("<title type=\"html\">ArXiv Query: "), std::string::npos);
  EXPECT_NE(ex.body.find("-05:00</updated>"), std::string::npos);
  const Feed feed = read_feed(ex.body);
  ASSERT_EQ(feed.entry_ids.size(), 1u);
  EXPECT_EQ(feed.entry_ids[0], abs_id("2205.14987v2"));
  EXPECT_NE(feed.summaries[0].find("denoising\ndiffusion"), std::string::npos) << "hard-wrapped legacy text";
}

TEST(ArxivLegacy, CurrentEntriesInALegacyFeedDeclareTheirNamespace) {
  auto server = start_fakeapi(fakeapi_dir(), {"--arxiv-format", "legacy"});
  ASSERT_NE(server, nullptr);
  LoopbackClient client(server->port());
  const auto ex = client.get("/api/query?id_list=hep-ex/0406020v1");
  ASSERT_EQ(ex.status, 200u);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_buffer(ex.body.data(), ex.body.size()));
  const pugi::xml_node entry = doc.child("feed").child("entry");
  ASSERT_TRUE(entry);
  EXPECT_STREQ(entry.attribute("xmlns:arxiv").value(), "http://arxiv.org/schemas/atom");
  EXPECT_STREQ(entry.child("arxiv:primary_category").attribute("term").value(), "hep-ex");
}

}  // namespace
}  // namespace scholard::testing
