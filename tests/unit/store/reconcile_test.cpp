// reconcile_papers: the config's paper list against the stored one.
#include <gtest/gtest.h>

#include "store_test_util.hpp"

namespace scholard::store {
namespace {

using namespace testing;
using Keys = std::vector<std::string>;

class ReconcileTest : public StoreTest {
 protected:
  std::vector<ConfigPaper> three() {
    return {paper("2305.16860", "2305.16860", "", 0), paper("10.1093/jrsssb/qkae005", "", "10.1093/jrsssb/qkae005", 1),
            paper("title:many-shot-jailbreaking", "", "", 2, "Many-shot Jailbreaking")};
  }
  Keys listed_keys(bool include_removed = false) {
    Keys keys;
    auto papers = store().list_papers({include_removed});
    for (const auto& p : *papers) keys.push_back(p.key);
    return keys;
  }
};

TEST(PaperKey, ArxivThenDoiThenTitleSlug) {
  EXPECT_EQ(paper_key("2211.03595", "10.1093/jrsssb/qkae005", "T"), "2211.03595");
  EXPECT_EQ(paper_key("", "10.1093/jrsssb/qkae005", "T"), "10.1093/jrsssb/qkae005");
  EXPECT_EQ(paper_key("", "", "Many-shot Jailbreaking"), "title:many-shot-jailbreaking");
  EXPECT_EQ(paper_key("", "", "  Dénoising: a “Study”?! "), "title:denoising-a-study");
  EXPECT_EQ(paper_key("", "", ""), "");
}

TEST_F(ReconcileTest, AddsPapersInConfigOrder) {
  auto r = store().reconcile_papers(three());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->added, (Keys{"2305.16860", "10.1093/jrsssb/qkae005", "title:many-shot-jailbreaking"}));
  EXPECT_TRUE(r->removed.empty() && r->restored.empty() && r->changed.empty());
  EXPECT_EQ(listed_keys(), r->added);
  auto list = *store().list_papers();
  EXPECT_EQ(list[2].title, "Many-shot Jailbreaking");  // manual entry: the config's title
}

TEST_F(ReconcileTest, SameListTwiceChangesNothing) {
  ASSERT_TRUE(store().reconcile_papers(three()));
  auto before = history_count();
  auto r = store().reconcile_papers(three());
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->empty());
  EXPECT_EQ(history_count(), before);
}

TEST_F(ReconcileTest, ReorderingOnlyMovesPositions) {
  ASSERT_TRUE(store().reconcile_papers(three()));
  auto list = three();
  std::swap(list[0].position, list[2].position);
  auto r = store().reconcile_papers(list);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->empty());
  EXPECT_EQ(listed_keys(), (Keys{"title:many-shot-jailbreaking", "10.1093/jrsssb/qkae005", "2305.16860"}));
}

TEST_F(ReconcileTest, RemovedPaperIsKeptAndReAddingRestoresItsHistory) {
  ASSERT_TRUE(store().reconcile_papers(three()));
  ASSERT_TRUE(store().write_fetches({ok_result("2305.16860", arxiv_record(2))}));
  m_clock.advance(std::chrono::hours(1));
  ASSERT_TRUE(store().write_fetches({ok_result("2305.16860", arxiv_record(3))}));

  auto list = three();
  list.erase(list.begin());
  m_clock.advance(std::chrono::hours(1));
  auto r = store().reconcile_papers(list);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->removed, Keys{"2305.16860"});
  EXPECT_EQ(listed_keys(), (Keys{"10.1093/jrsssb/qkae005", "title:many-shot-jailbreaking"}));
  EXPECT_EQ(listed_keys(true).back(), "2305.16860");
  EXPECT_TRUE(store().list_papers({true})->back().removed);
  EXPECT_TRUE(*store().record("2305.16860", "arxiv"));  // kept while removed

  m_clock.advance(std::chrono::hours(1));
  r = store().reconcile_papers(three());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->restored, Keys{"2305.16860"});
  EXPECT_TRUE(r->added.empty());
  EXPECT_EQ(listed_keys(), (Keys{"2305.16860", "10.1093/jrsssb/qkae005", "title:many-shot-jailbreaking"}));
  auto h = *store().history({std::string("2305.16860"), 100});
  std::vector<HistoryKind> kinds;
  for (const auto& e : h) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<HistoryKind>{HistoryKind::restored, HistoryKind::removed, HistoryKind::changed,
                                             HistoryKind::changed, HistoryKind::first_seen, HistoryKind::added}));
  EXPECT_EQ((**store().record("2305.16860", "arxiv")).arxiv_version, 3);
  auto detail = **store().show_paper("2305.16860");
  EXPECT_FALSE(detail.removed_at);
}

TEST_F(ReconcileTest, ChangedIdsAreReportedAndLogged) {
  ASSERT_TRUE(store().reconcile_papers(three()));
  auto list = three();
  list[1].arxiv_id = "2211.03595";  // DOI-keyed paper gains its preprint id; key unchanged
  auto r = store().reconcile_papers(list);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->changed, Keys{"10.1093/jrsssb/qkae005"});
  auto h = *store().history({std::string("10.1093/jrsssb/qkae005"), 10});
  ASSERT_FALSE(h.empty());
  EXPECT_EQ(h[0].source, "config");
  EXPECT_EQ(h[0].field, "arxiv_id");
  EXPECT_EQ(h[0].old_value, "");
  EXPECT_EQ(h[0].new_value, "2211.03595");
}

TEST_F(ReconcileTest, KeyChangeWithSharedIdKeepsThePaper) {
  ASSERT_TRUE(store().reconcile_papers({paper("10.1093/jrsssb/qkae005", "", "10.1093/jrsssb/qkae005", 0)}));
  ASSERT_TRUE(store().write_fetches({ok_result("10.1093/jrsssb/qkae005", crossref_record())}));
  // The user adds the arXiv id: the key becomes the arXiv id.
  auto r = store().reconcile_papers({paper("2211.03595", "2211.03595", "10.1093/jrsssb/qkae005", 0)});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->changed, Keys{"2211.03595"});
  EXPECT_TRUE(r->added.empty());
  EXPECT_TRUE(r->removed.empty());
  EXPECT_EQ(listed_keys(true), Keys{"2211.03595"});
  EXPECT_EQ(**store().record("2211.03595", "crossref"), crossref_record());
  EXPECT_EQ(store().history({std::string("2211.03595"), 10})->size(), 4u);  // added, first_seen, key, arxiv_id
}

TEST_F(ReconcileTest, RejectsEmptyAndDuplicateKeys) {
  auto dup = store().reconcile_papers({paper("a", "", "", 0), paper("a", "", "", 1)});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, core::ErrorCode::invalid_input);
  EXPECT_NE(dup.error().message.find("'a' is listed twice"), std::string::npos);
  auto empty = store().reconcile_papers({paper("", "", "", 0)});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, core::ErrorCode::invalid_input);
  EXPECT_TRUE(store().list_papers()->empty());
}

}  // namespace
}  // namespace scholard::store
