// PassProgress: the engine's counts joined with the client's lanes, as the
// status line reads them.
#include "daemon/pass_progress.hpp"

#include <gtest/gtest.h>

namespace scholard::daemon {
namespace {

using std::chrono::milliseconds;

SourceList two_sources() {
  return {{"arxiv", "arXiv", core::SourceKind::preprint_server},
          {"crossref", "Crossref", core::SourceKind::doi_registry}};
}

net::LaneActivity lane(std::string key, long requests, long retries = 0) {
  net::LaneActivity a;
  a.key = std::move(key);
  a.requests = requests;
  a.retries = retries;
  return a;
}

TEST(PassProgress, CountsAnswersAndFailuresPerSource) {
  PassProgress p;
  p.begin(two_sources());
  p.planned(0, 3);
  p.planned(1, 2);
  p.planned(1, 1);  // a followed link
  p.answered(0, false);
  p.answered(1, true);
  p.answered(1, true);
  const Progress& c = p.counts();
  EXPECT_EQ(c.due, 6);
  EXPECT_EQ(c.done, 3);
  EXPECT_EQ(c.failed, 2);
  ASSERT_EQ(c.sources.size(), 2u);
  EXPECT_EQ(c.sources[0].due, 3);
  EXPECT_EQ(c.sources[0].answered, 1);
  EXPECT_EQ(c.sources[1].due, 3);
  EXPECT_EQ(c.sources[1].failed, 2);
  EXPECT_EQ(c.sources[1].answered, 0);
}

TEST(PassProgress, JoinsASourcesLanesAndKeepsOthersApart) {
  PassProgress p;
  p.begin(two_sources());
  p.requests_planned(1, 5);
  p.lane(lane("crossref", 2));
  p.lane(lane("crossref-list", 3, 1));  // Crossref's second route
  p.lane(lane("pub.orcid.org", 1));     // nobody's: its own entry
  const Progress& c = p.counts();
  ASSERT_EQ(c.sources.size(), 3u);
  EXPECT_EQ(c.sources[1].requests, 5);
  EXPECT_EQ(c.sources[1].requests_left, 1);  // 5 planned, 4 first attempts sent
  EXPECT_EQ(c.sources[2].name, "pub.orcid.org");
  EXPECT_EQ(c.sources[2].requests, 1);
  EXPECT_EQ(c.requests, 6);
}

TEST(PassProgress, WaitsOnlyWhileNothingOfTheSourceIsInFlight) {
  PassProgress p;
  p.begin(two_sources());
  auto waiting = lane("arxiv", 1);
  waiting.waiting = net::WaitReason::backoff;
  waiting.until = core::SteadyTime{} + milliseconds(3000);
  waiting.per_request = milliseconds(3150);
  waiting.backing_off = 1;
  p.lane(waiting);
  EXPECT_EQ(p.counts().sources[0].waiting, net::WaitReason::backoff);
  EXPECT_EQ(p.counts().sources[0].until, waiting.until);
  EXPECT_EQ(p.counts().sources[0].per_request, milliseconds(3150));
  EXPECT_EQ(p.counts().sources[0].backing_off, 1);

  auto busy = lane("arxiv", 2, 1);
  busy.in_flight = 1;
  p.lane(busy);
  EXPECT_EQ(p.counts().sources[0].waiting, net::WaitReason::none);
  EXPECT_FALSE(p.counts().sources[0].until.has_value());
  EXPECT_EQ(p.counts().sources[0].requests, 2);
}

}  // namespace
}  // namespace scholard::daemon
