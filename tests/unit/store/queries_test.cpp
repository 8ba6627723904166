// The read side: list, show, all_papers, history, status.
#include <gtest/gtest.h>

#include "store_test_util.hpp"

namespace scholard::store {
namespace {

using namespace testing;

class QueriesTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(store().reconcile_papers({paper("2211.03595", "2211.03595", "10.1093/jrsssb/qkae005", 0),
                                          paper("2305.16860", "2305.16860", "", 1),
                                          paper("10.1000/nothing", "", "10.1000/nothing", 2, "Config Title")}));
  }
};

TEST_F(QueriesTest, ListPrefersAPublishedRecordThenThePreprintsThenConfig) {
  core::Record preprint = arxiv_record();
  preprint.arxiv_id = "2211.03595";
  preprint.journal_ref = "JRSSB 86(2)";
  FetchResult fail = failed_result("10.1000/nothing", "crossref", StoredOutcome::not_found, "");
  ASSERT_TRUE(store().write_fetches({ok_result("2211.03595", preprint), ok_result("2211.03595", crossref_record()),
                                     ok_result("2305.16860", arxiv_record()), fail}));
  auto list = *store().list_papers();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].title, "From denoising diffusions to denoising Markov models");
  EXPECT_EQ(list[0].venue, "Journal of the Royal Statistical Society Series B: Statistical Methodology");
  EXPECT_EQ(list[0].year, 2024);
  EXPECT_EQ(list[0].doi, "10.1093/jrsssb/qkae005");
  ASSERT_EQ(list[0].sources.size(), 2u);
  EXPECT_EQ(list[0].sources[0].source, "arxiv");
  EXPECT_EQ(list[1].title, "Error Bounds for Flow Matching Methods");
  EXPECT_EQ(list[1].venue, "");
  EXPECT_EQ(list[1].year, 2023);
  EXPECT_EQ(list[2].title, "Config Title");
  EXPECT_EQ(list[2].year, 0);
  ASSERT_EQ(list[2].sources.size(), 1u);
  EXPECT_EQ(list[2].sources[0].state.outcome, StoredOutcome::not_found);
  EXPECT_EQ(list[2].sources[0].state.last_error, "not found");
}

// No source is preferred by name: a published version's record gives the
// title, year and venue, whichever source holds it; a registered preprint
// ("posted-content") ranks with the preprints, by source name.
TEST_F(QueriesTest, ListRanksRecordsByWhatTheyAreNotWhichSourceSentThem) {
  core::Record preprint = arxiv_record();  // "arxiv", type "preprint", 2023
  preprint.arxiv_id = "2211.03595";
  preprint.journal_ref = "JRSSB 86(2)";
  core::Record registered = crossref_record();  // a DOI registry's record of the preprint
  registered.type = "posted-content";
  registered.title = "Registered preprint title";
  registered.venue = "SSRN";
  registered.published = {2022, 11, 7};
  ASSERT_TRUE(store().write_fetches({ok_result("2211.03595", preprint), ok_result("2211.03595", registered)}));
  auto list = *store().list_papers();
  EXPECT_EQ(list[0].title, "Error Bounds for Flow Matching Methods");  // "arxiv" before "crossref"
  EXPECT_EQ(list[0].year, 2023);
  EXPECT_EQ(list[0].venue, "JRSSB 86(2)");  // no published record: a journal_ref

  // A toy source's published record outranks both, though its name sorts last.
  core::Record published = crossref_record();
  published.source = "zz_toy";
  published.title = "The published title";
  published.venue = "The Journal";
  published.published = {2025, 1, 1};
  ASSERT_TRUE(store().write_fetches({ok_result("2211.03595", published)}));
  list = *store().list_papers();
  EXPECT_EQ(list[0].title, "The published title");
  EXPECT_EQ(list[0].year, 2025);
  EXPECT_EQ(list[0].venue, "The Journal");
  ASSERT_EQ(list[0].sources.size(), 3u);  // in name order
  EXPECT_EQ(list[0].sources[0].source, "arxiv");
  EXPECT_EQ(list[0].sources[1].source, "crossref");
  EXPECT_EQ(list[0].sources[2].source, "zz_toy");
  auto detail = **store().show_paper("2211.03595");
  ASSERT_EQ(detail.records.size(), 3u);
  EXPECT_EQ(detail.records[2].source, "zz_toy");
  EXPECT_EQ(detail.records[2].record, published);
  EXPECT_EQ(detail.records[0].record, preprint);
}

TEST_F(QueriesTest, ShowFindsAPaperByKeyArxivIdOrDoi) {
  ASSERT_TRUE(store().write_fetches({ok_result("2211.03595", crossref_record())}));
  for (const char* id : {"2211.03595", "10.1093/jrsssb/qkae005"}) {
    auto d = store().show_paper(id);
    ASSERT_TRUE(d && *d) << id;
    EXPECT_EQ((*d)->key, "2211.03595");
    ASSERT_EQ((*d)->records.size(), 1u);
    EXPECT_EQ((*d)->records[0].source, "crossref");
    EXPECT_EQ((*d)->records[0].record, crossref_record());
    EXPECT_EQ((*d)->added_at, t0());
  }
  EXPECT_FALSE(*store().show_paper("1234.56789"));
}

TEST_F(QueriesTest, AllPapersCarriesEveryRecordInConfigOrder) {
  ASSERT_TRUE(store().write_fetches({ok_result("2305.16860", arxiv_record()),
                                     ok_result("2211.03595", crossref_record())}));
  auto all = *store().all_papers();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].records[0].record, crossref_record());
  EXPECT_EQ(all[1].records[0].record, arxiv_record());
  EXPECT_TRUE(all[2].records.empty());
}

TEST_F(QueriesTest, AllPapersListsByPositionRemovedLastWithTheirOwnRecords) {
  ASSERT_TRUE(store().write_fetches({ok_result("2305.16860", arxiv_record()),
                                     ok_result("2211.03595", crossref_record())}));
  // Reordered: inserted ids no longer follow positions; 2211.03595 removed.
  ASSERT_TRUE(store().reconcile_papers({paper("10.1000/nothing", "", "10.1000/nothing", 0, "Config Title"),
                                        paper("2305.16860", "2305.16860", "", 1)}));
  auto listed = *store().all_papers();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].key, "10.1000/nothing");
  EXPECT_TRUE(listed[0].records.empty());
  EXPECT_EQ(listed[1].key, "2305.16860");
  ASSERT_EQ(listed[1].records.size(), 1u);
  EXPECT_EQ(listed[1].records[0].record, arxiv_record());
  auto all = *store().all_papers({true});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].key, "10.1000/nothing");
  EXPECT_EQ(all[1].key, "2305.16860");
  EXPECT_EQ(all[2].key, "2211.03595");
  EXPECT_TRUE(all[2].removed_at);
  ASSERT_EQ(all[2].records.size(), 1u);
  EXPECT_EQ(all[2].records[0].record, crossref_record());
  auto summaries = *store().list_papers({true});
  ASSERT_EQ(summaries.size(), 3u);
  EXPECT_EQ(summaries[0].key, "10.1000/nothing");
  EXPECT_EQ(summaries[2].key, "2211.03595");
}

TEST_F(QueriesTest, AllPapersGivesBothSourcesArxivFirst) {
  core::Record preprint = arxiv_record();
  preprint.arxiv_id = "2211.03595";
  ASSERT_TRUE(store().write_fetches({ok_result("2211.03595", crossref_record()), ok_result("2211.03595", preprint)}));
  auto all = *store().all_papers();
  ASSERT_EQ(all[0].records.size(), 2u);
  EXPECT_EQ(all[0].records[0].source, "arxiv");
  EXPECT_EQ(all[0].records[0].record, preprint);
  EXPECT_EQ(all[0].records[1].source, "crossref");
  EXPECT_EQ(all[0].records[1].record, crossref_record());
  auto shown = *store().show_paper("2211.03595");
  ASSERT_TRUE(shown);
  ASSERT_EQ(shown->records.size(), 2u);
  EXPECT_EQ(shown->records[0].record, preprint);
  EXPECT_EQ(shown->records[1].record, crossref_record());
}

TEST_F(QueriesTest, HistoryIsNewestFirstAndFilters) {
  ASSERT_TRUE(store().write_fetches({ok_result("2305.16860", arxiv_record(1))}));
  m_clock.advance(std::chrono::hours(24));
  ASSERT_TRUE(store().write_fetches({ok_result("2211.03595", crossref_record())}));
  m_clock.advance(std::chrono::hours(24));
  core::Record v2 = arxiv_record(1);
  v2.arxiv_version = 2;
  ASSERT_TRUE(store().write_fetches({ok_result("2305.16860", v2)}));

  auto all = *store().history();
  ASSERT_EQ(all.size(), 6u);  // 3 added + first_seen x2 + version change
  EXPECT_EQ(all[0].field, "arxiv_version");
  EXPECT_EQ(all[0].at, t0() + std::chrono::hours(48));
  EXPECT_EQ(all[1].paper_key, "2211.03595");
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GE(all[i - 1].at, all[i].at);

  auto one = *store().history({std::string("2305.16860"), 100});
  ASSERT_EQ(one.size(), 3u);
  for (const auto& e : one) EXPECT_EQ(e.paper_key, "2305.16860");
  auto by_doi = *store().history({std::string("10.1093/jrsssb/qkae005"), 100});
  EXPECT_EQ(by_doi.size(), 2u);
  EXPECT_EQ(store().history({std::nullopt, 2})->size(), 2u);
  auto unknown = store().history({std::string("0000.00000"), 10});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, core::ErrorCode::not_found);
}

TEST_F(QueriesTest, StatusShowsRunsAndFailing) {
  FetchResult a = ok_result("2305.16860", arxiv_record());
  a.next_due = t0() + std::chrono::hours(24);
  FetchResult b = ok_result("2211.03595", crossref_record());
  b.next_due = t0() + std::chrono::hours(12);
  FetchResult c = failed_result("10.1000/nothing", "crossref", StoredOutcome::error, "HTTP 500");
  c.next_due = t0() + std::chrono::hours(1);
  ASSERT_TRUE(store().write_fetches({a, b, c}));
  ASSERT_TRUE(store().write_fetches({c}));
  auto run = store().begin_run("scholard sync");
  ASSERT_TRUE(store().finish_run(*run, {}));

  auto s = *store().status();
  ASSERT_EQ(s.runs.size(), 1u);
  // What is due is daemon::plan_pass's to say: the store leaves it empty.
  EXPECT_TRUE(s.due.empty());
  ASSERT_EQ(s.failing.size(), 1u);
  EXPECT_EQ(s.failing[0].paper_key, "10.1000/nothing");
  EXPECT_EQ(s.failing[0].failures, 2);
  EXPECT_EQ(s.failing[0].last_error, "HTTP 500");

  // Removed papers are not failing.
  ASSERT_TRUE(store().reconcile_papers({paper("2305.16860", "2305.16860", "", 0)}));
  s = *store().status();
  EXPECT_TRUE(s.due.empty());
  EXPECT_TRUE(s.failing.empty());
}

}  // namespace
}  // namespace scholard::store
