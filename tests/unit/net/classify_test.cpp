#include "net/classify.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace scholard::net {
namespace {

AttemptFacts status(long code) {
  AttemptFacts f;
  f.host = "api.crossref.org";
  f.status = code;
  return f;
}

AttemptFacts failure(TransportError error, std::string detail = {}) {
  AttemptFacts f;
  f.host = "export.arxiv.org";
  f.error = error;
  f.detail = std::move(detail);
  f.max_body_bytes = 16u * 1024u * 1024u;
  return f;
}

TEST(Classify, HttpStatuses) {
  EXPECT_EQ(classify(status(200)).outcome, Outcome::ok);
  EXPECT_EQ(classify(status(204)).outcome, Outcome::ok);
  EXPECT_EQ(classify(status(304)).outcome, Outcome::not_modified);
  EXPECT_EQ(classify(status(404)).outcome, Outcome::not_found);
  EXPECT_EQ(classify(status(429)).outcome, Outcome::rate_limited);
  EXPECT_EQ(classify(status(503)).outcome, Outcome::rate_limited);
  EXPECT_EQ(classify(status(500)).outcome, Outcome::transient);
  EXPECT_EQ(classify(status(502)).outcome, Outcome::transient);
  EXPECT_EQ(classify(status(504)).outcome, Outcome::transient);
  EXPECT_EQ(classify(status(400)).outcome, Outcome::permanent);
  EXPECT_EQ(classify(status(403)).outcome, Outcome::permanent);
  EXPECT_EQ(classify(status(410)).outcome, Outcome::permanent);
  EXPECT_EQ(classify(status(301)).outcome, Outcome::permanent);  // a redirect left unfollowed
  EXPECT_TRUE(classify(status(200)).error.empty());
}

TEST(Classify, MessagesNameTheHost) {
  EXPECT_EQ(classify(status(500)).error, "api.crossref.org: HTTP 500 (server error)");
  auto limited = status(429);
  limited.retry_after = std::chrono::seconds(2);
  EXPECT_EQ(classify(limited).error, "api.crossref.org: HTTP 429 (too many requests, retry after 2000 ms)");
  EXPECT_EQ(classify(failure(TransportError::resolve, "Could not resolve host")).error,
            "export.arxiv.org: could not resolve host (no network?)");
}

TEST(Classify, TransportErrors) {
  EXPECT_EQ(classify(failure(TransportError::timeout)).outcome, Outcome::transient);
  EXPECT_EQ(classify(failure(TransportError::resolve)).outcome, Outcome::transient);
  EXPECT_EQ(classify(failure(TransportError::connect)).outcome, Outcome::transient);
  EXPECT_EQ(classify(failure(TransportError::reset)).outcome, Outcome::transient);
  EXPECT_EQ(classify(failure(TransportError::truncated)).outcome, Outcome::transient);
  EXPECT_EQ(classify(failure(TransportError::other)).outcome, Outcome::transient);
  EXPECT_EQ(classify(failure(TransportError::oversize)).outcome, Outcome::permanent);
  EXPECT_EQ(classify(failure(TransportError::tls)).outcome, Outcome::permanent);
  EXPECT_EQ(classify(failure(TransportError::refused_redirect, "redirect refused")).outcome, Outcome::permanent);
  EXPECT_EQ(classify(failure(TransportError::bad_url)).outcome, Outcome::permanent);
}

TEST(Classify, TransportErrorWinsOverStatus) {
  auto f = failure(TransportError::truncated, "transfer closed with 100 bytes remaining");
  f.status = 200;
  const auto c = classify(f);
  EXPECT_EQ(c.outcome, Outcome::transient);
  EXPECT_NE(c.error.find("truncated"), std::string::npos);
  EXPECT_NE(c.error.find("100 bytes remaining"), std::string::npos);
}

TEST(Classify, OversizeNamesTheLimit) {
  EXPECT_EQ(classify(failure(TransportError::oversize)).error,
            "export.arxiv.org: response larger than the limit of 16777216 bytes, refused");
}

// What the client says of an answer it did not take: a refused or
// unfollowed redirect its status and where it pointed; a body not in the
// encoding its header names, that encoding (not "truncated").
TEST(Classify, RedirectsNameTheirLocationAndBadEncodingsTheirEncoding) {
  struct Case {
    AttemptFacts facts;
    Outcome outcome;
    std::string error;
  };
  AttemptFacts refused = failure(TransportError::refused_redirect, "insecure http://proxy.example, only https is followed");
  refused.status = 302;
  refused.location = "http://proxy.example/works/10.1093%2Fx";
  AttemptFacts encoding = failure(TransportError::bad_encoding, "Error while processing content unencoding: incorrect header check");
  encoding.status = 200;
  encoding.content_encoding = "gzip";
  const std::vector<Case> cases = {
      {refused, Outcome::permanent,
       "export.arxiv.org: HTTP 302 redirect to http://proxy.example/works/10.1093%2Fx refused (insecure "
       "http://proxy.example, only https is followed)"},
      {status(301), Outcome::permanent, "api.crossref.org: HTTP 301 redirect without a Location not followed"},
      {encoding, Outcome::transient,
       "export.arxiv.org: body labelled Content-Encoding gzip is not in that encoding (Error while processing "
       "content unencoding: incorrect header check)"},
  };
  for (const Case& c : cases) {
    const Classification got = classify(c.facts);
    EXPECT_EQ(got.outcome, c.outcome) << c.error;
    EXPECT_EQ(got.error, c.error);
  }
}

// A Location is shown without control characters, and cut when long.
TEST(Classify, ARedirectsLocationIsPrintableAndBounded) {
  AttemptFacts odd = failure(TransportError::refused_redirect, "too many redirects (more than 5)");
  odd.status = 307;
  odd.location = "https://x.example/\x1b[31m" + std::string(300, 'a');
  const std::string message = classify(odd).error;
  EXPECT_EQ(message.find('\x1b'), std::string::npos) << message;
  EXPECT_NE(message.find("... refused (too many redirects (more than 5))"), std::string::npos) << message;
  EXPECT_LT(message.size(), 300u) << message;
}

}  // namespace
}  // namespace scholard::net
