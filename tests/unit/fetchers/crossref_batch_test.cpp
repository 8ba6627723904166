// CrossrefFetcher with batches (CrossrefOptions::batch_size > 1) against a
// fake HttpClient: list requests answered with the recorded list of ten
// works (sample=10), single requests from the recorded works, as
// api.crossref.org would.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/identifier.hpp"
#include "core/text.hpp"
#include "core/url.hpp"
#include "fake_http.hpp"
#include "fetchers/crossref_fetcher.hpp"
#include "fetchers/crossref_source.hpp"

namespace scholard::fetchers {
namespace {

using testing::Collected;
using testing::collect_fetch;
using testing::FakeHttpClient;
using testing::make_response;
using testing::read_data;

const std::string& recorded_list() {
  static const std::string body = read_data("crossref/list-works-sample10-mixed-types-markup.json");
  return body;
}

// Three DOIs the recorded list answers, one a single work answers, one no one knows.
const std::string k_listed_a = "10.1016/0160-4120(81)90073-8";
const std::string k_listed_b = "10.2139/ssrn.5250900";
const std::string k_listed_c = "10.1007/978-3-031-33148-0_45";
const std::string k_single = "10.1093/jrsssb/qkae005";
const std::string k_unknown = "10.1371/notarealdoi";

// The decoded DOIs of a list request's filter.
std::vector<std::string> filter_dois(const std::string& url) {
  const auto at = url.find("filter=");
  std::string filter = url.substr(at + 7, url.find('&', at) - at - 7);
  std::vector<std::string> out;
  for (const std::string_view clause : core::split(filter, ',')) {
    EXPECT_TRUE(clause.starts_with("doi:")) << url;
    out.push_back(core::percent_decode(clause.substr(4)));
  }
  return out;
}

// Lists get the whole recorded list (a real list answers only what it was
// asked, in no set order; extra items must be ignored, not mis-assigned);
// single works answer from the recordings, else the recorded 404.
net::Response fake_crossref(const net::Request& request) {
  if (request.url.find("/works?") != std::string::npos) return make_response(200, recorded_list(), "application/json");
  if (request.url.find("qkae005") != std::string::npos) {
    return make_response(200, read_data("crossref/seed/work-10.1093_jrsssb_qkae005.json"), "application/json");
  }
  return make_response(404, read_data("crossref/error-404-works-10.1371_notarealdoi.txt"), "text/plain");
}

CrossrefOptions batched(std::size_t batch) {
  CrossrefOptions o;
  o.mailto = "someone@example.org";
  o.batch_size = batch;
  return o;
}

Collected fetch(CrossrefFetcher& fetcher, FakeHttpClient& client, std::vector<CrossrefItem> items) {
  return collect_fetch(client, [&](BatchHandler on_batch, DoneHandler on_done) {
    fetcher.fetch(std::move(items), std::move(on_batch), std::move(on_done));
  });
}

TEST(CrossrefBatch, OneListRequestThenMissingDoisSingly) {
  FakeHttpClient client{fake_crossref};
  CrossrefFetcher fetcher(client, batched(50));
  const auto c = fetch(fetcher, client,
                       {{"10.1016/0160-4120(81)90073-8", {"\"kept\"", {}}}, {"https://doi.org/10.2139/SSRN.5250900", {}},
                        {"doi:" + k_listed_c, {}}, {k_single, {}}, {k_unknown, {}}});
  ASSERT_EQ(client.requests.size(), 3u);
  const net::Request& list = client.requests[0];
  EXPECT_EQ(list.source, "crossref-list");
  EXPECT_TRUE(list.url.starts_with("https://api.crossref.org/works?filter=doi:10.1016%2F0160-4120%2881%2990073-8,doi:"))
      << list.url;
  EXPECT_TRUE(list.url.ends_with("&rows=5&mailto=someone%40example.org")) << list.url;
  EXPECT_EQ(filter_dois(list.url), (std::vector<std::string>{k_listed_a, k_listed_b, k_listed_c, k_single, k_unknown}));
  EXPECT_TRUE(list.etag.empty());  // a list has no per-work validators to ask with
  // What the list left out is asked on the single route, under the single route's limits.
  EXPECT_EQ(client.requests[1].url, crossref_work_url(batched(50), k_single));
  EXPECT_EQ(client.requests[2].url, crossref_work_url(batched(50), k_unknown));
  EXPECT_EQ(client.requests[1].source, "crossref");

  const FetchOutcome& a = c.by_id.at("10.1016/0160-4120(81)90073-8");
  EXPECT_EQ(a.status, FetchStatus::ok);
  EXPECT_EQ(a.record.doi, k_listed_a);
  EXPECT_EQ(a.record.type, "journal-article");
  EXPECT_TRUE(a.raw_hash.starts_with("xxh3:"));
  EXPECT_EQ(a.validators, Validators{});
  EXPECT_EQ(c.by_id.at("https://doi.org/10.2139/SSRN.5250900").record.type, "posted-content");
  EXPECT_EQ(c.by_id.at("doi:" + k_listed_c).record.type, "book-chapter");
  EXPECT_EQ(c.by_id.at(k_single).status, FetchStatus::ok);
  EXPECT_EQ(c.by_id.at(k_single).record.doi, k_single);
  const FetchOutcome& unknown = c.by_id.at(k_unknown);
  EXPECT_EQ(unknown.status, FetchStatus::not_found);  // only after the single route said 404
  EXPECT_EQ(unknown.message, "Crossref: HTTP 404: Resource not found.");
  EXPECT_EQ(c.stats.requests, 3);
  EXPECT_EQ(c.stats.attempts, 3);
  EXPECT_EQ(c.stats.ok, 4);
  EXPECT_EQ(c.stats.not_found, 1);
}

// A list answer holding only works nobody asked for gives none of them to a
// paper: every DOI asked is missing from it and is asked singly.
TEST(CrossrefBatch, ListItemsForDoisNotAskedAreGivenToNoPaper) {
  FakeHttpClient client{[](const net::Request& request) {
    if (request.url.find("/works?") != std::string::npos) return make_response(200, recorded_list(), "application/json");
    return make_response(404, read_data("crossref/error-404-works-10.1371_notarealdoi.txt"), "text/plain");
  }};
  CrossrefFetcher fetcher(client, batched(50));
  const auto c = fetch(fetcher, client, {{k_unknown, {}}, {"10.5555/not-in-the-list", {}}});
  ASSERT_EQ(client.requests.size(), 3u);
  EXPECT_EQ(client.requests[1].source, "crossref");
  EXPECT_EQ(client.requests[2].source, "crossref");
  for (const auto& [id, o] : c.by_id) {
    EXPECT_EQ(o.status, FetchStatus::not_found) << id;
    EXPECT_TRUE(o.record.doi.empty()) << id << ": " << o.record.doi;
  }
  EXPECT_EQ(c.stats.ok, 0);
}

TEST(CrossrefBatch, BatchOfOneIsTheSingleRouteAsBefore) {
  FakeHttpClient client{fake_crossref};
  CrossrefFetcher fetcher(client, batched(1));
  const auto c = fetch(fetcher, client, {{k_single, {"\"v1\"", {}}}, {k_unknown, {}}, {k_listed_a, {}}});
  ASSERT_EQ(client.requests.size(), 3u);
  for (const net::Request& r : client.requests) {
    EXPECT_EQ(r.source, "crossref");
    EXPECT_EQ(r.url.find("filter="), std::string::npos) << r.url;
  }
  EXPECT_EQ(client.requests[0].etag, "\"v1\"");
  EXPECT_EQ(c.by_id.at(k_listed_a).status, FetchStatus::not_found);  // no single recording of it
}

TEST(CrossrefBatch, ALoneDoiGoesToTheSingleRouteWithItsValidators) {
  FakeHttpClient client{fake_crossref};
  CrossrefFetcher fetcher(client, batched(50));
  const auto c = fetch(fetcher, client, {{k_single, {"\"v1\"", {}}}});
  ASSERT_EQ(client.requests.size(), 1u);
  EXPECT_EQ(client.requests[0].source, "crossref");
  EXPECT_EQ(client.requests[0].etag, "\"v1\"");
  EXPECT_EQ(c.by_id.at(k_single).status, FetchStatus::ok);
}

TEST(CrossrefBatch, ListsAreCutByBatchSizeAndUrlLength) {
  std::vector<std::string> dois;
  for (int i = 0; i < 120; ++i) dois.push_back("10.5555/scholard-bench." + std::to_string(i));
  auto plan = plan_crossref_requests(batched(50), dois);
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[0].size(), 50u);
  EXPECT_EQ(plan[1].size(), 50u);
  EXPECT_EQ(plan[2].size(), 20u);
  EXPECT_EQ(plan[2].back(), "10.5555/scholard-bench.119");

  // Long DOIs: the URL, not the batch size, cuts the list.
  std::vector<std::string> long_dois;
  for (int i = 0; i < 100; ++i) long_dois.push_back("10.5555/" + std::string(180, 'x') + std::to_string(i));
  std::size_t asked = 0;
  for (const auto& request : plan_crossref_requests(batched(100), long_dois)) {
    EXPECT_LE(crossref_list_url(batched(100), request).size(), k_crossref_max_list_url);
    EXPECT_GT(request.size(), 1u);
    asked += request.size();
  }
  EXPECT_EQ(asked, long_dois.size());

  // A comma would split the filter: that DOI goes alone; the rest stay batched.
  const std::vector<std::string> odd = {"10.1000/a,b", "10.1000/c", "10.1000/d"};
  EXPECT_EQ(plan_crossref_requests(batched(50), odd),
            (std::vector<std::vector<std::string>>{{"10.1000/a,b"}, {"10.1000/c", "10.1000/d"}}));
  // Batch sizes past the largest are held to it.
  EXPECT_EQ(plan_crossref_requests(batched(1000), dois).front().size(), k_crossref_max_batch);
}

TEST(CrossrefBatch, AFailedListLeavesEveryDoiWithAnErrorAndAsksNoneSingly) {
  struct Case {
    net::Response response;
    bool transient;
    std::string says;
  };
  net::Response busy = make_response(503, "<html><body>Service Unavailable</body></html>", "text/html");
  busy.attempts = 4;  // the client's retries of the whole list
  net::Response timeout;
  timeout.outcome = net::Outcome::transient;
  timeout.error = "api.crossref.org: operation timed out";
  const std::vector<Case> cases = {
      {busy, true, "HTTP 503"},
      {make_response(200, recorded_list().substr(0, 700), "application/json"), true, "not valid JSON"},
      {make_response(200, "<html><head><title>Blocked</title></head><body>Request blocked</body></html>", "text/html"),
       true, "blocked"},
      {make_response(400, read_data("crossref/error-400-validation-failure-sample200.json"), "application/json"), false,
       "validation-failure"},
      {timeout, true, "timed out"},
  };
  for (const Case& k : cases) {
    FakeHttpClient client{[&k](const net::Request&) { return k.response; }};
    CrossrefFetcher fetcher(client, batched(50));
    const auto c = fetch(fetcher, client, {{k_listed_a, {}}, {k_listed_b, {}}, {k_unknown, {}}});
    EXPECT_EQ(client.requests.size(), 1u) << k.says;
    ASSERT_EQ(c.by_id.size(), 3u);
    for (const auto& [id, o] : c.by_id) {
      EXPECT_EQ(o.status, FetchStatus::error) << k.says << ": " << id;
      EXPECT_EQ(o.transient, k.transient) << k.says;
      EXPECT_NE(o.message.find(k.says), std::string::npos) << o.message;
    }
    EXPECT_EQ(c.stats.errors, 3);
    EXPECT_EQ(c.stats.attempts, k.response.attempts);
  }
}

TEST(CrossrefBatch, TwoSpellingsShareOneClause) {
  FakeHttpClient client{fake_crossref};
  CrossrefFetcher fetcher(client, batched(50));
  const auto c = fetch(fetcher, client, {{k_listed_a, {}}, {"doi:" + k_listed_a, {}}, {k_listed_b, {}}});
  ASSERT_EQ(client.requests.size(), 1u);
  EXPECT_EQ(filter_dois(client.requests[0].url), (std::vector<std::string>{k_listed_a, k_listed_b}));
  EXPECT_EQ(c.by_id.at("doi:" + k_listed_a).status, FetchStatus::ok);
  EXPECT_EQ(c.by_id.at(k_listed_a).record, c.by_id.at("doi:" + k_listed_a).record);
}

TEST(CrossrefBatch, TheSourceBatchesAsItFetches) {
  FakeHttpClient client{fake_crossref};
  CrossrefSource source(client, batched(2));
  const std::vector<std::string> ids = {k_listed_a, "doi:" + k_listed_a, k_listed_b, k_listed_c,
                                        "10.48550/arXiv.2308.03686", "not a doi"};
  EXPECT_EQ(source.batches(ids),
            (std::vector<std::vector<std::string>>{{k_listed_a, k_listed_b}, {k_listed_c}}));
  std::vector<FetchItem> items;
  for (const auto& id : ids) items.push_back({id, {}});
  const auto c = collect_fetch(client, [&](BatchHandler on_batch, DoneHandler on_done) {
    source.fetch(std::move(items), std::move(on_batch), std::move(on_done));
  });
  ASSERT_EQ(client.requests.size(), 2u);
  EXPECT_EQ(filter_dois(client.requests[0].url), (std::vector<std::string>{k_listed_a, k_listed_b}));
  EXPECT_EQ(client.requests[1].url, crossref_work_url(batched(2), k_listed_c));
  EXPECT_EQ(c.by_id.size(), ids.size());
}

}  // namespace
}  // namespace scholard::fetchers
