// CrossrefFetcher against a fake HttpClient answering from the recorded
// Crossref responses (by DOI), like api.crossref.org would.
#include "fetchers/crossref_fetcher.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/identifier.hpp"
#include "core/url.hpp"
#include "fake_http.hpp"

namespace scholard::fetchers {
namespace {

using testing::Collected;
using testing::collect_fetch;
using testing::FakeHttpClient;
using testing::make_response;
using testing::read_data;

// DOI (lower case) → recorded /works/{doi} body.
const std::map<std::string, std::string>& recorded_works() {
  static const std::map<std::string, std::string> works = {
      {"10.1093/jrsssb/qkae005", read_data("crossref/seed/work-10.1093_jrsssb_qkae005.json")},
      {"10.1371/journal.pone.0033693", read_data("crossref/work-10.1371_journal.pone.0033693.json")},
      {"10.7287/peerj.3819v0.1/reviews/2", read_data("crossref/work-10.7287_peerj.3819v0.1_reviews_2-peer-review.json")},
  };
  return works;
}

// A fake api.crossref.org: /works/{encoded doi} answered from recordings, else
// the recorded 404 "Resource not found." (text/plain).
net::Response fake_crossref(const net::Request& request) {
  const std::string prefix = "https://api.crossref.org/works/";
  EXPECT_TRUE(request.url.starts_with(prefix)) << request.url;
  std::string path = request.url.substr(prefix.size());
  path = path.substr(0, path.find('?'));
  const std::string doi = core::percent_decode(path);
  auto it = recorded_works().find(doi);
  if (it == recorded_works().end()) {
    return make_response(404, read_data("crossref/error-404-works-10.1371_notarealdoi.txt"), "text/plain");
  }
  return make_response(200, it->second, "application/json");
}

Collected fetch(CrossrefFetcher& fetcher, FakeHttpClient& client, std::vector<CrossrefItem> items) {
  return collect_fetch(client, [&](BatchHandler on_batch, DoneHandler on_done) {
    fetcher.fetch(std::move(items), std::move(on_batch), std::move(on_done));
  });
}

CrossrefOptions options() {
  CrossrefOptions o;
  o.mailto = "someone@example.org";
  return o;
}

TEST(CrossrefFetcher, EncodesEverythingOutsideUnreserved) {
  EXPECT_EQ(crossref_work_url(options(), "10.1002/(sici)1097-4636(199606)31:2<213::aid-jbm8>3.0.co;2-h"),
            "https://api.crossref.org/works/10.1002%2F%28sici%291097-4636%28199606%2931%3A2%3C213%3A%3Aaid-jbm8%3E3.0.co%3B2-h"
            "?mailto=someone%40example.org");
  CrossrefOptions bare;
  bare.base_url = "http://127.0.0.1:8080/";
  EXPECT_EQ(crossref_work_url(bare, "10.1000/a b#c?d~e_f"), "http://127.0.0.1:8080/works/10.1000%2Fa%20b%23c%3Fd~e_f");
}

TEST(CrossrefFetcher, IssuesAllRequestsAtOnceAndAnswersEachDoi) {
  FakeHttpClient client{fake_crossref};
  CrossrefFetcher fetcher(client, options());
  const auto c = fetch(fetcher, client,
                       {{"10.1093/JRSSSB/QKAE005", {}}, {"https://doi.org/10.1371/journal.pone.0033693", {}},
                        {"doi:10.7287/peerj.3819v0.1/reviews/2", {}}, {"10.1371/notarealdoi", {}}});
  EXPECT_EQ(client.requests.size(), 4u);
  EXPECT_EQ(client.max_in_flight, 4);  // the HttpClient, not the fetcher, limits concurrency
  EXPECT_EQ(client.requests[0].url, "https://api.crossref.org/works/10.1093%2Fjrsssb%2Fqkae005?mailto=someone%40example.org");
  EXPECT_EQ(client.requests[2].url,
            "https://api.crossref.org/works/10.7287%2Fpeerj.3819v0.1%2Freviews%2F2?mailto=someone%40example.org");
  EXPECT_EQ(c.batches.size(), 4u);
  for (const net::Request& r : client.requests) EXPECT_EQ(r.source, "crossref");
  const FetchOutcome& jrsssb = c.by_id.at("10.1093/JRSSSB/QKAE005");
  EXPECT_EQ(jrsssb.status, FetchStatus::ok);
  EXPECT_EQ(jrsssb.record.venue, "Journal of the Royal Statistical Society Series B: Statistical Methodology");
  EXPECT_EQ(jrsssb.raw_hash, content_hash(recorded_works().at("10.1093/jrsssb/qkae005")));
  EXPECT_EQ(c.by_id.at("https://doi.org/10.1371/journal.pone.0033693").record.updates.size(), 1u);
  EXPECT_EQ(c.by_id.at("doi:10.7287/peerj.3819v0.1/reviews/2").record.type, "peer-review");
  const FetchOutcome& missing = c.by_id.at("10.1371/notarealdoi");
  EXPECT_EQ(missing.status, FetchStatus::not_found);
  EXPECT_EQ(missing.message, "Crossref: HTTP 404: Resource not found.");
  EXPECT_EQ(c.stats.requests, 4);
  EXPECT_EQ(c.stats.ok, 3);
  EXPECT_EQ(c.stats.not_found, 1);
}

TEST(CrossrefFetcher, ArxivAndInvalidDoisAreNeverSent) {
  FakeHttpClient client{fake_crossref};
  CrossrefFetcher fetcher(client, options());
  const auto c = fetch(fetcher, client,
                       {{"10.48550/arXiv.2308.03686", {}}, {"https://doi.org/10.48550/ARXIV.2211.03595", {}},
                        {"not a doi", {}}, {"10.1093/jrsssb/qkae005", {}}});
  ASSERT_EQ(client.requests.size(), 1u);
  EXPECT_EQ(c.by_id.at("10.48550/arXiv.2308.03686").status, FetchStatus::invalid);
  EXPECT_NE(c.by_id.at("10.48550/arXiv.2308.03686").message.find("arXiv:2308.03686"), std::string::npos);
  EXPECT_EQ(c.by_id.at("https://doi.org/10.48550/ARXIV.2211.03595").status, FetchStatus::invalid);
  EXPECT_EQ(c.by_id.at("not a doi").status, FetchStatus::invalid);
  EXPECT_EQ(c.by_id.at("10.1093/jrsssb/qkae005").status, FetchStatus::ok);
  EXPECT_EQ(c.stats.invalid, 3);
}

TEST(CrossrefFetcher, DuplicatesShareOneRequest) {
  FakeHttpClient client{fake_crossref};
  CrossrefFetcher fetcher(client, options());
  const auto c = fetch(fetcher, client, {{"10.1093/jrsssb/qkae005", {}}, {"doi:10.1093/jrsssb/qkae005", {}}});
  EXPECT_EQ(client.requests.size(), 1u);
  EXPECT_EQ(c.by_id.size(), 2u);
  EXPECT_EQ(c.by_id.at("doi:10.1093/jrsssb/qkae005").status, FetchStatus::ok);
}

TEST(CrossrefFetcher, FailuresStayWithTheirDoi) {
  FakeHttpClient client{[](const net::Request& r) {
    if (r.url.find("qkae005") != std::string::npos) {
      net::Response failed;
      failed.outcome = net::Outcome::transient;
      failed.error = "api.crossref.org: operation timed out";
      return failed;
    }
    if (r.url.find("pone") != std::string::npos) {
      return make_response(504, "<html><body><h1>504 Gateway Time-out</h1></body></html>", "text/html");
    }
    if (r.url.find("peerj") != std::string::npos) {
      return make_response(400, read_data("crossref/error-400-validation-failure-works-doi-with-query.json"),
                           "application/json;charset=utf-8");
    }
    return fake_crossref(r);
  }};
  CrossrefFetcher fetcher(client, options());
  const auto c = fetch(fetcher, client,
                       {{"10.1093/jrsssb/qkae005", {}}, {"10.1371/journal.pone.0033693", {}},
                        {"10.7287/peerj.3819v0.1/reviews/2", {}}, {"10.1371/notarealdoi", {}}});
  const FetchOutcome& timeout = c.by_id.at("10.1093/jrsssb/qkae005");
  EXPECT_EQ(timeout.status, FetchStatus::error);
  EXPECT_EQ(timeout.message, "api.crossref.org: operation timed out");
  EXPECT_TRUE(timeout.transient);
  const FetchOutcome& gateway = c.by_id.at("10.1371/journal.pone.0033693");
  EXPECT_EQ(gateway.status, FetchStatus::error);
  EXPECT_TRUE(gateway.transient);
  EXPECT_NE(gateway.message.find("HTTP 504"), std::string::npos);
  const FetchOutcome& rejected = c.by_id.at("10.7287/peerj.3819v0.1/reviews/2");
  EXPECT_EQ(rejected.status, FetchStatus::error);
  EXPECT_FALSE(rejected.transient);
  EXPECT_EQ(c.by_id.at("10.1371/notarealdoi").status, FetchStatus::not_found);
  EXPECT_EQ(c.stats.errors, 3);
}

TEST(CrossrefFetcher, ValidatorsAreSentAndNotModifiedReported) {
  FakeHttpClient client{[](const net::Request& r) {
    if (r.etag == "\"v1\"") {
      net::Response same = make_response(304, "");
      same.etag = "\"v1\"";
      return same;
    }
    net::Response fresh = fake_crossref(r);
    fresh.etag = "\"v2\"";
    return fresh;
  }};
  CrossrefFetcher fetcher(client, options());
  const auto c = fetch(fetcher, client,
                       {{"10.1093/jrsssb/qkae005", {"\"v1\"", "Wed, 01 Jan 2025 00:00:00 GMT"}},
                        {"10.1371/journal.pone.0033693", {}}});
  EXPECT_EQ(client.requests[0].etag, "\"v1\"");
  EXPECT_EQ(client.requests[0].last_modified, "Wed, 01 Jan 2025 00:00:00 GMT");
  EXPECT_EQ(c.by_id.at("10.1093/jrsssb/qkae005").status, FetchStatus::not_modified);
  EXPECT_EQ(c.by_id.at("10.1093/jrsssb/qkae005").validators.etag, "\"v1\"");
  EXPECT_EQ(c.by_id.at("10.1371/journal.pone.0033693").validators.etag, "\"v2\"");
  EXPECT_EQ(c.stats.not_modified, 1);
}

TEST(CrossrefFetcher, A200ThatIsNotAWorkIsATransientError) {
  FakeHttpClient client{[](const net::Request&) {
    return make_response(200, read_data("crossref/work-agency-10.1126_science.169.3946.635.json"), "application/json");
  }};
  CrossrefFetcher fetcher(client, options());
  const auto c = fetch(fetcher, client, {{"10.1126/science.169.3946.635", {}}});
  const FetchOutcome& o = c.by_id.at("10.1126/science.169.3946.635");
  EXPECT_EQ(o.status, FetchStatus::error);
  EXPECT_TRUE(o.transient);
  EXPECT_NE(o.message.find("work-agency"), std::string::npos);
}

// Valid JSON for another work (a proxy, a cache, a server bug) is refused:
// an error naming both DOIs, transient, never the other work's record. The
// DOI is compared case-insensitively.
TEST(CrossrefFetcher, AnAnswerForAnotherDoiIsRefused) {
  FakeHttpClient client{[](const net::Request& request) {
    if (request.url.find("qkae005") != std::string::npos) {
      return make_response(200, recorded_works().at("10.1371/journal.pone.0033693"), "application/json");
    }
    return fake_crossref(request);
  }};
  CrossrefFetcher fetcher(client, options());
  const auto c = fetch(fetcher, client, {{"10.1093/JRSSSB/qkae005", {}}, {"10.1371/JOURNAL.PONE.0033693", {}}});
  const FetchOutcome& wrong = c.by_id.at("10.1093/JRSSSB/qkae005");
  EXPECT_EQ(wrong.status, FetchStatus::error);
  EXPECT_TRUE(wrong.transient);
  EXPECT_TRUE(wrong.record.title.empty());
  EXPECT_EQ(wrong.message, "Crossref answered for 10.1371/journal.pone.0033693 when asked for 10.1093/jrsssb/qkae005");
  const FetchOutcome& right = c.by_id.at("10.1371/JOURNAL.PONE.0033693");  // asked in capitals, answered lower-case
  EXPECT_EQ(right.status, FetchStatus::ok);
  EXPECT_EQ(right.record.doi, "10.1371/journal.pone.0033693");
  EXPECT_EQ(c.stats.errors, 1);
  EXPECT_EQ(c.stats.ok, 1);
}

TEST(CrossrefFetcher, AWorkWithoutADoiIsNotTheOneAsked) {
  FakeHttpClient client{[](const net::Request&) {
    return make_response(200, R"({"status":"ok","message-type":"work","message":{"title":["Untitled"]}})",
                         "application/json");
  }};
  CrossrefFetcher fetcher(client, options());
  const auto c = fetch(fetcher, client, {{"10.1093/jrsssb/qkae005", {}}});
  const FetchOutcome& o = c.by_id.at("10.1093/jrsssb/qkae005");
  EXPECT_EQ(o.status, FetchStatus::error);
  EXPECT_EQ(o.message, "Crossref answered for a paper without an id when asked for 10.1093/jrsssb/qkae005");
}

// The client failed an answer whose status looks fine: its message (naming
// what happened) is reported, not "HTTP 200 but the body is not JSON (empty
// body)" or "HTTP 302: moved" from reading the body.
TEST(CrossrefFetcher, AnAnswerTheClientFailedKeepsTheClientsMessage) {
  struct Case {
    long status;
    net::Outcome outcome;
    std::string body, error;
    bool transient;
  };
  const std::vector<Case> cases = {
      {200, net::Outcome::transient, "",
       "api.crossref.org: body labelled Content-Encoding gzip is not in that encoding (incorrect header check)", true},
      {302, net::Outcome::permanent, "moved",
       "api.crossref.org: HTTP 302 redirect to http://proxy.example/works/x refused (insecure http://proxy.example, "
       "only https is followed)",
       false},
  };
  for (const Case& k : cases) {
    FakeHttpClient client{[&k](const net::Request&) { return testing::failed_answer(k.status, k.body, k.outcome, k.error); }};
    CrossrefFetcher fetcher(client, options());
    const auto c = fetch(fetcher, client, {{"10.1093/jrsssb/qkae005", {}}});
    const FetchOutcome& o = c.by_id.at("10.1093/jrsssb/qkae005");
    EXPECT_EQ(o.status, FetchStatus::error);
    EXPECT_EQ(o.message, k.error);
    EXPECT_EQ(o.transient, k.transient) << k.error;
  }
}

TEST(CrossrefFetcher, NothingToSendFinishesAtOnce) {
  FakeHttpClient client{fake_crossref};
  CrossrefFetcher fetcher(client, options());
  int done = 0;
  fetcher.fetch(std::vector<std::string>{}, [](std::vector<FetchOutcome>) { ADD_FAILURE() << "no outcomes expected"; },
                [&](const FetchStats& s) {
                  ++done;
                  EXPECT_EQ(s.requests, 0);
                });
  EXPECT_EQ(done, 1);
  EXPECT_TRUE(client.requests.empty());
}

}  // namespace
}  // namespace scholard::fetchers
