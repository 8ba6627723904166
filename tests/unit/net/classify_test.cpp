#include "net/classify.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace scholard::net
