// Sync runs and the meta table.
#include <gtest/gtest.h>

#include "store_test_util.hpp"

namespace scholard::store {
namespace {

using namespace testing;

using RunsTest = StoreTest;

TEST_F(RunsTest, RunIsRecordedFromStartToEnd) {
  auto id = store().begin_run("scholard sync");
  ASSERT_TRUE(id) << id.error().message;
  auto runs = *store().recent_runs(5);
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].summary.outcome, RunOutcome::running);
  EXPECT_FALSE(runs[0].ended_at);
  EXPECT_EQ(runs[0].started_at, t0());

  m_clock.advance(std::chrono::seconds(42));
  RunSummary s{{{"arxiv", 3}, {"crossref", 5}}, 1, 2, 1, RunOutcome::partial, "1 paper could not be fetched"};
  EXPECT_EQ(s.total_requests(), 8);
  ASSERT_TRUE(store().finish_run(*id, s));
  runs = *store().recent_runs(5);
  EXPECT_EQ(runs[0].ended_at, t0() + std::chrono::seconds(42));
  EXPECT_EQ(runs[0].command, "scholard sync");
  EXPECT_EQ(runs[0].summary.requests, (std::map<std::string, int, std::less<>>{{"arxiv", 3}, {"crossref", 5}}));
  EXPECT_EQ(runs[0].summary.not_modified, 1);
  EXPECT_EQ(runs[0].summary.papers_changed, 2);
  EXPECT_EQ(runs[0].summary.outputs_written, 1);
  EXPECT_EQ(runs[0].summary.outcome, RunOutcome::partial);
  EXPECT_EQ(runs[0].summary.message, "1 paper could not be fetched");
}

TEST_F(RunsTest, RecentRunsAreNewestFirstAndLimited) {
  for (int i = 0; i < 4; ++i) {
    auto id = store().begin_run("run " + std::to_string(i));
    ASSERT_TRUE(store().finish_run(*id, {}));
    m_clock.advance(std::chrono::hours(6));
  }
  auto runs = *store().recent_runs(2);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].command, "run 3");
  EXPECT_EQ(runs[1].command, "run 2");
}

// Request counts are kept by source name, any name: a source the store has
// never heard of is stored like the others; counts of 0 are not kept.
TEST_F(RunsTest, RequestsAreKeptPerSourceNameForEveryRun) {
  auto first = store().begin_run("scholard sync");
  RunSummary a;
  a.requests = {{"arxiv", 2}, {"toy_source", 7}, {"crossref", 0}};
  ASSERT_TRUE(store().finish_run(*first, a));
  auto second = store().begin_run("scholard daemon");
  RunSummary b;
  b.requests = {{"crossref", 4}};
  ASSERT_TRUE(store().finish_run(*second, b));
  auto third = store().begin_run("scholard sync");
  ASSERT_TRUE(store().finish_run(*third, {}));

  auto runs = *store().recent_runs(3);
  ASSERT_EQ(runs.size(), 3u);
  using Counts = std::map<std::string, int, std::less<>>;
  EXPECT_EQ(runs[0].summary.requests, Counts{});
  EXPECT_EQ(runs[1].summary.requests, (Counts{{"crossref", 4}}));
  EXPECT_EQ(runs[2].summary.requests, (Counts{{"arxiv", 2}, {"toy_source", 7}}));
  EXPECT_EQ(runs[2].summary.total_requests(), 9);
  // Only the newest two asked for: the oldest run's counts are not mixed in.
  auto two = *store().recent_runs(2);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[1].summary.requests, (Counts{{"crossref", 4}}));
  // Finishing a run again replaces its counts.
  RunSummary again;
  again.requests = {{"arxiv", 1}};
  ASSERT_TRUE(store().finish_run(*first, again));
  EXPECT_EQ(store().recent_runs(3)->at(2).summary.requests, (Counts{{"arxiv", 1}}));
  EXPECT_EQ(*store().database().query_int("SELECT count(*) FROM run_requests"), 2);
}

TEST_F(RunsTest, RequestsToSomethingThatIsNotASourceNameAreRefused) {
  auto id = store().begin_run("scholard sync");
  for (const char* bad : {"", "Crossref", "config", "two words"}) {
    RunSummary s;
    s.requests = {{"arxiv", 1}, {bad, 1}};
    auto r = store().finish_run(*id, s);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, core::ErrorCode::invalid_input) << bad;
  }
  // Nothing of the refused summaries was written.
  auto runs = *store().recent_runs(1);
  EXPECT_EQ(runs[0].summary.outcome, RunOutcome::running);
  EXPECT_TRUE(runs[0].summary.requests.empty());
}

TEST_F(RunsTest, FinishingAnUnknownRunIsNotFound) {
  auto r = store().finish_run(999, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, core::ErrorCode::not_found);
}

TEST_F(RunsTest, MetaKeepsTheLatestValue) {
  EXPECT_FALSE(*store().get_meta("discover.last"));
  ASSERT_TRUE(store().set_meta("discover.last", "2025-03-02"));
  ASSERT_TRUE(store().set_meta("discover.last", "2025-03-03"));
  EXPECT_EQ(**store().get_meta("discover.last"), "2025-03-03");
}

}  // namespace
}  // namespace scholard::store
