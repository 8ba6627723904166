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
  RunSummary s{3, 5, 1, 2, 1, RunOutcome::partial, "1 paper could not be fetched"};
  ASSERT_TRUE(store().finish_run(*id, s));
  runs = *store().recent_runs(5);
  EXPECT_EQ(runs[0].ended_at, t0() + std::chrono::seconds(42));
  EXPECT_EQ(runs[0].command, "scholard sync");
  EXPECT_EQ(runs[0].summary.requests_arxiv, 3);
  EXPECT_EQ(runs[0].summary.requests_crossref, 5);
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
