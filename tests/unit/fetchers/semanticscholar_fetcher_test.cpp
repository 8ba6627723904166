// The Semantic Scholar fetcher and source with the recording fake client:
// one POST per 500 ids, the exact body, the API key sent and never shown,
// refusals (429 without Retry-After, 403, an HTML page) stopping the rest of
// the fetch, malformed answers, and the title match.
#include "fetchers/semanticscholar_fetcher.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "fake_http.hpp"
#include "fetchers/semanticscholar_parser.hpp"
#include "fetchers/semanticscholar_source.hpp"

namespace scholard::fetchers {
namespace {

using testing::collect_fetch;
using testing::Collected;
using testing::FakeHttpClient;
using testing::make_response;
using testing::read_data;

constexpr const char* k_key = "s2-SECRET-key-0123";

std::string s2_data(const std::string& name) { return read_data("semanticscholar/" + name); }

// A JSON array of `n` nulls: S2's answer when it knows none of the ids.
std::string nulls(std::size_t n) {
  std::string out = "[";
  for (std::size_t i = 0; i < n; ++i) out += i == 0 ? "null" : ",null";
  return out + "]";
}

// How many ids a recorded batch body asks for.
std::size_t ids_in(const std::string& body) { return static_cast<std::size_t>(std::count(body.begin(), body.end(), '"')) / 2 - 1; }

std::vector<std::string> arxiv_ids(std::size_t n) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < n; ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "ARXIV:2301.%05zu", i + 1);
    ids.emplace_back(buf);
  }
  return ids;
}

Collected run(FakeHttpClient& client, std::vector<std::string> ids, SemanticScholarOptions options = {}) {
  options.base_url = "http://127.0.0.1:9/graph/v1";
  SemanticScholarFetcher fetcher(client, options);
  return collect_fetch(client, [&](BatchHandler b, DoneHandler d) { fetcher.fetch(ids, std::move(b), std::move(d)); });
}

bool sent_key(const net::Request& r) {
  return std::any_of(r.headers.begin(), r.headers.end(), [](const auto& h) { return h.first == "x-api-key"; });
}

void expect_no_key_anywhere(const Collected& c) {
  for (const auto& [id, o] : c.by_id) {
    EXPECT_EQ(o.message.find(k_key), std::string::npos) << o.message;
    EXPECT_EQ(o.requested.find(k_key), std::string::npos);
  }
}

TEST(S2Fetcher, SixteenPapersAreOnePostWithTheExactBody) {
  std::vector<std::string> ids = arxiv_ids(15);
  ids.push_back("DOI:10.1093/JRSSSB/qkae005");
  FakeHttpClient client([](const net::Request& r) { return make_response(200, nulls(ids_in(r.body)), "application/json"); });
  const Collected c = run(client, ids);
  ASSERT_EQ(client.requests.size(), 1u);
  const net::Request& r = client.requests[0];
  EXPECT_EQ(r.url, "http://127.0.0.1:9/graph/v1/paper/batch?fields=paperId,externalIds,url,title,venue,"
                   "publicationVenue,year,publicationDate,journal,authors,publicationTypes");
  EXPECT_EQ(r.source, "semanticscholar");
  EXPECT_EQ(r.content_type, "application/json");
  std::string body = "{\"ids\":[";
  for (std::size_t i = 0; i < 15; ++i) body += "\"" + ids[i] + "\",";
  body += "\"DOI:10.1093/jrsssb/qkae005\"]}";  // canonical: lower-cased
  EXPECT_EQ(r.body, body);
  EXPECT_FALSE(sent_key(r));
  ASSERT_EQ(c.by_id.size(), 16u);
  EXPECT_EQ(c.stats.requests, 1);
  EXPECT_EQ(c.stats.not_found, 16);
  const FetchOutcome& doi = c.by_id.at("DOI:10.1093/JRSSSB/qkae005");  // answered as asked
  EXPECT_EQ(doi.status, FetchStatus::not_found);
  EXPECT_EQ(c.by_id.at("ARXIV:2301.00001").message, "Semantic Scholar does not know ARXIV:2301.00001");
}

TEST(S2Fetcher, FiveHundredAndOneIdsAreTwoRequestsOneAfterTheOther) {
  FakeHttpClient client([](const net::Request& r) { return make_response(200, nulls(ids_in(r.body)), "application/json"); });
  const Collected c = run(client, arxiv_ids(501));
  ASSERT_EQ(client.requests.size(), 2u);
  EXPECT_EQ(ids_in(client.requests[0].body), 500u);
  EXPECT_EQ(ids_in(client.requests[1].body), 1u);
  EXPECT_EQ(client.max_in_flight, 1);
  EXPECT_EQ(c.by_id.size(), 501u);
  EXPECT_EQ(c.stats.requests, 2);
}

TEST(S2Fetcher, RecordedBatchMapsPapersAndNullsByPosition) {
  FakeHttpClient client([](const net::Request&) {
    return make_response(200, s2_data("paper-batch-4ids-first-null-not-found.json"), "application/json");
  });
  const Collected c = run(client, {"ARXIV:2301.00001", "DOI:10.2139/ssrn.288970", "DOI:10.2139/ssrn.2250500",
                                   "DOI:10.1257/rct.1355"});
  EXPECT_EQ(c.by_id.at("ARXIV:2301.00001").status, FetchStatus::not_found);
  const FetchOutcome& ok = c.by_id.at("DOI:10.2139/ssrn.288970");
  ASSERT_EQ(ok.status, FetchStatus::ok) << ok.message;
  EXPECT_EQ(ok.record.title, "How Much Should We Trust Differences-in-Differences Estimates?");
  EXPECT_EQ(ok.record.source, "semanticscholar");
  EXPECT_FALSE(ok.raw_hash.empty());
  EXPECT_EQ(c.stats.ok, 3);
}

TEST(S2Fetcher, TheKeyIsSentAsAHeaderAndNeverShown) {
  SemanticScholarOptions options;
  options.api_key = k_key;
  for (long status : {200L, 403L, 429L, 500L, 400L}) {
    FakeHttpClient client([status](const net::Request& r) {
      if (status == 200) return make_response(200, "<html><body>Access denied</body></html>", "text/html");
      if (status == 403) return make_response(403, s2_data("paper-batch-403-forbidden-bad-api-key.json"), "application/json");
      if (status == 429) return make_response(429, s2_data("paper-search-429-too-many-requests-2026-03.json"), "application/json");
      if (status == 400) return make_response(400, s2_data("paper-400-unrecognized-fields.json"), "application/json");
      net::Response failed = make_response(500, "");
      failed.error = "127.0.0.1:9: HTTP 500";
      (void)r;
      return failed;
    });
    const Collected c = run(client, arxiv_ids(3), options);
    ASSERT_EQ(client.requests.size(), 1u) << status;
    const auto& headers = client.requests[0].headers;
    EXPECT_NE(std::find(headers.begin(), headers.end(), std::pair<std::string, std::string>{"x-api-key", k_key}),
              headers.end());
    EXPECT_EQ(client.requests[0].url.find(k_key), std::string::npos);
    EXPECT_EQ(client.requests[0].body.find(k_key), std::string::npos);
    expect_no_key_anywhere(c);
  }
}

TEST(S2Fetcher, TooManyRequestsWithoutRetryAfterRefusesTheSourceAndSendsNoMore) {
  FakeHttpClient client([](const net::Request&) {
    return make_response(429, s2_data("paper-search-429-too-many-requests-2026-03.json"), "application/json");
  });
  const Collected c = run(client, arxiv_ids(1001));
  ASSERT_EQ(client.requests.size(), 1u);  // the breaker: batches 2 and 3 not sent
  ASSERT_EQ(c.by_id.size(), 1001u);
  for (const auto& [id, o] : c.by_id) {
    EXPECT_EQ(o.status, FetchStatus::error);
    EXPECT_TRUE(o.transient);
    EXPECT_TRUE(o.source_refused) << id;
  }
  const std::string& first = c.by_id.at("ARXIV:2301.00001").message;
  EXPECT_NE(first.find("127.0.0.1:9"), std::string::npos) << first;
  EXPECT_NE(first.find("shared pool"), std::string::npos) << first;
  EXPECT_NE(first.find("API key helps"), std::string::npos) << first;
  const std::string& skipped = c.by_id.at("ARXIV:2301.01001").message;
  EXPECT_EQ(skipped.rfind("not asked: ", 0), 0u) << skipped;
  EXPECT_EQ(c.stats.requests, 1);
  EXPECT_EQ(c.stats.errors, 1001);
}

TEST(S2Fetcher, ForbiddenSaysTheKeyWasRefused) {
  SemanticScholarOptions options;
  options.api_key = k_key;
  FakeHttpClient client([](const net::Request&) {
    return make_response(403, s2_data("paper-batch-403-forbidden-bad-api-key.json"), "application/json");
  });
  const Collected c = run(client, arxiv_ids(2), options);
  const FetchOutcome& o = c.by_id.at("ARXIV:2301.00001");
  EXPECT_EQ(o.status, FetchStatus::error);
  EXPECT_TRUE(o.source_refused);
  EXPECT_NE(o.message.find("API key was refused"), std::string::npos) << o.message;
  EXPECT_NE(o.message.find("$SCHOLARD_S2_API_KEY"), std::string::npos) << o.message;
}

TEST(S2Fetcher, AnHtmlPageIsBlockedNeverNotFound) {
  for (const char* type : {"text/html; charset=utf-8", ""}) {
    FakeHttpClient client([type](const net::Request&) {
      return make_response(200, "\n<!DOCTYPE html><html><body>Just a moment...</body></html>", type);
    });
    const Collected c = run(client, arxiv_ids(600));
    EXPECT_EQ(client.requests.size(), 1u);
    const FetchOutcome& o = c.by_id.at("ARXIV:2301.00001");
    EXPECT_EQ(o.status, FetchStatus::error);
    EXPECT_TRUE(o.transient);
    EXPECT_TRUE(o.source_refused);
    EXPECT_NE(o.message.find("HTML page, not JSON"), std::string::npos) << o.message;
    EXPECT_EQ(c.stats.not_found, 0);
    EXPECT_TRUE(c.by_id.at("ARXIV:2301.00600").source_refused);
  }
}

TEST(S2Fetcher, MalformedJsonAndWrongLengthFailTheBatchOnly) {
  int calls = 0;
  FakeHttpClient client([&calls](const net::Request& r) {
    ++calls;
    if (calls == 1) return make_response(200, "[null, {\"paperId\": ", "application/json");
    if (calls == 2) return make_response(200, nulls(ids_in(r.body) - 1), "application/json");
    return make_response(200, nulls(ids_in(r.body)), "application/json");
  });
  SemanticScholarOptions options;
  options.batch_size = 2;
  const Collected c = run(client, arxiv_ids(6), options);
  EXPECT_EQ(client.requests.size(), 3u);  // not refusals: the next batches are asked
  const FetchOutcome& bad = c.by_id.at("ARXIV:2301.00001");
  EXPECT_EQ(bad.status, FetchStatus::error);
  EXPECT_TRUE(bad.transient);
  EXPECT_FALSE(bad.source_refused);
  EXPECT_NE(bad.message.find("not valid JSON"), std::string::npos) << bad.message;
  const FetchOutcome& short_answer = c.by_id.at("ARXIV:2301.00003");
  EXPECT_EQ(short_answer.status, FetchStatus::error);
  EXPECT_TRUE(short_answer.transient);
  EXPECT_FALSE(short_answer.source_refused);
  EXPECT_NE(short_answer.message.find("answered 1 papers for 2 ids"), std::string::npos) << short_answer.message;
  EXPECT_EQ(c.by_id.at("ARXIV:2301.00005").status, FetchStatus::not_found);
}

// An answer is matched by position AND by the ids the paper names: a paper
// at a position whose id it does not name is another paper (a shifted
// array, a cache), an error for that id only; the others are taken.
TEST(S2Fetcher, APaperThatIsNotTheIdAtItsPositionIsRefused) {
  FakeHttpClient client{[](const net::Request&) {
    return make_response(200,
                         R"([{"paperId": "1111111111111111111111111111111111111111", "externalIds": {"ArXiv": "1707.08567"}, "title": "Other"},)"
                         R"( {"paperId": "2222222222222222222222222222222222222222", "externalIds": {"ArXiv": "2301.00002"}, "title": "Asked"},)"
                         R"( {"paperId": "3333333333333333333333333333333333333333", "externalIds": {"DOI": "10.1000/ABC"}, "title": "By DOI"},)"
                         R"( {"paperId": "4444444444444444444444444444444444444444", "title": "No ids"}])",
                         "application/json");
  }};
  const auto c = run(client, {"ARXIV:2301.00001", "arxiv:2301.00002v2", "DOI:10.1000/abc", "DOI:10.1000/xyz"});
  const FetchOutcome& shifted = c.by_id.at("ARXIV:2301.00001");
  EXPECT_EQ(shifted.status, FetchStatus::error);
  EXPECT_TRUE(shifted.transient);
  EXPECT_FALSE(shifted.source_refused);  // no fault of the source as a whole
  EXPECT_EQ(shifted.message, "Semantic Scholar answered for ARXIV:1707.08567 when asked for ARXIV:2301.00001");
  EXPECT_EQ(c.by_id.at("arxiv:2301.00002v2").status, FetchStatus::ok);
  EXPECT_EQ(c.by_id.at("arxiv:2301.00002v2").record.title, "Asked");
  EXPECT_EQ(c.by_id.at("DOI:10.1000/abc").status, FetchStatus::ok);  // DOIs compared case-insensitively
  const FetchOutcome& no_ids = c.by_id.at("DOI:10.1000/xyz");
  EXPECT_EQ(no_ids.status, FetchStatus::error);
  EXPECT_EQ(no_ids.message,
            "Semantic Scholar answered for 4444444444444444444444444444444444444444 when asked for DOI:10.1000/xyz");
  EXPECT_EQ(c.stats.ok, 2);
  EXPECT_EQ(c.stats.errors, 2);
}

TEST(S2Fetcher, AnswersMeansTheIdAskedIsNamed) {
  core::Record r;
  r.arxiv_id = "2308.03686";
  r.doi = "10.1093/jrsssb/qkae005";
  EXPECT_TRUE(semanticscholar_answers(r, "ARXIV:2308.03686"));
  EXPECT_TRUE(semanticscholar_answers(r, "DOI:10.1093/JRSSSB/QKAE005"));
  EXPECT_FALSE(semanticscholar_answers(r, "ARXIV:2308.03687"));
  EXPECT_FALSE(semanticscholar_answers(r, "DOI:10.1093/jrsssb/qkae006"));
  EXPECT_FALSE(semanticscholar_answers(core::Record{}, "ARXIV:2308.03686"));
  EXPECT_FALSE(semanticscholar_answers(core::Record{}, "DOI:10.1093/jrsssb/qkae005"));
  EXPECT_FALSE(semanticscholar_answers(r, "CorpusId:1234"));
  // A manual entry is asked by its corpus id (discovery/title_match.hpp).
  r.relations.push_back({"indexed-as", "semanticscholar-corpus", "CorpusId:1234"});
  EXPECT_TRUE(semanticscholar_answers(r, "CorpusId:1234"));
  EXPECT_FALSE(semanticscholar_answers(r, "CorpusId:12345"));
}

// A 2xx the client failed (a body not in its Content-Encoding) is not parsed.
TEST(S2Fetcher, AnAnswerTheClientFailedKeepsTheClientsMessage) {
  FakeHttpClient client{[](const net::Request&) {
    return testing::failed_answer(200, "", net::Outcome::transient,
                                  "127.0.0.1: body labelled Content-Encoding gzip is not in that encoding "
                                  "(incorrect header check)");
  }};
  const auto c = run(client, {"ARXIV:2301.00001"});
  const FetchOutcome& o = c.by_id.at("ARXIV:2301.00001");
  EXPECT_EQ(o.status, FetchStatus::error);
  EXPECT_TRUE(o.transient);
  EXPECT_NE(o.message.find("Content-Encoding gzip"), std::string::npos) << o.message;
}

TEST(S2Fetcher, BadRequestIsNotTransientAndQuotesS2) {
  FakeHttpClient client([](const net::Request&) {
    return make_response(400, s2_data("paper-400-unrecognized-fields.json"), "application/json");
  });
  const Collected c = run(client, arxiv_ids(2));
  const FetchOutcome& o = c.by_id.at("ARXIV:2301.00002");
  EXPECT_EQ(o.status, FetchStatus::error);
  EXPECT_FALSE(o.transient);
  EXPECT_FALSE(o.source_refused);
  EXPECT_NE(o.message.find("Unrecognized or unsupported fields: [unknown]"), std::string::npos) << o.message;
}

TEST(S2Fetcher, ServerErrorsAreTransientNotRefusals) {
  FakeHttpClient client([](const net::Request&) { return make_response(502, "<html>bad gateway</html>", "text/html"); });
  SemanticScholarOptions options;
  options.batch_size = 1;
  const Collected c = run(client, arxiv_ids(2), options);
  EXPECT_EQ(client.requests.size(), 2u);
  EXPECT_TRUE(c.by_id.at("ARXIV:2301.00001").transient);
  EXPECT_FALSE(c.by_id.at("ARXIV:2301.00001").source_refused);
}

TEST(S2Fetcher, InvalidIdsAreReportedAndDuplicatesAskedOnce) {
  FakeHttpClient client([](const net::Request& r) { return make_response(200, nulls(ids_in(r.body)), "application/json"); });
  const Collected c = run(client, {"2308.03686", "DOI:10.48550/arXiv.2308.03686", "ARXIV:nonsense",
                                   "ARXIV:2308.03686", "arxiv:2308.03686v2"});
  EXPECT_EQ(c.by_id.at("2308.03686").status, FetchStatus::invalid);
  EXPECT_EQ(c.by_id.at("DOI:10.48550/arXiv.2308.03686").status, FetchStatus::invalid);
  EXPECT_EQ(c.by_id.at("ARXIV:nonsense").status, FetchStatus::invalid);
  ASSERT_EQ(client.requests.size(), 1u);
  EXPECT_EQ(client.requests[0].body, R"({"ids":["ARXIV:2308.03686"]})");
  EXPECT_EQ(c.by_id.at("arxiv:2308.03686v2").status, FetchStatus::not_found);
  EXPECT_EQ(c.by_id.size(), 5u);
}

TEST(S2Fetcher, NothingToAskAnswersAtOnce) {
  FakeHttpClient client([](const net::Request&) { return make_response(500, ""); });
  const Collected c = run(client, {});
  EXPECT_TRUE(client.requests.empty());
  EXPECT_EQ(c.done_calls, 1);
}

TEST(S2Fetcher, BatchBodyEscapesJson) {
  EXPECT_EQ(semanticscholar_batch_body({"DOI:10.1/a\"b\\c"}), R"({"ids":["DOI:10.1/a\"b\\c"]})");
  EXPECT_EQ(semanticscholar_batch_body({}), R"({"ids":[]})");
}

TitleMatch match_with(FakeHttpClient& client, const std::string& title, SemanticScholarOptions options = {}) {
  options.base_url = "http://127.0.0.1:9/graph/v1/";
  TitleMatch out;
  int calls = 0;
  match_title(client, options, title, [&](TitleMatch m) {
    out = std::move(m);
    ++calls;
  });
  client.run();
  EXPECT_EQ(calls, 1);
  return out;
}

TEST(S2TitleMatch, FindsTheBestMatchWithItsScore) {
  FakeHttpClient client([](const net::Request&) {
    return make_response(200, s2_data("paper-search-match-attention-is-all-you-need.json"), "application/json");
  });
  const TitleMatch m = match_with(client, "Attention is All you Need");
  ASSERT_EQ(m.outcome.status, FetchStatus::ok) << m.outcome.message;
  EXPECT_EQ(m.outcome.requested, "Attention is All you Need");
  EXPECT_EQ(m.outcome.record.arxiv_id, "1706.03762");
  EXPECT_DOUBLE_EQ(m.match_score, 133.32033);
  ASSERT_EQ(client.requests.size(), 1u);
  EXPECT_EQ(client.requests[0].url,
            "http://127.0.0.1:9/graph/v1/paper/search/match?query=Attention%20is%20All%20you%20Need&fields=" +
                std::string(k_semanticscholar_fields));
  EXPECT_TRUE(client.requests[0].body.empty());  // a GET
  EXPECT_EQ(client.requests[0].source, "semanticscholar");
}

TEST(S2TitleMatch, NoMatchIsNotFoundAndRefusalsAreRefusals) {
  FakeHttpClient none([](const net::Request&) {
    return make_response(404, s2_data("paper-search-match-404-title-match-not-found.json"), "application/json");
  });
  const TitleMatch m = match_with(none, "askldjrq3rjaw938h");
  EXPECT_EQ(m.outcome.status, FetchStatus::not_found);
  EXPECT_NE(m.outcome.message.find("Title match not found"), std::string::npos) << m.outcome.message;

  SemanticScholarOptions options;
  options.api_key = k_key;
  FakeHttpClient busy([](const net::Request&) {
    return make_response(429, s2_data("paper-search-429-too-many-requests-2026-03.json"), "application/json");
  });
  const TitleMatch refused = match_with(busy, "Many-shot Jailbreaking", options);
  EXPECT_EQ(refused.outcome.status, FetchStatus::error);
  EXPECT_TRUE(refused.outcome.source_refused);
  EXPECT_EQ(refused.outcome.message.find(k_key), std::string::npos);
  EXPECT_TRUE(sent_key(busy.requests.at(0)));

  FakeHttpClient unused([](const net::Request&) { return make_response(500, ""); });
  EXPECT_EQ(match_with(unused, "  ").outcome.status, FetchStatus::not_found);
  EXPECT_TRUE(unused.requests.empty());
}

TEST(S2Source, QueryIdPrefersTheArxivIdAndSkipsArxivDois) {
  FakeHttpClient client([](const net::Request&) { return make_response(500, ""); });
  SemanticScholarSource source(client, {});
  EXPECT_EQ(source.name(), "semanticscholar");
  EXPECT_EQ(source.display_name(), "Semantic Scholar");
  EXPECT_EQ(source.kind(), core::SourceKind::bibliographic_index);
  EXPECT_EQ(source.min_interval(), std::chrono::milliseconds(1000));
  EXPECT_EQ(source.query_id({"2308.03686", "10.1093/jrsssb/qkae005", "T"}), "ARXIV:2308.03686");
  EXPECT_EQ(source.query_id({"2308.03686v3", "", ""}), "ARXIV:2308.03686");
  EXPECT_EQ(source.query_id({"", "10.1093/JRSSSB/qkae005", "T"}), "DOI:10.1093/jrsssb/qkae005");
  EXPECT_EQ(source.query_id({"", "10.48550/arXiv.2308.03686", "T"}), "");
  EXPECT_EQ(source.query_id({"", "", "Many-shot Jailbreaking"}), "");
}

TEST(S2Source, BatchesAreTheRequestsTheFetchSends) {
  std::vector<std::string> ids = arxiv_ids(501);
  ids.push_back("ARXIV:2301.00001v2");  // the same paper again
  ids.push_back("garbage");
  FakeHttpClient client([](const net::Request& r) { return make_response(200, nulls(ids_in(r.body)), "application/json"); });
  SemanticScholarSource source(client, {});
  const auto batches = source.batches(ids);
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_EQ(batches[0].size(), 500u);
  EXPECT_EQ(batches[1], std::vector<std::string>{"ARXIV:2301.00501"});
  std::vector<FetchItem> items;
  for (const std::string& id : ids) items.push_back({id, {}});
  const Collected c = collect_fetch(client, [&](BatchHandler b, DoneHandler d) {
    source.fetch(std::move(items), std::move(b), std::move(d));
  });
  EXPECT_EQ(client.requests.size(), batches.size());
  EXPECT_EQ(c.by_id.size(), 503u);
}

}  // namespace
}  // namespace scholard::fetchers
