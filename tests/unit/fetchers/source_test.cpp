// The arXiv and Crossref sources through the fetchers::Source interface, as
// the engine uses them, against the recording fake HttpClient: which id each
// asks with, how it batches, and a fetch with validators (Crossref's
// conditional GET and its 304).
#include "fetchers/source.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "fake_http.hpp"
#include "fetchers/arxiv_source.hpp"
#include "fetchers/crossref_source.hpp"

namespace scholard::fetchers {
namespace {

using testing::Collected;
using testing::collect_fetch;
using testing::FakeHttpClient;
using testing::make_response;
using testing::read_data;

Collected fetch(Source& source, FakeHttpClient& client, std::vector<FetchItem> items) {
  return collect_fetch(client, [&](BatchHandler on_batch, DoneHandler on_done) {
    source.fetch(std::move(items), std::move(on_batch), std::move(on_done));
  });
}

PaperIds paper(std::string arxiv_id, std::string doi) { return {std::move(arxiv_id), std::move(doi), "A title"}; }

// ------------------------------------------------------------------ arXiv

ArxivOptions arxiv_options(std::size_t batch_size) {
  ArxivOptions o;
  o.base_url = "http://127.0.0.1:9/api/query";
  o.batch_size = batch_size;
  return o;
}

TEST(ArxivSource, IsAPreprintServerAskedByArxivId) {
  FakeHttpClient client{[](const net::Request&) { return make_response(500, ""); }};
  ArxivSource source(client, arxiv_options(100), std::chrono::milliseconds(250));
  EXPECT_EQ(source.name(), "arxiv");
  EXPECT_EQ(source.display_name(), "arXiv");
  EXPECT_EQ(source.kind(), core::SourceKind::preprint_server);
  EXPECT_EQ(source.min_interval(), std::chrono::milliseconds(250));
  EXPECT_EQ(source.query_id(paper("2308.03686", "10.1093/jrsssb/qkae005")), "2308.03686");
  EXPECT_EQ(source.query_id(paper("", "10.1093/jrsssb/qkae005")), "");
  // An arXiv DOI alone does not make arXiv answer: the config names the paper by DOI.
  EXPECT_EQ(source.query_id(paper("", "10.48550/arXiv.2308.03686")), "");
  EXPECT_EQ(source.query_id(paper("", "")), "");
}

TEST(ArxivSource, BatchesAreTheIdListRequestsOfDistinctValidIds) {
  FakeHttpClient client{[](const net::Request&) { return make_response(500, ""); }};
  ArxivSource source(client, arxiv_options(2), k_arxiv_min_interval);
  const std::vector<std::vector<std::string>> want = {{"2301.00001", "2301.00002v3"}, {"hep-th/9901001"}};
  EXPECT_EQ(source.batches({"2301.00001", "arXiv:2301.00001", "not an id", "2301.00002v3", "hep-th/9901001"}), want);
  EXPECT_TRUE(source.batches({}).empty());
  EXPECT_TRUE(client.requests.empty());  // planning asks nobody
}

TEST(ArxivSource, FetchMakesThePlannedRequestsAndSendsNoValidators) {
  const std::string body = read_data("arxiv/idlist-0808.05394,1707.08567-multi-one-missing.xml");
  FakeHttpClient client{[&](const net::Request&) { return make_response(200, body, "application/atom+xml"); }};
  ArxivSource source(client, arxiv_options(100), k_arxiv_min_interval);
  const std::vector<std::string> ids = {"0808.0539", "1707.08567"};
  ASSERT_EQ(source.batches(ids).size(), 1u);
  const auto c = fetch(source, client, {{"0808.0539", {}}, {"1707.08567", {"\"v1\"", "Wed, 01 Jan 2025 00:00:00 GMT"}}});
  ASSERT_EQ(client.requests.size(), 1u);
  EXPECT_EQ(client.requests[0].url, arxiv_query_url(arxiv_options(100), ids));
  EXPECT_EQ(client.requests[0].source, "arxiv");
  EXPECT_EQ(client.requests[0].etag, "");  // arXiv sends no validators: nothing to send back
  EXPECT_EQ(client.requests[0].last_modified, "");
  EXPECT_EQ(c.by_id.at("0808.0539").status, FetchStatus::not_found);
  const FetchOutcome& found = c.by_id.at("1707.08567");
  ASSERT_EQ(found.status, FetchStatus::ok);
  EXPECT_EQ(found.record.source, "arxiv");
  EXPECT_EQ(c.stats.requests, 1);
}

// ------------------------------------------------------------------ Crossref

CrossrefOptions crossref_options() {
  CrossrefOptions o;
  o.base_url = "http://127.0.0.1:9";
  o.mailto = "someone@example.org";
  return o;
}

TEST(CrossrefSource, IsADoiRegistryAskedByDoiButNotForArxivDois) {
  FakeHttpClient client{[](const net::Request&) { return make_response(500, ""); }};
  CrossrefSource source(client, crossref_options());
  EXPECT_EQ(source.name(), "crossref");
  EXPECT_EQ(source.display_name(), "Crossref");
  EXPECT_EQ(source.kind(), core::SourceKind::doi_registry);
  EXPECT_EQ(source.min_interval(), std::chrono::milliseconds(0));
  EXPECT_EQ(source.query_id(paper("2308.03686", "10.1093/jrsssb/qkae005")), "10.1093/jrsssb/qkae005");
  EXPECT_EQ(source.query_id(paper("", "10.1093/JRSSSB/QKAE005")), "10.1093/JRSSSB/QKAE005");  // as given
  EXPECT_EQ(source.query_id(paper("2308.03686", "")), "");
  EXPECT_EQ(source.query_id(paper("2308.03686", "10.48550/arXiv.2308.03686")), "");  // registered at DataCite
  EXPECT_EQ(source.query_id(paper("", "https://doi.org/10.48550/ARXIV.2211.03595")), "");
  EXPECT_EQ(source.query_id(paper("", "not a doi")), "not a doi");  // the fetch reports it invalid
}

TEST(CrossrefSource, BatchesAreOneRequestPerDistinctDoi) {
  FakeHttpClient client{[](const net::Request&) { return make_response(500, ""); }};
  CrossrefSource source(client, crossref_options());
  const std::vector<std::vector<std::string>> want = {{"10.1093/JRSSSB/QKAE005"}, {"10.1371/journal.pone.0033693"}};
  EXPECT_EQ(source.batches({"10.1093/JRSSSB/QKAE005", "doi:10.1093/jrsssb/qkae005", "10.48550/arXiv.2308.03686",
                            "not a doi", "10.1371/journal.pone.0033693"}),
            want);
  EXPECT_TRUE(client.requests.empty());
}

// A Crossref that knows one version of every work (all answer with the same
// recorded body): a request whose validators match it answers 304 (with or
// without repeating them), else 200 with them.
struct ConditionalCrossref {
  std::string etag = "\"v1\"";
  std::string last_modified = "Wed, 01 Jan 2025 00:00:00 GMT";
  bool repeat_validators_on_304 = true;

  net::Response operator()(const net::Request& r) const {
    // As RFC 9110 §13.2.2 orders them: If-None-Match decides when sent.
    const bool same = !r.etag.empty() ? r.etag == etag : !r.last_modified.empty() && r.last_modified == last_modified;
    if (same) {
      net::Response not_modified = make_response(304, "");
      if (repeat_validators_on_304) not_modified.etag = etag;
      return not_modified;
    }
    // Each DOI gets its own work: an answer for another DOI would be refused.
    const bool seed = r.url.find("qkae005") != std::string::npos;
    net::Response fresh = make_response(
        200, read_data(seed ? "crossref/seed/work-10.1093_jrsssb_qkae005.json" : "crossref/work-10.1371_journal.pone.0033693.json"),
        "application/json");
    fresh.etag = etag;
    fresh.last_modified = last_modified;
    return fresh;
  }
};

TEST(CrossrefSource, SendsValidatorsAndReportsA304AsNotModified) {
  FakeHttpClient client{ConditionalCrossref{}};
  CrossrefSource source(client, crossref_options());
  const auto c = fetch(source, client,
                       {{"10.1093/jrsssb/qkae005", {"\"v1\"", "Wed, 01 Jan 2025 00:00:00 GMT"}},
                        {"10.1371/journal.pone.0033693", {}}});
  ASSERT_EQ(client.requests.size(), 2u);
  EXPECT_EQ(client.requests[0].etag, "\"v1\"");  // If-None-Match
  EXPECT_EQ(client.requests[0].last_modified, "Wed, 01 Jan 2025 00:00:00 GMT");  // If-Modified-Since
  EXPECT_EQ(client.requests[1].etag, "");
  EXPECT_EQ(client.requests[1].last_modified, "");
  for (const net::Request& r : client.requests) EXPECT_EQ(r.source, "crossref");

  const FetchOutcome& same = c.by_id.at("10.1093/jrsssb/qkae005");
  EXPECT_EQ(same.status, FetchStatus::not_modified);
  EXPECT_EQ(same.validators, (Validators{"\"v1\"", "Wed, 01 Jan 2025 00:00:00 GMT"}));
  const FetchOutcome& fresh = c.by_id.at("10.1371/journal.pone.0033693");
  ASSERT_EQ(fresh.status, FetchStatus::ok);
  EXPECT_EQ(fresh.record.source, "crossref");
  EXPECT_EQ(fresh.validators, (Validators{"\"v1\"", "Wed, 01 Jan 2025 00:00:00 GMT"}));
  EXPECT_EQ(c.stats.not_modified, 1);
  EXPECT_EQ(c.stats.ok, 1);
}

TEST(CrossrefSource, A304ThatRepeatsNoValidatorKeepsTheOnesSent) {
  ConditionalCrossref server;
  server.repeat_validators_on_304 = false;
  FakeHttpClient client{server};
  CrossrefSource source(client, crossref_options());
  const auto c = fetch(source, client, {{"10.1093/jrsssb/qkae005", {"", "Wed, 01 Jan 2025 00:00:00 GMT"}}});
  ASSERT_EQ(client.requests.size(), 1u);
  EXPECT_EQ(client.requests[0].etag, "");
  EXPECT_EQ(client.requests[0].last_modified, "Wed, 01 Jan 2025 00:00:00 GMT");
  const FetchOutcome& same = c.by_id.at("10.1093/jrsssb/qkae005");
  EXPECT_EQ(same.status, FetchStatus::not_modified);
  EXPECT_EQ(same.validators, (Validators{"", "Wed, 01 Jan 2025 00:00:00 GMT"}));
}

TEST(CrossrefSource, ArxivDoisNeverReachTheNetwork) {
  FakeHttpClient client{ConditionalCrossref{}};
  CrossrefSource source(client, crossref_options());
  const auto c = fetch(source, client, {{"10.48550/arXiv.2308.03686", {}}});
  EXPECT_TRUE(client.requests.empty());
  EXPECT_EQ(c.by_id.at("10.48550/arXiv.2308.03686").status, FetchStatus::invalid);
}

}  // namespace
}  // namespace scholard::fetchers
