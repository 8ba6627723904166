#include "net/url.hpp"

#include <gtest/gtest.h>

namespace scholard::net {
namespace {

TEST(Url, ExtractsLowerCasedHost) {
  EXPECT_EQ(url_host("https://export.arxiv.org/api/query?id_list=2308.03686"), "export.arxiv.org");
  EXPECT_EQ(url_host("HTTPS://API.Crossref.ORG/works/10.1/x"), "api.crossref.org");
  EXPECT_EQ(url_host("http://127.0.0.1:8080/works"), "127.0.0.1");
  EXPECT_EQ(url_host("http://user:pw@example.org:81#frag"), "example.org");
  EXPECT_EQ(url_host("http://[::1]:9000/x"), "::1");
  EXPECT_EQ(url_host("https://example.org?q=a/b"), "example.org");
}

TEST(Url, ParsesSchemeAndPort) {
  auto parts = parse_url("http://localhost:4321/api/query");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->scheme, "http");
  EXPECT_EQ(parts->host, "localhost");
  ASSERT_TRUE(parts->port);
  EXPECT_EQ(*parts->port, 4321);
  auto no_port = parse_url("https://api.crossref.org");
  ASSERT_TRUE(no_port);
  EXPECT_FALSE(no_port->port);
}

TEST(Url, RejectsWhatIsNotAnAbsoluteUrl) {
  EXPECT_FALSE(parse_url("export.arxiv.org/api/query"));
  EXPECT_FALSE(parse_url("https:///path"));
  EXPECT_FALSE(parse_url("http://host:99999/"));
  EXPECT_FALSE(parse_url("http://host:12ab/"));
  EXPECT_FALSE(parse_url("http://[::1/"));
  EXPECT_EQ(parse_url("nope").error().code, core::ErrorCode::invalid_input);
  EXPECT_EQ(url_host("not a url"), "");
}

TEST(Url, RecognisesLoopbackHosts) {
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("127.1.2.3"));
  EXPECT_TRUE(is_loopback_host("::1"));
  EXPECT_TRUE(is_loopback_host("[::1]"));
  EXPECT_TRUE(is_loopback_host("LocalHost"));
  EXPECT_FALSE(is_loopback_host("128.0.0.1"));
  EXPECT_FALSE(is_loopback_host("127.0.0.1.evil.example"));
  EXPECT_FALSE(is_loopback_host("localhost.example.org"));
  EXPECT_FALSE(is_loopback_host("127.0.0.256"));
  EXPECT_FALSE(is_loopback_host("export.arxiv.org"));
}

TEST(Redirect, FollowsHttpsAndLoopbackHttp) {
  EXPECT_EQ(decide_redirect("https://export.arxiv.org/api/query", 0, 5).verdict, RedirectVerdict::follow);
  EXPECT_EQ(decide_redirect("http://127.0.0.1:5000/x", 0, 5).verdict, RedirectVerdict::follow);
  EXPECT_EQ(decide_redirect("http://localhost/x", 4, 5).verdict, RedirectVerdict::follow);
}

TEST(Redirect, RefusesInsecureOrExoticTargets) {
  const auto http = decide_redirect("http://export.arxiv.org/api/query", 0, 5);
  EXPECT_EQ(http.verdict, RedirectVerdict::refuse);
  EXPECT_NE(http.reason.find("export.arxiv.org"), std::string::npos);
  EXPECT_EQ(decide_redirect("ftp://example.org/file", 0, 5).verdict, RedirectVerdict::refuse);
  EXPECT_EQ(decide_redirect("file:///etc/passwd", 0, 5).verdict, RedirectVerdict::refuse);
  EXPECT_EQ(decide_redirect("/relative/path", 0, 5).verdict, RedirectVerdict::refuse);
}

TEST(Redirect, StopsAfterMaxHops) {
  EXPECT_EQ(decide_redirect("https://example.org/", 5, 5).verdict, RedirectVerdict::refuse);
  EXPECT_NE(decide_redirect("https://example.org/", 5, 5).reason.find("too many redirects"), std::string::npos);
  EXPECT_EQ(decide_redirect("https://example.org/", 0, 0).verdict, RedirectVerdict::refuse);
}

}  // namespace
}  // namespace scholard::net
