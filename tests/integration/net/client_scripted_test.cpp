// The real libcurl client against a scripted loopback server: headers sent,
// validators and 304, redirects, the size cap without Content-Length,
// Retry-After as an HTTP-date, DNS failure and a refused connection.
#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <thread>

#include "client_harness.hpp"
#include "scripted_server.hpp"

namespace scholard::net::testing {
namespace {

using Clock = std::chrono::steady_clock;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(ScriptedClient, SendsUserAgentGzipAndValidatorsAndReports304) {
  ScriptedServer server([](const Exchange&, int) {
    return ScriptedServer::reply(304, "ETag: \"v1\"\r\n", "");
  });
  Harness h;
  Request r = request_to(server.base_url() + "/works/x");
  r.etag = "\"v1\"";
  r.last_modified = "Sun, 06 Nov 1994 08:49:37 GMT";
  r.headers.emplace_back("Accept", "application/json");
  const Response resp = h.fetch(r);
  EXPECT_EQ(resp.outcome, Outcome::not_modified) << resp.error;
  EXPECT_EQ(resp.status, 304);
  EXPECT_EQ(resp.etag, "\"v1\"");
  EXPECT_EQ(resp.attempts, 1);
  const auto seen = server.exchanges();
  ASSERT_EQ(seen.size(), 1u);
  const auto& headers = seen[0].headers;
  EXPECT_EQ(headers.at("user-agent"), user_agent("scholard-tests@example.org"));
  EXPECT_TRUE(contains(headers.at("user-agent"), "mailto:scholard-tests@example.org"));
  EXPECT_TRUE(contains(headers.at("accept-encoding"), "gzip"));
  EXPECT_EQ(headers.at("if-none-match"), "\"v1\"");
  EXPECT_EQ(headers.at("if-modified-since"), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(headers.at("accept"), "application/json");
  const auto stats = h.client().stats();
  ASSERT_EQ(stats.count("127.0.0.1"), 1u);  // no source: keyed by host
  EXPECT_EQ(stats.at("127.0.0.1").not_modified, 1);
  EXPECT_EQ(stats.at("127.0.0.1").requests, 1);
}

TEST(ScriptedClient, FollowsRedirectsOnLoopbackHttp) {
  ScriptedServer server([](const Exchange& ex, int) {
    if (ex.target == "/start") return ScriptedServer::reply(301, "Location: /middle\r\n", "");
    if (ex.target == "/middle") return ScriptedServer::reply(307, "Location: /final\r\n", "");
    return ScriptedServer::reply(200, "Content-Type: text/plain\r\n", "arrived");
  });
  Harness h;
  const Response resp = h.fetch(request_to(server.base_url() + "/start", "scripted"));
  EXPECT_EQ(resp.outcome, Outcome::ok) << resp.error;
  EXPECT_EQ(resp.body, "arrived");
  EXPECT_GE(resp.body.capacity() - resp.body.size(), k_body_spare_capacity);
  EXPECT_EQ(resp.attempts, 1);  // hops are not attempts
  EXPECT_EQ(server.exchanges().size(), 3u);
  EXPECT_EQ(h.client().stats().at("scripted").requests, 3);
}

TEST(ScriptedClient, RefusesRedirectToRemoteHttp) {
  ScriptedServer server([](const Exchange&, int) {
    return ScriptedServer::reply(302, "Location: http://export.arxiv.org/api/query\r\n", "");
  });
  Harness h;
  const Response resp = h.fetch(request_to(server.base_url() + "/api/query"));
  EXPECT_EQ(resp.outcome, Outcome::permanent);
  EXPECT_TRUE(contains(resp.error, "insecure http://export.arxiv.org")) << resp.error;
  EXPECT_EQ(resp.attempts, 1);  // permanent: not retried
  EXPECT_EQ(server.exchanges().size(), 1u);
}

TEST(ScriptedClient, StopsRedirectLoopsAfterFiveHops) {
  ScriptedServer server([](const Exchange&, int) {
    return ScriptedServer::reply(302, "Location: /loop\r\n", "");
  });
  Harness h;
  const Response resp = h.fetch(request_to(server.base_url() + "/loop"));
  EXPECT_EQ(resp.outcome, Outcome::permanent);
  EXPECT_TRUE(contains(resp.error, "too many redirects")) << resp.error;
  EXPECT_EQ(server.exchanges().size(), 6u);  // the request and five hops
}

TEST(ScriptedClient, CapsBodiesWithoutContentLength) {
  const std::string big(256 * 1024, 'x');
  ScriptedServer server([&big](const Exchange&, int) {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n" + big;
  });
  ClientOptions options = quick_options();
  options.max_body_bytes = 64 * 1024;
  Harness h(options);
  const Response resp = h.fetch(request_to(server.base_url() + "/big"));
  EXPECT_EQ(resp.outcome, Outcome::permanent);
  EXPECT_TRUE(contains(resp.error, "larger than the limit of 65536 bytes")) << resp.error;
  EXPECT_TRUE(contains(resp.error, "127.0.0.1")) << resp.error;
  EXPECT_LE(resp.body.size(), 64u * 1024u);
  EXPECT_EQ(resp.attempts, 1);
}

TEST(ScriptedClient, HonoursRetryAfterAsHttpDate) {
  // An HTTP-date two whole seconds ahead: the retry may not come sooner than
  // the start of that second, i.e. at least one second later.
  const std::time_t when = std::time(nullptr) + 2;
  std::tm tm{};
  gmtime_r(&when, &tm);
  char date[64];
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  const std::string retry_after = std::string("Retry-After: ") + date + "\r\n";
  ScriptedServer server([&retry_after](const Exchange&, int index) {
    if (index == 0) return ScriptedServer::reply(503, retry_after, "busy");
    return ScriptedServer::reply(200, "", "ok");
  });
  ClientOptions options = quick_options();
  options.policies["scripted"] = quick_policy(3, milliseconds(10), milliseconds(5000));
  Harness h(options);
  const auto t0 = Clock::now();
  const Response resp = h.fetch(request_to(server.base_url() + "/x", "scripted"));
  const auto elapsed = Clock::now() - t0;
  EXPECT_EQ(resp.outcome, Outcome::ok) << resp.error;
  EXPECT_EQ(resp.attempts, 2);
  EXPECT_GE(elapsed, milliseconds(1000));
  EXPECT_EQ(h.client().stats().at("scripted").retries, 1);
}

TEST(ScriptedClient, ABodyMakesAPostSentAgainOnEveryRetry) {
  ScriptedServer server([](const Exchange&, int index) {
    if (index == 0) return ScriptedServer::reply(500, "", "oops");
    return ScriptedServer::reply(200, "Content-Type: application/json\r\n", "[]");
  });
  ClientOptions options = quick_options();
  options.policies["scripted"] = quick_policy(3, milliseconds(10));
  Harness h(options);
  Request r = request_to(server.base_url() + "/paper/batch?fields=title", "scripted");
  r.body = std::string("{\"ids\":[\"ARXIV:2308.03686\"]}") + std::string(2000, ' ');  // large: no Expect
  r.content_type = "application/json";
  const Response resp = h.fetch(r);
  EXPECT_EQ(resp.outcome, Outcome::ok) << resp.error;
  EXPECT_EQ(resp.attempts, 2);
  const auto seen = server.exchanges();
  ASSERT_EQ(seen.size(), 2u);
  for (const Exchange& ex : seen) {
    EXPECT_EQ(ex.method, "POST");
    EXPECT_EQ(ex.target, "/paper/batch?fields=title");
    EXPECT_EQ(ex.body, r.body);
    EXPECT_EQ(ex.headers.at("content-type"), "application/json");
    EXPECT_EQ(ex.headers.count("expect"), 0u);
  }
}

TEST(ScriptedClient, ASeeOtherRedirectTurnsAPostIntoAGet) {
  ScriptedServer server([](const Exchange& ex, int) {
    if (ex.target == "/post") return ScriptedServer::reply(303, "Location: /result\r\n", "");
    return ScriptedServer::reply(200, "", ex.method);
  });
  Harness h;
  Request r = request_to(server.base_url() + "/post");
  r.body = "x=1";
  const Response resp = h.fetch(r);
  EXPECT_EQ(resp.outcome, Outcome::ok) << resp.error;
  EXPECT_EQ(resp.body, "GET");
  const auto seen = server.exchanges();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[1].method, "GET");
  EXPECT_EQ(seen[1].body, "");
}

TEST(ScriptedClient, TooManyRequestsWithoutRetryAfterGivesUpWhenThePolicySaysSo) {
  ScriptedServer server([](const Exchange&, int) {
    return ScriptedServer::reply(429, "Content-Type: application/json\r\n", "{\"code\":\"429\"}");
  });
  ClientOptions options = quick_options();
  options.policies["busy"] = quick_policy(3, milliseconds(10));
  options.policies["busy"].retry.retry_rate_limited_without_retry_after = false;
  Harness h(options);
  const Response resp = h.fetch(request_to(server.base_url() + "/x", "busy"));
  EXPECT_EQ(resp.outcome, Outcome::rate_limited);
  EXPECT_EQ(resp.status, 429);
  EXPECT_EQ(resp.attempts, 1);
  EXPECT_EQ(server.exchanges().size(), 1u);
}

TEST(ScriptedClient, DnsFailureIsTransientAndNamesTheHost) {
  ClientOptions options = quick_options();
  options.policies["dns"] = quick_policy(2, milliseconds(10));
  Harness h(options);
  const Response resp = h.fetch(request_to("http://scholard-test.invalid/api/query", "dns"));
  EXPECT_EQ(resp.outcome, Outcome::transient);
  EXPECT_EQ(resp.error, "scholard-test.invalid: could not resolve host (no network?)");
  EXPECT_EQ(resp.attempts, 1);  // not retried: DNS does not heal within a pass
  EXPECT_EQ(resp.status, 0);
  // The lane now fails fast, without asking DNS again.
  const Response again = h.fetch(request_to("http://scholard-test.invalid/api/query?2", "dns"));
  EXPECT_EQ(again.outcome, Outcome::transient);
  EXPECT_EQ(again.attempts, 0);
  EXPECT_NE(again.error.find("could not resolve host"), std::string::npos) << again.error;
}

TEST(ScriptedClient, RefusedConnectionIsTransientAndRetried) {
  const RefusingPort refusing;
  const int port = refusing.port();
  Harness h;
  const auto t0 = Clock::now();
  const Response resp = h.fetch(request_to("http://127.0.0.1:" + std::to_string(port) + "/works/x"));
  EXPECT_EQ(resp.outcome, Outcome::transient);
  EXPECT_TRUE(contains(resp.error, "127.0.0.1: could not connect")) << resp.error;
  EXPECT_EQ(resp.attempts, 3);
  EXPECT_GE(Clock::now() - t0, milliseconds(100));  // two backoffs of at least 50 ms
}

TEST(ScriptedClient, UnparsableUrlIsPermanentWithoutARequest) {
  Harness h;
  const Response resp = h.fetch(request_to("not a url"));
  EXPECT_EQ(resp.outcome, Outcome::permanent);
  EXPECT_EQ(resp.attempts, 0);
  EXPECT_TRUE(h.client().stats().empty());
}

TEST(ScriptedClient, HandlerNeverRunsInsideGet) {
  Harness h;
  bool called = false;
  h.client().get(request_to("not a url"), [&called](Response) { called = true; });
  EXPECT_FALSE(called);
  EXPECT_EQ(h.client().pending(), 0u);
}

TEST(ScriptedClient, DestroyingTheClientMidTransferDropsHandlersSafely) {
  ScriptedServer server([](const Exchange&, int) {
    std::this_thread::sleep_for(milliseconds(300));
    return ScriptedServer::reply(200, "", "late");
  });
  boost::asio::io_context io;
  auto client = std::make_unique<CurlHttpClient>(io, quick_options());
  int called = 0;
  for (int i = 0; i < 3; ++i) {
    client->get(request_to(server.base_url() + "/slow", "slow"), [&called](Response) { ++called; });
  }
  io.run_for(milliseconds(100));  // the first transfer is in flight, the rest queued
  EXPECT_EQ(client->pending(), 3u);
  client.reset();
  io.restart();
  io.run_for(milliseconds(500));  // leftover handlers must be harmless no-ops
  EXPECT_EQ(called, 0);
}

std::size_t open_descriptors() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

TEST(ScriptedClient, EverySocketIsClosedWithTheClient) {
  ScriptedServer server([](const Exchange&, int) { return ScriptedServer::reply(200, "", "ok"); });
  { Harness warm_up; warm_up.fetch(request_to(server.base_url() + "/warm")); }  // one-time libcurl set-up
  const std::size_t before = open_descriptors();
  {
    Harness h;
    std::vector<Request> requests;
    for (int i = 0; i < 5; ++i) requests.push_back(request_to(server.base_url() + "/x"));
    for (const auto& r : h.fetch_all(std::move(requests))) EXPECT_EQ(r.outcome, Outcome::ok) << r.error;
  }
  EXPECT_EQ(open_descriptors(), before);
}

}  // namespace
}  // namespace scholard::net::testing
