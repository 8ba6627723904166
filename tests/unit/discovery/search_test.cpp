// The discovery requests: arXiv search_query paging and Crossref's ORCID
// works list, against a recording fake HttpClient.
#include <gtest/gtest.h>

#include "fetchers/arxiv_search.hpp"
#include "fetchers/crossref_list.hpp"
#include "unit/fetchers/fake_http.hpp"

namespace scholard::fetchers {
namespace {
using testing::FakeHttpClient;
using testing::make_response;
using testing::read_data;

// A current-format feed with `n` entries numbered from `first`, claiming `total` results.
std::string feed(int first, int n, int total) {
  std::string xml =
      "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" "
      "xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns=\"http://www.w3.org/2005/Atom\">\n"
      "<opensearch:totalResults>" + std::to_string(total) + "</opensearch:totalResults>\n";
  for (int i = first; i < first + n; ++i) {
    const std::string id = "2401." + std::to_string(10000 + i);
    xml += "<entry><id>http://arxiv.org/abs/" + id + "v1</id><title>Paper " + std::to_string(i) +
           "</title><published>2024-01-02T00:00:00Z</published><updated>2024-01-02T00:00:00Z</updated>"
           "<author><name>Joe Benton</name></author></entry>\n";
  }
  return xml + "</feed>\n";
}

TEST(ArxivSearch, UrlEncodesTheQueryAndSortsNewestFirst) {
  ArxivSearchOptions o;
  o.base_url = "http://127.0.0.1:9/api/query";
  o.query = "au:Benton_J  OR au:\"Benton Joe\"";
  o.page_size = 50;
  EXPECT_EQ(arxiv_search_url(o, 100),
            "http://127.0.0.1:9/api/query?search_query=au%3ABenton_J%20OR%20au%3A%22Benton%20Joe%22"
            "&start=100&max_results=50&sortBy=submittedDate&sortOrder=descending");
}

TEST(ArxivSearch, PagesUntilTotalResultsOneRequestAtATime) {
  FakeHttpClient client([](const net::Request& r) {
    const bool second = r.url.find("&start=2&") != std::string::npos;
    return make_response(200, second ? feed(2, 1, 3) : feed(0, 2, 3), "application/atom+xml");
  });
  ArxivSearchOptions o;
  o.query = "au:Benton_J";
  o.page_size = 2;
  std::optional<SearchResult> result;
  search_arxiv(client, o, [&](SearchResult r) { result = std::move(r); });
  client.run();
  ASSERT_TRUE(result);
  EXPECT_EQ(result->error, "");
  EXPECT_EQ(result->requests, 2);
  EXPECT_EQ(client.max_in_flight, 1);
  ASSERT_EQ(result->records.size(), 3u);
  EXPECT_EQ(result->records[2].arxiv_id, "2401.10002");
  for (const auto& r : client.requests) EXPECT_EQ(r.source, "arxiv");
}

TEST(ArxivSearch, StopsAtMaxTotalAndReportsRejectedQueries) {
  FakeHttpClient client([](const net::Request&) { return make_response(200, feed(0, 2, 1000), "application/atom+xml"); });
  ArxivSearchOptions o;
  o.query = "au:Benton_J";
  o.page_size = 2;
  o.max_total = 2;
  std::optional<SearchResult> result;
  search_arxiv(client, o, [&](SearchResult r) { result = std::move(r); });
  client.run();
  ASSERT_TRUE(result);
  EXPECT_EQ(result->requests, 1);

  FakeHttpClient rejecting([](const net::Request&) {
    return make_response(400, read_data("arxiv/idlist-abc-error-400.xml"), "application/atom+xml");
  });
  std::optional<SearchResult> bad;
  search_arxiv(rejecting, o, [&](SearchResult r) { bad = std::move(r); });
  rejecting.run();
  ASSERT_TRUE(bad);
  EXPECT_NE(bad->error.find("arXiv rejected the query: incorrect id format for abc"), std::string::npos) << bad->error;
}

TEST(CrossrefList, AsksForTheOrcidsWorksPolitely) {
  CrossrefListOptions o;
  o.base_url = "https://api.crossref.org/";
  o.orcid = "0000-0002-1825-0097";
  o.mailto = "me@example.org";
  EXPECT_EQ(crossref_orcid_works_url(o),
            "https://api.crossref.org/works?filter=orcid:0000-0002-1825-0097&rows=200&sort=published&order=desc"
            "&mailto=me%40example.org");
}

TEST(CrossrefList, ParsesTheWorkListAndReportsFailures) {
  // A work-list wrapping the synthetic ORCID work twice (the envelope's "message" object cut out).
  const std::string work = read_data("discover/crossref/work-10.5555_scholard-discover-1-orcid.json");
  const auto begin = work.find("\"message\": {") + 11;
  const std::string message = work.substr(begin, work.rfind('}') - begin);
  const std::string list = "{\"status\":\"ok\",\"message-type\":\"work-list\",\"message\":{\"total-results\":2,"
                           "\"items\":[" + message + "," + message + "]}}";
  FakeHttpClient client([&](const net::Request&) { return make_response(200, list, "application/json"); });
  CrossrefListOptions o;
  o.orcid = "0000-0002-1825-0097";
  std::optional<WorkListResult> result;
  list_crossref_works(client, o, [&](WorkListResult r) { result = std::move(r); });
  client.run();
  ASSERT_TRUE(result);
  EXPECT_EQ(result->error, "");
  ASSERT_EQ(result->records.size(), 2u);
  EXPECT_EQ(result->records[0].doi, "10.5555/scholard-discover-1");
  EXPECT_EQ(result->records[0].authors.at(0).orcid, "0000-0002-1825-0097");
  EXPECT_EQ(client.requests.at(0).source, "crossref-list");  // the list route's own limits

  FakeHttpClient failing([](const net::Request&) { return make_response(503, "<html>busy</html>", "text/html"); });
  std::optional<WorkListResult> failed;
  list_crossref_works(failing, o, [&](WorkListResult r) { failed = std::move(r); });
  failing.run();
  ASSERT_TRUE(failed);
  EXPECT_NE(failed->error, "");
  EXPECT_TRUE(failed->records.empty());
}

}  // namespace
}  // namespace scholard::fetchers
