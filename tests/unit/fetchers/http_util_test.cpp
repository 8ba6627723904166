// The helpers every fetcher words its failures with: when the client failed
// an answer whose status looks fine, and the message of an answer for
// another paper.
#include "fetchers/http_util.hpp"

#include <gtest/gtest.h>

namespace scholard::fetchers {
namespace {

net::Response answer(long status, net::Outcome outcome) {
  net::Response r;
  r.status = status;
  r.outcome = outcome;
  return r;
}

TEST(FailedDespiteStatus, OnlyWhenTheStatusHidesTheFailure) {
  EXPECT_FALSE(failed_despite_status(answer(200, net::Outcome::ok)));
  EXPECT_FALSE(failed_despite_status(answer(304, net::Outcome::not_modified)));
  EXPECT_TRUE(failed_despite_status(answer(200, net::Outcome::transient)));   // cut short, not decodable
  EXPECT_TRUE(failed_despite_status(answer(200, net::Outcome::permanent)));   // too large
  EXPECT_TRUE(failed_despite_status(answer(302, net::Outcome::permanent)));   // a redirect not followed
  // The status says it: the body is the server's own explanation.
  EXPECT_FALSE(failed_despite_status(answer(404, net::Outcome::not_found)));
  EXPECT_FALSE(failed_despite_status(answer(429, net::Outcome::rate_limited)));
  EXPECT_FALSE(failed_despite_status(answer(500, net::Outcome::transient)));
  EXPECT_FALSE(failed_despite_status(answer(0, net::Outcome::transient)));
}

TEST(AnsweredForOther, NamesBothIdsAndAtMostThreeAnswered) {
  EXPECT_EQ(answered_for_other("Crossref", {"10.9999/x"}, "10.1093/y"),
            "Crossref answered for 10.9999/x when asked for 10.1093/y");
  EXPECT_EQ(answered_for_other("arXiv", {"1", "2", "3", "4", "5"}, "2301.00001"),
            "arXiv answered for 1, 2, 3 and 2 more when asked for 2301.00001");
  EXPECT_EQ(answered_for_other("Crossref", {}, "10.1093/y"),
            "Crossref answered for a paper without an id when asked for 10.1093/y");
}

}  // namespace
}  // namespace scholard::fetchers
