// ArxivFetcher against a fake HttpClient that answers like export.arxiv.org:
// entries for known ids (in its own order), nothing for unknown ones, and the
// 400 Atom error feed when a batch contains an id it rejects.
#include "fetchers/arxiv_fetcher.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "core/text.hpp"
#include "fake_http.hpp"

namespace scholard::fetchers {
namespace {

using testing::Collected;
using testing::collect_fetch;
using testing::FakeHttpClient;
using testing::make_response;

std::vector<std::string> id_list_of(const std::string& url) {
  const auto start = url.find("id_list=") + 8;
  const auto end = url.find('&', start);
  std::vector<std::string> ids;
  for (auto piece : core::split(std::string_view(url).substr(start, end - start), ',')) ids.emplace_back(piece);
  return ids;
}

std::string max_results_of(const std::string& url) { return url.substr(url.find("max_results=") + 12); }

std::string entry_xml(const std::string& id) {
  const bool versioned = id.find('v', id.find_first_of("0123456789")) != std::string::npos;
  const std::string vid = versioned ? id : id + "v2";
  return "<entry><id>http://arxiv.org/abs/" + vid + "</id><title>Paper " + id +
         "</title><published>2023-08-07T00:00:00Z</published><author><name>A. Author</name></author></entry>";
}

std::string feed_xml(const std::vector<std::string>& entries) {
  std::string body = R"(<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">)";
  body += "<opensearch:totalResults>" + std::to_string(entries.size()) + "</opensearch:totalResults>";
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) body += entry_xml(*it);  // not request order
  return body + "</feed>";
}

std::string error_feed(const std::string& message) {
  std::string frag = message;
  std::replace(frag.begin(), frag.end(), ' ', '_');
  return R"(<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>https://arxiv.org/</id><title>arXiv Search Results</title>
<entry><id>https://arxiv.org/api/errors#)" + frag + "</id><title>Error</title><summary>" + message +
         "</summary><author><name>arXiv api core</name></author></entry></feed>";
}

// A fake export.arxiv.org: knows every id except `missing`; rejects `rejected`
// with HTTP 400, naming the id when `name_rejected`, else with a generic 500.
struct FakeArxiv {
  std::set<std::string> missing;
  std::set<std::string> rejected;
  bool name_rejected = true;

  net::Response operator()(const net::Request& request) const {
    std::vector<std::string> found;
    for (const std::string& id : id_list_of(request.url)) {
      if (rejected.count(id)) {
        if (name_rejected) return make_response(400, error_feed("incorrect id format for " + id), "application/atom+xml; charset=utf-8");
        // A rejection that names no id (a 5xx error feed is an outage instead: not split).
        return make_response(400, error_feed("The server encountered an internal error"), "application/atom+xml");
      }
      if (!missing.count(id) && std::find(found.begin(), found.end(), id) == found.end()) found.push_back(id);
    }
    return make_response(200, feed_xml(found), "application/atom+xml; charset=utf-8");
  }
};

std::vector<std::string> numbered_ids(int n) {
  std::vector<std::string> ids;
  for (int i = 1; i <= n; ++i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "2301.%05d", i);
    ids.emplace_back(buf);
  }
  return ids;
}

Collected fetch(ArxivFetcher& fetcher, FakeHttpClient& client, std::vector<std::string> ids) {
  return collect_fetch(client, [&](BatchHandler on_batch, DoneHandler on_done) {
    fetcher.fetch(std::move(ids), std::move(on_batch), std::move(on_done));
  });
}

TEST(ArxivFetcher, BatchesOfBatchSizeIssuedOneAfterAnother) {
  FakeHttpClient client{FakeArxiv{}};
  ArxivFetcher fetcher(client, ArxivOptions{});
  const auto c = fetch(fetcher, client, numbered_ids(250));
  ASSERT_EQ(client.requests.size(), 3u);
  EXPECT_EQ(client.max_in_flight, 1);
  std::size_t total = 0;
  for (const net::Request& r : client.requests) {
    EXPECT_TRUE(r.url.starts_with("https://export.arxiv.org/api/query?id_list=2301.")) << r.url;
    EXPECT_EQ(max_results_of(r.url), "100");
    EXPECT_EQ(r.source, "arxiv");
    total += id_list_of(r.url).size();
  }
  EXPECT_EQ(id_list_of(client.requests[0].url).size(), 100u);
  EXPECT_EQ(id_list_of(client.requests[2].url).size(), 50u);
  EXPECT_EQ(total, 250u);
  EXPECT_EQ(c.batches.size(), 3u);
  EXPECT_EQ(c.by_id.size(), 250u);
  EXPECT_EQ(c.stats.requests, 3);
  EXPECT_EQ(c.stats.ok, 250);
  const FetchOutcome& o = c.by_id.at("2301.00123");
  EXPECT_EQ(o.status, FetchStatus::ok);
  EXPECT_EQ(o.record.arxiv_id, "2301.00123");
  EXPECT_EQ(o.record.arxiv_version, 2);
  EXPECT_EQ(o.record.title, "Paper 2301.00123");
  EXPECT_TRUE(o.raw_hash.starts_with("xxh3:")) << o.raw_hash;
  EXPECT_EQ(o.raw_hash.size(), 21u);
}

TEST(ArxivFetcher, UrlLengthCapMakesBatchesSmaller) {
  ArxivOptions options;
  options.max_url_length = 200;
  const auto batches = plan_arxiv_batches(options, numbered_ids(40));
  ASSERT_GT(batches.size(), 1u);
  std::size_t total = 0;
  for (const auto& b : batches) {
    EXPECT_LE(arxiv_query_url(options, b).size(), 200u);
    total += b.size();
  }
  EXPECT_EQ(total, 40u);
  EXPECT_EQ(arxiv_query_url(options, {"2301.00001", "hep-th/9901001v2"}),
            "https://export.arxiv.org/api/query?id_list=2301.00001,hep-th/9901001v2&max_results=100");
}

TEST(ArxivFetcher, BatchSizeIsClampedToWhatArxivAccepts) {
  FakeHttpClient client{FakeArxiv{}};
  ArxivOptions zero;
  zero.batch_size = 0;
  ArxivFetcher fetcher(client, zero);
  EXPECT_EQ(fetcher.options().batch_size, 1u);
  const auto c = fetch(fetcher, client, numbered_ids(2));
  ASSERT_EQ(client.requests.size(), 2u);
  EXPECT_EQ(max_results_of(client.requests[0].url), "1");
  EXPECT_EQ(c.stats.ok, 2);
  ArxivOptions huge;
  huge.batch_size = 30000;
  EXPECT_EQ(ArxivFetcher(client, huge).options().batch_size, 2000u);
}

TEST(ArxivFetcher, RejectedIdNamedByTheServerIsIsolated) {
  FakeArxiv server;
  server.rejected = {"2301.00005"};
  FakeHttpClient client{server};
  ArxivFetcher fetcher(client, ArxivOptions{});
  const auto c = fetch(fetcher, client, numbered_ids(10));
  EXPECT_EQ(client.requests.size(), 2u);
  EXPECT_EQ(c.by_id.at("2301.00005").status, FetchStatus::invalid);
  EXPECT_EQ(c.by_id.at("2301.00005").message, "arXiv rejected the id: incorrect id format for 2301.00005");
  EXPECT_EQ(c.stats.ok, 9);
  EXPECT_EQ(c.stats.invalid, 1);
  EXPECT_EQ(id_list_of(client.requests[1].url).size(), 9u);
}

TEST(ArxivFetcher, UnnamedRejectionIsIsolatedBySplittingInHalves) {
  FakeArxiv server;
  server.rejected = {"2301.00004"};
  server.name_rejected = false;
  FakeHttpClient client{server};
  ArxivFetcher fetcher(client, ArxivOptions{});
  const auto c = fetch(fetcher, client, numbered_ids(8));
  // [1..8] x -> [1..4] x -> [1,2] ok, [3,4] x -> [3] ok, [4] x; then [5..8] ok.
  ASSERT_EQ(client.requests.size(), 7u);
  EXPECT_EQ(id_list_of(client.requests[1].url), (std::vector<std::string>{"2301.00001", "2301.00002", "2301.00003", "2301.00004"}));
  EXPECT_EQ(id_list_of(client.requests[5].url), (std::vector<std::string>{"2301.00004"}));
  EXPECT_EQ(id_list_of(client.requests[6].url).size(), 4u);
  EXPECT_EQ(client.max_in_flight, 1);
  EXPECT_EQ(c.by_id.at("2301.00004").status, FetchStatus::invalid);
  EXPECT_NE(c.by_id.at("2301.00004").message.find("internal error"), std::string::npos);
  EXPECT_EQ(c.stats.ok, 7);
  for (const auto& [id, o] : c.by_id) {
    if (id != "2301.00004") {
      EXPECT_EQ(o.status, FetchStatus::ok) << id;
    }
  }
}

TEST(ArxivFetcher, SplitBudgetBoundsTheExtraRequests) {
  FakeArxiv server;
  server.rejected = {"2301.00004"};
  server.name_rejected = false;
  FakeHttpClient client{server};
  ArxivOptions options;
  options.max_split_requests = 2;
  ArxivFetcher fetcher(client, options);
  const auto c = fetch(fetcher, client, numbered_ids(8));
  EXPECT_EQ(client.requests.size(), 3u);
  EXPECT_EQ(c.stats.ok, 4);
  EXPECT_EQ(c.stats.errors, 4);
  EXPECT_EQ(c.by_id.at("2301.00001").status, FetchStatus::error);
  EXPECT_FALSE(c.by_id.at("2301.00001").transient);
}

TEST(ArxivFetcher, MissingIdsAreNotFound) {
  FakeArxiv server;
  server.missing = {"2301.00002", "2301.00003"};
  FakeHttpClient client{server};
  ArxivFetcher fetcher(client, ArxivOptions{});
  const auto c = fetch(fetcher, client, numbered_ids(4));
  EXPECT_EQ(c.by_id.at("2301.00002").status, FetchStatus::not_found);
  EXPECT_EQ(c.by_id.at("2301.00003").status, FetchStatus::not_found);
  EXPECT_EQ(c.by_id.at("2301.00004").status, FetchStatus::ok);
  EXPECT_EQ(c.stats.not_found, 2);
}

// A well-formed feed for another paper (a proxy, a cache): every id it does
// not answer is a transient error naming both ids, never "no paper".
TEST(ArxivFetcher, AFeedOfAnotherPaperIsAFailedFetch) {
  FakeHttpClient client{[](const net::Request&) {
    return make_response(200, feed_xml({"1707.08567v1"}), "application/atom+xml; charset=utf-8");
  }};
  ArxivFetcher fetcher(client, ArxivOptions{});
  const auto c = fetch(fetcher, client, {"2301.00001", "2301.00002v3"});
  EXPECT_EQ(c.stats.not_found, 0);
  EXPECT_EQ(c.stats.errors, 2);
  const FetchOutcome& o = c.by_id.at("2301.00001");
  EXPECT_EQ(o.status, FetchStatus::error);
  EXPECT_TRUE(o.transient);
  EXPECT_EQ(o.message, "arXiv answered for 1707.08567v1 when asked for 2301.00001");
  EXPECT_EQ(c.by_id.at("2301.00002v3").message, "arXiv answered for 1707.08567v1 when asked for 2301.00002v3");
}

// A 3xx the client did not follow, or a 200 it failed (body not in its
// Content-Encoding): the client's message, not the body read as a feed.
TEST(ArxivFetcher, AnAnswerTheClientFailedIsNotReadAsAFeed) {
  FakeHttpClient client{[](const net::Request&) {
    return testing::failed_answer(302, "moved", net::Outcome::permanent,
                                  "export.arxiv.org: HTTP 302 redirect to http://elsewhere.example/q refused "
                                  "(insecure http://elsewhere.example, only https is followed)");
  }};
  ArxivFetcher fetcher(client, ArxivOptions{});
  const auto c = fetch(fetcher, client, {"2301.00001"});
  const FetchOutcome& o = c.by_id.at("2301.00001");
  EXPECT_EQ(o.status, FetchStatus::error);
  EXPECT_FALSE(o.transient);
  EXPECT_EQ(o.message.find("not Atom"), std::string::npos) << o.message;
  EXPECT_NE(o.message.find("redirect to http://elsewhere.example/q refused"), std::string::npos) << o.message;
}

TEST(ArxivFetcher, TransportErrorMarksOnlyItsBatch) {
  FakeArxiv server;
  int calls = 0;
  FakeHttpClient client{[&](const net::Request& r) {
    if (++calls == 2) {
      net::Response failed;
      failed.outcome = net::Outcome::transient;
      failed.error = "export.arxiv.org: connection reset by peer";
      return failed;
    }
    return server(r);
  }};
  ArxivOptions options;
  options.batch_size = 5;
  ArxivFetcher fetcher(client, options);
  const auto c = fetch(fetcher, client, numbered_ids(15));
  EXPECT_EQ(client.requests.size(), 3u);
  EXPECT_EQ(c.stats.ok, 10);
  EXPECT_EQ(c.stats.errors, 5);
  for (const std::string& id : id_list_of(client.requests[1].url)) {
    const FetchOutcome& o = c.by_id.at(id);
    EXPECT_EQ(o.status, FetchStatus::error);
    EXPECT_EQ(o.message, "export.arxiv.org: connection reset by peer");
    EXPECT_TRUE(o.transient);
  }
  EXPECT_EQ(c.by_id.at("2301.00011").status, FetchStatus::ok);
}

TEST(ArxivFetcher, HttpErrorsAndDenyPagesAreBatchErrors) {
  struct Case {
    net::Response response;
    std::string message_part;
    bool transient;
  };
  const std::vector<Case> cases = {
      {make_response(503, "Service Unavailable", "text/plain"), "export.arxiv.org: HTTP 503", true},
      {make_response(403, "<html><body>Access Denied</body></html>", "text/html"), "export.arxiv.org: HTTP 403", false},
      {make_response(200, "<html><body>robot</body></html>", "text/html; charset=utf-8"), "text/html", true},
      {make_response(200, "<?xml version='1.0'?><feed xmlns=\"http://www.w3.org/2005/Atom\"><entr", ""), "not XML", true},
      {make_response(200, "", "application/atom+xml"), "export.arxiv.org: HTTP 200", true},
  };
  for (const Case& k : cases) {
    FakeHttpClient client{[&](const net::Request&) { return k.response; }};
    ArxivFetcher fetcher(client, ArxivOptions{});
    const auto c = fetch(fetcher, client, {"2308.03686", "2305.16860"});
    ASSERT_EQ(c.by_id.size(), 2u);
    for (const auto& [id, o] : c.by_id) {
      EXPECT_EQ(o.status, FetchStatus::error) << k.message_part;
      EXPECT_NE(o.message.find(k.message_part), std::string::npos) << o.message;
      EXPECT_EQ(o.transient, k.transient) << k.message_part;
    }
  }
}

TEST(ArxivFetcher, InvalidAndDuplicateIdsNeverReachTheServer) {
  FakeHttpClient client{FakeArxiv{}};
  ArxivFetcher fetcher(client, ArxivOptions{});
  const auto c = fetch(fetcher, client, {"abc", "2308.03686", "arXiv:2308.03686", "https://arxiv.org/abs/2308.03686", "2308.03686"});
  ASSERT_EQ(client.requests.size(), 1u);
  EXPECT_EQ(id_list_of(client.requests[0].url), (std::vector<std::string>{"2308.03686"}));
  EXPECT_EQ(c.by_id.size(), 4u);
  EXPECT_EQ(c.by_id.at("abc").status, FetchStatus::invalid);
  EXPECT_EQ(c.by_id.at("arXiv:2308.03686").status, FetchStatus::ok);
  EXPECT_EQ(c.by_id.at("https://arxiv.org/abs/2308.03686").record.arxiv_id, "2308.03686");
  EXPECT_EQ(c.batches.front().front().requested, "abc");  // reported before any answer
}

TEST(ArxivFetcher, NothingToSendFinishesAtOnce) {
  FakeHttpClient client{FakeArxiv{}};
  ArxivFetcher fetcher(client, ArxivOptions{});
  int done = 0;
  int outcomes = 0;
  fetcher.fetch({"not an id"}, [&](std::vector<FetchOutcome> b) { outcomes += static_cast<int>(b.size()); },
                [&](const FetchStats& s) {
                  ++done;
                  EXPECT_EQ(s.requests, 0);
                  EXPECT_EQ(s.invalid, 1);
                });
  EXPECT_EQ(done, 1);
  EXPECT_EQ(outcomes, 1);
  EXPECT_TRUE(client.requests.empty());
}

TEST(ArxivFetcher, RecordedMultiIdAnswer) {
  const std::string body = testing::read_data("arxiv/idlist-0808.05394,1707.08567-multi-one-missing.xml");
  FakeHttpClient client{[&](const net::Request&) { return make_response(200, body, "application/atom+xml"); }};
  ArxivFetcher fetcher(client, ArxivOptions{});
  const auto c = fetch(fetcher, client, {"0808.05394", "1707.08567", "0808.0539"});
  ASSERT_EQ(client.requests.size(), 1u);
  EXPECT_EQ(id_list_of(client.requests[0].url), (std::vector<std::string>{"1707.08567", "0808.0539"}));
  EXPECT_EQ(c.by_id.at("0808.05394").status, FetchStatus::invalid);  // stricter than arXiv's own check
  EXPECT_EQ(c.by_id.at("0808.0539").status, FetchStatus::not_found);
  EXPECT_EQ(c.by_id.at("1707.08567").status, FetchStatus::ok);
  EXPECT_EQ(c.by_id.at("1707.08567").record.authors.size(), 34u);
}

TEST(ArxivFetcher, RecordedErrorFeedWithHttp200IsARejection) {
  // The legacy service sent error feeds with HTTP 200.
  const std::string body = testing::read_data("arxiv/idlist-abc-error-400.xml");
  FakeHttpClient client{[&](const net::Request&) { return make_response(200, body, "application/atom+xml"); }};
  ArxivFetcher fetcher(client, ArxivOptions{});
  const auto c = fetch(fetcher, client, {"2308.03686"});
  EXPECT_EQ(c.by_id.at("2308.03686").status, FetchStatus::invalid);
  EXPECT_EQ(client.requests.size(), 1u);
}

}  // namespace
}  // namespace scholard::fetchers
