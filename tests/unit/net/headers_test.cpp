#include "net/headers.hpp"

#include <gtest/gtest.h>

namespace scholard::net {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// 1994-11-06T08:49:37Z, the example date of RFC 9110.
core::SysTime rfc_example() {
  return core::SysTime{std::chrono::sys_days{std::chrono::year{1994} / 11 / 6}.time_since_epoch() +
                       std::chrono::hours(8) + std::chrono::minutes(49) + seconds(37)};
}

TEST(HeaderLine, SplitsLowerCasesAndTrims) {
  const auto h = parse_header_line("Retry-After:  120 \r\n");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->first, "retry-after");
  EXPECT_EQ(h->second, "120");
  const auto empty_value = parse_header_line("X-Empty:\r\n");
  ASSERT_TRUE(empty_value);
  EXPECT_EQ(empty_value->second, "");
  EXPECT_FALSE(parse_header_line("HTTP/1.1 200 OK\r\n"));
  EXPECT_FALSE(parse_header_line("\r\n"));
  EXPECT_FALSE(parse_header_line(": no name"));
}

TEST(HttpDate, ParsesAllThreeForms) {
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), rfc_example());
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), rfc_example());
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994"), rfc_example());
}

TEST(HttpDate, RejectsNonsense) {
  EXPECT_FALSE(parse_http_date(""));
  EXPECT_FALSE(parse_http_date("tomorrow"));
  EXPECT_FALSE(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 CET"));
}

TEST(RetryAfter, SecondsForm) {
  EXPECT_EQ(parse_retry_after("120", rfc_example()), milliseconds(120000));
  EXPECT_EQ(parse_retry_after(" 0 ", rfc_example()), milliseconds(0));
  EXPECT_FALSE(parse_retry_after("-5", rfc_example()));
  EXPECT_FALSE(parse_retry_after("1.5", rfc_example()));
  EXPECT_FALSE(parse_retry_after("", rfc_example()));
}

TEST(RetryAfter, HttpDateIsRelativeToNow) {
  const auto now = rfc_example() - seconds(90);
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), milliseconds(90000));
  // Sub-millisecond remainders round up: never earlier than the server said.
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", rfc_example() - std::chrono::microseconds(1500)),
            milliseconds(2));
  // A date in the past means "now".
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", rfc_example() + seconds(5)), milliseconds(0));
}

TEST(RateHeaderValues, DuplicatedFormsTakeTheMinimum) {
  EXPECT_EQ(parse_min_count("50"), 50);
  EXPECT_EQ(parse_min_count("50, 50"), 50);
  EXPECT_EQ(parse_min_count("5, 5"), 5);
  EXPECT_EQ(parse_min_count("10,3"), 3);
  EXPECT_EQ(parse_min_count("x, 7"), 7);
  EXPECT_FALSE(parse_min_count("many"));
  EXPECT_FALSE(parse_min_count(""));
  EXPECT_EQ(parse_interval("1s"), seconds(1));
  EXPECT_EQ(parse_interval("60s"), seconds(60));
  EXPECT_EQ(parse_interval("1s, 1s"), seconds(1));
  EXPECT_EQ(parse_interval("500ms"), milliseconds(500));
  EXPECT_EQ(parse_interval("2"), seconds(2));
  EXPECT_FALSE(parse_interval("soon"));
  EXPECT_FALSE(parse_interval("1h"));
}

TEST(RateHeaders, ReadsBothSpellings) {
  const HeaderList dashed = {{"x-rate-limit-limit", "10"}, {"x-rate-limit-interval", "1s"},
                             {"x-concurrency-limit", "3"}};
  const auto a = rate_headers_from(dashed);
  EXPECT_EQ(a.limit, 10);
  EXPECT_EQ(a.interval, seconds(1));
  EXPECT_EQ(a.concurrency, 3);

  const HeaderList compact = {{"x-ratelimit-limit", "5, 5"}, {"x-ratelimit-interval", "1s, 1s"}};
  const auto b = rate_headers_from(compact);
  EXPECT_EQ(b.limit, 5);
  EXPECT_EQ(b.interval, seconds(1));
  EXPECT_FALSE(b.concurrency);

  const HeaderList repeated = {{"x-concurrency-limit", "3"}, {"x-concurrency-limit", "2"}};
  EXPECT_EQ(rate_headers_from(repeated).concurrency, 2);
  EXPECT_FALSE(rate_headers_from({{"content-type", "text/plain"}}).limit);
}

TEST(UserAgent, NamesVersionProjectAndContact) {
  EXPECT_EQ(user_agent("someone@example.org"),
            "scholard/" SCHOLARD_VERSION " (+" SCHOLARD_PROJECT_URL "; mailto:someone@example.org)");
  EXPECT_EQ(user_agent(""), "scholard/" SCHOLARD_VERSION " (+" SCHOLARD_PROJECT_URL ")");
}

}  // namespace
}  // namespace scholard::net
