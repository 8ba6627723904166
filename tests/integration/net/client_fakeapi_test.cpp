// The real libcurl client against scholard-fakeapi: every outcome and fault,
// the retry behaviour (attempts and minimum spacing), and the politeness
// referee's verdict on arXiv spacing and Crossref concurrency. Timing
// assertions are lower bounds only.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "client_harness.hpp"
#include "support/fakeapi_process.hpp"

namespace scholard::net::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::seconds;

const std::string k_fixtures = SCHOLARD_TEST_DATA "/net";
const std::string k_contact = "scholard-tests@example.org";

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::vector<std::string> server_args(std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"--fixtures", k_fixtures, "--arxiv-interval", "50ms"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// arXiv and Crossref lanes scaled to milliseconds; 3 attempts each.
ClientOptions fake_options() {
  ClientOptions o = quick_options();
  o.contact = k_contact;
  o.policies["arxiv"] = quick_policy(3, milliseconds(50), milliseconds(2000), milliseconds(60), 1);
  HostPolicy crossref;  // Crossref's shape (fetchers::crossref_policy): 3 in flight, adapted to its headers
  crossref.limiter = {milliseconds(0), 3, Adaptation::from_headers};
  crossref.retry = {3, milliseconds(50), milliseconds(2000)};
  o.policies["crossref"] = crossref;
  return o;
}

class FakeApiClient : public ::testing::Test {
 protected:
  // (Re)starts the server with the default arguments plus `extra`.
  void start(std::vector<std::string> extra = {}) {
    m_server.reset();
    auto started = scholard::testing::FakeApiProcess::start(server_args(std::move(extra)));
    ASSERT_TRUE(started) << started.error().message;
    m_server = std::move(*started);
  }
  void SetUp() override { ASSERT_NO_FATAL_FAILURE(start()); }

  // `count` 0 = until reset.
  void fault(std::string_view route, std::string_view kind, std::string_view param = "", int count = 0) {
    auto set = m_server->set_fault(route, kind, param, count);
    ASSERT_TRUE(set) << set.error().message;
  }
  scholard::testing::FakeApiStats stats() {
    auto parsed = m_server->stats();
    if (!parsed) {
      ADD_FAILURE() << parsed.error().message;
      return {};
    }
    return *parsed;
  }
  Request arxiv(const std::string& id = "2308.03686") {
    return request_to(m_server->base_url() + "/api/query?id_list=" + id + "&max_results=1", "arxiv");
  }
  Request crossref(const std::string& doi = "10.1093/jrsssb/qkae005") {
    return request_to(m_server->base_url() + "/works/" + doi + "?mailto=" + k_contact, "crossref");
  }

  std::unique_ptr<scholard::testing::FakeApiProcess> m_server;
};

TEST_F(FakeApiClient, ArxivAnswerIsOk) {
  Harness h(fake_options());
  const Response r = h.fetch(arxiv());
  EXPECT_EQ(r.outcome, Outcome::ok) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_TRUE(contains(r.body, "2308.03686"));
  EXPECT_TRUE(contains(std::string(r.header("content-type")), "atom+xml"));
  EXPECT_EQ(h.client().stats().at("arxiv").requests, 1);
}

TEST_F(FakeApiClient, CrossrefAnswerIsOkInThePolitePool) {
  Harness h(fake_options());
  const Response r = h.fetch(crossref());
  EXPECT_EQ(r.outcome, Outcome::ok) << r.error;
  EXPECT_EQ(r.header("x-api-pool"), "polite");  // the User-Agent carries mailto:
  EXPECT_FALSE(r.header("x-concurrency-limit").empty());
  EXPECT_TRUE(contains(r.body, "\"DOI\""));
  // The spare capacity that lets the Crossref parser read the body in place.
  EXPECT_GE(r.body.capacity() - r.body.size(), k_body_spare_capacity);
}

TEST_F(FakeApiClient, NotFoundIsAnAnswerNotRetried) {
  Harness h(fake_options());
  const Response r = h.fetch(crossref("10.9999/does-not-exist"));
  EXPECT_EQ(r.outcome, Outcome::not_found) << r.error;
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.body, "Resource not found.");
  EXPECT_EQ(stats().crossref.requests, 1);
}

TEST_F(FakeApiClient, TooManyRequestsWaitsForRetryAfterSeconds) {
  ASSERT_NO_FATAL_FAILURE(fault("crossref", "429", "1", 1));
  Harness h(fake_options());
  const auto t0 = Clock::now();
  const Response r = h.fetch(crossref());
  EXPECT_EQ(r.outcome, Outcome::ok) << r.error;
  EXPECT_EQ(r.attempts, 2);
  EXPECT_GE(Clock::now() - t0, milliseconds(1000));
  EXPECT_EQ(h.client().stats().at("crossref").retries, 1);
  EXPECT_EQ(stats().crossref.requests, 2);
}

TEST_F(FakeApiClient, RetryAfterBeyondTheCapGivesUpForThisPass) {
  ASSERT_NO_FATAL_FAILURE(fault("crossref", "429", "30", 1));
  Harness h(fake_options());
  const Response first = h.fetch(crossref());
  EXPECT_EQ(first.outcome, Outcome::rate_limited);
  EXPECT_EQ(first.attempts, 1);
  ASSERT_TRUE(first.retry_after);
  EXPECT_EQ(*first.retry_after, seconds(30));
  // The lane does not ask again before the server's time is up.
  const Response second = h.fetch(crossref());
  EXPECT_EQ(second.outcome, Outcome::rate_limited);
  EXPECT_EQ(second.attempts, 0);
  EXPECT_EQ(stats().crossref.requests, 1);
}

TEST_F(FakeApiClient, ServiceUnavailableIsRateLimitedAndRetriedWithBackoff) {
  ASSERT_NO_FATAL_FAILURE(fault("crossref", "503", ""));
  Harness h(fake_options());
  const auto t0 = Clock::now();
  const Response r = h.fetch(crossref());
  EXPECT_EQ(r.outcome, Outcome::rate_limited);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.attempts, 3);
  EXPECT_GE(Clock::now() - t0, milliseconds(100));  // two backoffs of >= 50 ms
  EXPECT_EQ(stats().crossref.requests, 3);
}

TEST_F(FakeApiClient, ServerErrorIsTransientAndRetried) {
  ASSERT_NO_FATAL_FAILURE(fault("arxiv", "500", ""));
  Harness h(fake_options());
  const auto t0 = Clock::now();
  const Response r = h.fetch(arxiv());
  EXPECT_EQ(r.outcome, Outcome::transient);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.attempts, 3);
  EXPECT_TRUE(contains(r.error, "HTTP 500")) << r.error;
  EXPECT_GE(Clock::now() - t0, milliseconds(100));
  EXPECT_EQ(stats().arxiv.requests, 3);
  EXPECT_TRUE(stats().violations.empty());
}

TEST_F(FakeApiClient, GatewayTimeoutPageIsTransientAndRecovers) {
  ASSERT_NO_FATAL_FAILURE(fault("arxiv", "504html", "", 2));
  Harness h(fake_options());
  const Response r = h.fetch(arxiv());
  EXPECT_EQ(r.outcome, Outcome::ok) << r.error;
  EXPECT_EQ(r.attempts, 3);
}

TEST_F(FakeApiClient, ConnectionResetIsTransient) {
  ASSERT_NO_FATAL_FAILURE(fault("crossref", "reset", ""));
  Harness h(fake_options());
  const Response r = h.fetch(crossref());
  EXPECT_EQ(r.outcome, Outcome::transient);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.attempts, 3);
  EXPECT_TRUE(contains(r.error, "127.0.0.1: connection reset")) << r.error;
}

TEST_F(FakeApiClient, TruncatedBodyIsTransient) {
  ASSERT_NO_FATAL_FAILURE(fault("arxiv", "truncate", ""));
  Harness h(fake_options());
  const Response r = h.fetch(arxiv());
  EXPECT_EQ(r.outcome, Outcome::transient);
  EXPECT_EQ(r.attempts, 3);
  EXPECT_TRUE(contains(r.error, "truncated")) << r.error;
}

TEST_F(FakeApiClient, OversizeBodyIsPermanentAndNotRetried) {
  ASSERT_NO_FATAL_FAILURE(fault("crossref", "oversize", ""));
  Harness h(fake_options());  // default cap: 16 MiB; the fault sends 17 MiB
  const Response r = h.fetch(crossref());
  EXPECT_EQ(r.outcome, Outcome::permanent);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_TRUE(contains(r.error, "larger than the limit of 16777216 bytes")) << r.error;
  EXPECT_LE(r.body.size(), k_default_max_body_bytes);
}

TEST_F(FakeApiClient, SlowDripRunsIntoTheTotalTimeout) {
  ASSERT_NO_FATAL_FAILURE(fault("arxiv", "drip", "100"));
  ClientOptions options = fake_options();
  options.total_timeout = milliseconds(800);
  options.policies["arxiv"].retry.max_attempts = 2;
  Harness h(options);
  const auto t0 = Clock::now();
  const Response r = h.fetch(arxiv());
  EXPECT_EQ(r.outcome, Outcome::transient);
  EXPECT_EQ(r.attempts, 2);
  EXPECT_TRUE(contains(r.error, "timed out")) << r.error;
  EXPECT_GE(Clock::now() - t0, milliseconds(1600));
}

TEST_F(FakeApiClient, DelayPastTheTimeoutIsTransientThenRecovers) {
  ASSERT_NO_FATAL_FAILURE(fault("crossref", "delay", "3000", 1));
  ClientOptions options = fake_options();
  options.total_timeout = milliseconds(800);
  Harness h(options);
  const auto t0 = Clock::now();
  const Response r = h.fetch(crossref());
  EXPECT_EQ(r.outcome, Outcome::ok) << r.error;
  EXPECT_EQ(r.attempts, 2);
  EXPECT_GE(Clock::now() - t0, milliseconds(800));
}

TEST_F(FakeApiClient, DelayPastTheTimeoutWithoutRetriesIsTransient) {
  ASSERT_NO_FATAL_FAILURE(fault("crossref", "delay", "3000", 1));
  ClientOptions options = fake_options();
  options.total_timeout = milliseconds(500);
  options.policies["crossref"].retry.max_attempts = 1;
  Harness h(options);
  const Response r = h.fetch(crossref());
  EXPECT_EQ(r.outcome, Outcome::transient);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_TRUE(contains(r.error, "127.0.0.1: timed out")) << r.error;
}

TEST_F(FakeApiClient, ArxivRequestsIssuedAtOnceAreSpacedByTheInterval) {
  // The referee enforces 200 ms; the client keeps 210 ms between sends so
  // the server's own scheduling cannot make the next one look early.
  ASSERT_NO_FATAL_FAILURE(start({"--arxiv-interval", "200ms"}));
  ClientOptions options = fake_options();
  options.policies["arxiv"] = quick_policy(3, milliseconds(50), milliseconds(2000), milliseconds(210), 1);
  Harness h(options);
  std::vector<Request> requests;
  for (int i = 0; i < 10; ++i) requests.push_back(arxiv(i % 2 == 0 ? "2308.03686" : "2211.03595"));
  const auto t0 = Clock::now();
  const auto responses = h.fetch_all(std::move(requests));
  const auto elapsed = Clock::now() - t0;
  for (const auto& r : responses) EXPECT_EQ(r.outcome, Outcome::ok) << r.error;
  EXPECT_GE(elapsed, milliseconds(9 * 200));
  const auto referee = stats();
  EXPECT_EQ(referee.arxiv.requests, 10);
  EXPECT_GE(referee.arxiv.min_gap_ms, 200);
  EXPECT_EQ(referee.arxiv.max_in_flight, 1);
  EXPECT_TRUE(referee.violations.empty()) << referee.violations.front();
  const auto client_stats = h.client().stats().at("arxiv");
  EXPECT_EQ(client_stats.requests, 10);
  EXPECT_GE(client_stats.limiter_wait, milliseconds(9 * 200));
}

TEST_F(FakeApiClient, CrossrefConcurrencyFollowsTheAnnouncedLimit) {
  // Configured for 3, the server announces 2; each answer takes 150 ms so
  // requests overlap.
  ASSERT_NO_FATAL_FAILURE(start({"--crossref-concurrency", "2", "--crossref-limit", "10", "--crossref-interval", "1s"}));
  ASSERT_NO_FATAL_FAILURE(fault("crossref", "delay", "150"));
  Harness h(fake_options());
  std::vector<Request> requests;
  for (int i = 0; i < 12; ++i) requests.push_back(crossref());
  const auto responses = h.fetch_all(std::move(requests));
  for (const auto& r : responses) EXPECT_EQ(r.outcome, Outcome::ok) << r.error;
  const auto referee = stats();
  EXPECT_EQ(referee.crossref.requests, 12);
  EXPECT_LE(referee.crossref.max_in_flight, 2);
  EXPECT_GE(referee.crossref.max_in_flight, 2);  // the announced limit is used, not just 1
  EXPECT_TRUE(referee.violations.empty()) << referee.violations.front();
  EXPECT_EQ(h.client().stats().at("crossref").requests, 12);
}

}  // namespace
}  // namespace scholard::net::testing
