// Store::data_generation (what the render stamp relies on), the reconcile
// shortcut for an unchanged list, and Store::fetch_overview (planning's one query).
#include <gtest/gtest.h>

#include "store_test_util.hpp"

namespace scholard::store {
namespace {

using namespace testing;
using Keys = std::vector<std::string>;

class GenerationTest : public StoreTest {
 protected:
  std::int64_t generation() {
    auto g = store().data_generation();
    EXPECT_TRUE(g) << g.error().message;
    return g ? *g : -1;
  }
  std::vector<ConfigPaper> two() {
    return {paper("2305.16860", "2305.16860", "", 0), paper("10.1093/jrsssb/qkae005", "", "10.1093/jrsssb/qkae005", 1)};
  }
};

TEST_F(GenerationTest, PaperListChangesCountAndAnUnchangedListDoesNot) {
  EXPECT_EQ(generation(), 0);
  ASSERT_TRUE(store().reconcile_papers(two()));
  const auto added = generation();
  EXPECT_GT(added, 0);
  ASSERT_TRUE(store().reconcile_papers(two()));
  EXPECT_EQ(generation(), added);

  auto list = two();
  list[1].title = "From denoising diffusions";  // a config title is rendered for papers without records
  ASSERT_TRUE(store().reconcile_papers(list));
  const auto titled = generation();
  EXPECT_GT(titled, added);

  std::swap(list[0].position, list[1].position);
  ASSERT_TRUE(store().reconcile_papers(list));
  const auto reordered = generation();
  EXPECT_GT(reordered, titled);

  ASSERT_TRUE(store().reconcile_papers({list[0]}));  // one removed
  const auto removed = generation();
  EXPECT_GT(removed, reordered);
  ASSERT_TRUE(store().reconcile_papers(list));  // restored
  EXPECT_GT(generation(), removed);
}

TEST_F(GenerationTest, RecordChangesCountAndUnchangedOrFailedFetchesDoNot) {
  ASSERT_TRUE(store().reconcile_papers(two()));
  const auto start = generation();
  ASSERT_TRUE(store().write_fetches({ok_result("2305.16860", arxiv_record(2))}));
  const auto first = generation();
  EXPECT_GT(first, start);

  ASSERT_TRUE(store().write_fetches({ok_result("2305.16860", arxiv_record(2), "fnv1a64:2")}));  // same record
  FetchResult not_modified = failed_result("2305.16860", "arxiv", StoredOutcome::not_modified, "");
  ASSERT_TRUE(store().write_fetches({not_modified}));
  ASSERT_TRUE(store().write_fetches(
      {failed_result("10.1093/jrsssb/qkae005", "crossref", StoredOutcome::error, "HTTP 503")}));
  ASSERT_TRUE(store().begin_run("sync"));
  ASSERT_TRUE(store().set_meta("other", "x"));
  EXPECT_EQ(generation(), first);

  ASSERT_TRUE(store().write_fetches({ok_result("2305.16860", arxiv_record(3))}));
  EXPECT_GT(generation(), first);
}

TEST_F(GenerationTest, RolledBackBatchDoesNotCount) {
  ASSERT_TRUE(store().reconcile_papers(two()));
  const auto start = generation();
  auto bad = store().write_fetches({ok_result("2305.16860", arxiv_record(2)), ok_result("unknown", arxiv_record(2))});
  ASSERT_FALSE(bad);
  EXPECT_EQ(generation(), start);
}

TEST_F(GenerationTest, UnchangedListIsNotComparedAgainButAChangedOneIs) {
  ASSERT_TRUE(store().reconcile_papers(two()));
  // Behind reconcile's back (no scholard writer does this): the shortcut
  // trusts the digest of the list it last reconciled...
  ASSERT_TRUE(store().database().exec("UPDATE papers SET title = 'tampered' WHERE key = '2305.16860'"));
  auto same = store().reconcile_papers(two());
  ASSERT_TRUE(same);
  EXPECT_TRUE(same->empty());
  EXPECT_EQ(*store().database().query_int("SELECT count(*) FROM papers WHERE title = 'tampered'"), 1);
  // ...and any other list is compared row by row.
  auto list = two();
  list.push_back(paper("2211.03595", "2211.03595", "", 2));
  auto other = store().reconcile_papers(list);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->added, Keys{"2211.03595"});
  EXPECT_EQ(other->changed, Keys{"2305.16860"});  // the tampered title is put back
  EXPECT_EQ(*store().database().query_int("SELECT count(*) FROM papers WHERE title = 'tampered'"), 0);
}

TEST_F(GenerationTest, ManyMovedPapersAreMatchedByTheirIds) {
  // 300 DOI-keyed papers all gain an arXiv id (so every key changes) and are
  // listed in reverse: each must be found again by its DOI, none added.
  std::vector<ConfigPaper> before;
  std::vector<ConfigPaper> after;
  for (int i = 0; i < 300; ++i) {
    const std::string doi = "10.5555/moved." + std::to_string(i);
    const std::string arxiv = "2401." + std::to_string(10000 + i);
    before.push_back(paper(doi, "", doi, i));
    after.push_back(paper(arxiv, arxiv, doi, 299 - i));
  }
  ASSERT_TRUE(store().reconcile_papers(before));
  ASSERT_TRUE(store().write_fetches({ok_result("10.5555/moved.7", crossref_record())}));
  auto r = store().reconcile_papers(after);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->added.empty());
  EXPECT_TRUE(r->removed.empty());
  EXPECT_EQ(r->changed.size(), 300u);
  EXPECT_EQ(store().list_papers({true})->size(), 300u);
  EXPECT_TRUE(*store().record("2401.10007", "crossref"));  // its record followed the new key
}

TEST_F(GenerationTest, MovedPaperPrefersTheFirstUnlistedKeyAcrossArxivAndDoi) {
  // Two unlisted rows could be where the new entry came from: one shares its
  // DOI ("10.1/x", key "10.1/x"), one its arXiv id (key "title:b"). As before
  // the index, the first in key order wins: "10.1/x".
  ASSERT_TRUE(store().reconcile_papers({paper("10.1/x", "", "10.1/x", 0), paper("title:b", "2401.00001", "", 1)}));
  ASSERT_TRUE(store().reconcile_papers({}));  // both removed, so both unlisted
  auto r = store().reconcile_papers({paper("2401.00001", "2401.00001", "10.1/x", 0)});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->restored, Keys{"2401.00001"});
  auto rows = *store().list_papers({true});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].key, "2401.00001");
  EXPECT_EQ(rows[1].key, "title:b");  // still removed
  EXPECT_TRUE(rows[1].removed);
}

TEST_F(GenerationTest, OverviewHasEveryListedPapersStatesAndTheRecordDoi) {
  ASSERT_TRUE(store().reconcile_papers(two()));
  core::Record with_doi = arxiv_record(3);
  with_doi.doi = "10.5555/tmlr.2024.0042";
  ASSERT_TRUE(store().write_fetches(
      {ok_result("2305.16860", with_doi),
       failed_result("10.1093/jrsssb/qkae005", "crossref", StoredOutcome::error, "HTTP 503")}));
  auto overview = store().fetch_overview();
  ASSERT_TRUE(overview) << overview.error().message;
  ASSERT_EQ(overview->size(), 2u);
  const auto& arxiv = overview->at("2305.16860");
  ASSERT_EQ(arxiv.by_source.size(), 1u);  // only sources with a stored state
  ASSERT_TRUE(arxiv.by_source.contains("arxiv"));
  EXPECT_EQ(arxiv.by_source.at("arxiv").failures, 0);
  EXPECT_EQ(arxiv.by_source.at("arxiv").last_success, t0());
  EXPECT_EQ(arxiv.record_doi, "10.5555/tmlr.2024.0042");
  const auto& crossref = overview->at("10.1093/jrsssb/qkae005");
  ASSERT_EQ(crossref.by_source.size(), 1u);
  ASSERT_TRUE(crossref.by_source.contains("crossref"));
  EXPECT_EQ(crossref.by_source.at("crossref").failures, 1);
  EXPECT_FALSE(crossref.by_source.at("crossref").last_success);
  EXPECT_EQ(crossref.record_doi, "");  // no kept record
  // The same schedule fields fetch_state gives.
  const FetchState full = **store().fetch_state("10.1093/jrsssb/qkae005", "crossref");
  EXPECT_EQ(crossref.by_source.at("crossref").next_due, full.next_due);
  EXPECT_EQ(crossref.by_source.at("crossref").failures, full.failures);

  // A failed arXiv fetch keeps the record, so its DOI is still known.
  ASSERT_TRUE(store().write_fetches({failed_result("2305.16860", "arxiv", StoredOutcome::error, "HTTP 503")}));
  EXPECT_EQ(store().fetch_overview()->at("2305.16860").record_doi, "10.5555/tmlr.2024.0042");
  EXPECT_EQ(store().fetch_overview()->at("2305.16860").by_source.at("arxiv").failures, 1);

  ASSERT_TRUE(store().reconcile_papers({two()[1]}));  // removed papers are not planned
  EXPECT_EQ(store().fetch_overview()->count("2305.16860"), 0u);
}

// The validators of the kept answer travel with the due state (the engine
// sends them back), and the record DOI is the first in source-name order,
// whichever source's record names it.
TEST_F(GenerationTest, OverviewCarriesValidatorsAndTheFirstDoiBySourceName) {
  ASSERT_TRUE(store().reconcile_papers(two()));
  core::Record registry = crossref_record();  // names 10.1093/jrsssb/qkae005
  FetchResult answer = ok_result("2305.16860", registry);
  answer.etag = "W/\"abc\"";
  answer.last_modified = "Wed, 17 Jan 2024 10:00:00 GMT";
  ASSERT_TRUE(store().write_fetches({answer}));
  auto one = store().fetch_overview();
  ASSERT_TRUE(one) << one.error().message;
  const DueState& due = one->at("2305.16860").by_source.at("crossref");
  EXPECT_EQ(due.etag, "W/\"abc\"");
  EXPECT_EQ(due.last_modified, "Wed, 17 Jan 2024 10:00:00 GMT");
  EXPECT_EQ(one->at("2305.16860").record_doi, "10.1093/jrsssb/qkae005");  // the only DOI: any source's

  // A toy source named before "crossref" whose record names another DOI
  // wins, and one named after it does not.
  core::Record aardvark = crossref_record();
  aardvark.source = "aardvark";
  aardvark.doi = "10.1/first";
  core::Record zebra = crossref_record();
  zebra.source = "zebra";
  zebra.doi = "10.1/last";
  ASSERT_TRUE(store().write_fetches({ok_result("2305.16860", zebra), ok_result("2305.16860", aardvark)}));
  auto three = store().fetch_overview();
  ASSERT_TRUE(three) << three.error().message;
  const PaperDueStates& paper = three->at("2305.16860");
  EXPECT_EQ(paper.record_doi, "10.1/first");
  std::vector<std::string> names;
  for (const auto& [name, state] : paper.by_source) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"aardvark", "crossref", "zebra"}));
  EXPECT_EQ(paper.by_source.at("zebra").etag, "");
}

}  // namespace
}  // namespace scholard::store
