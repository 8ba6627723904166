// kept_text_notices / kept_text_from_history: a source changed a field the
// config overrides; the page keeps the researcher's text and says so.
#include <gtest/gtest.h>

#include "daemon/kept_text.hpp"

namespace scholard::daemon {
namespace {

const SourceInfo k_arxiv{"arxiv", "arXiv", core::SourceKind::preprint_server};
const SourceInfo k_crossref{"crossref", "Crossref", core::SourceKind::doi_registry};

config::Paper paper() {
  config::Paper p;
  p.arxiv = core::ArxivId{"2305.16860", 0};
  p.title = "Error Bounds for Flow Matching Methods";
  p.author_names = {{"Marvin Li", "Meihua Li"}};
  p.venue = "TMLR";
  p.month = 2;
  p.year = 2024;
  p.pages = "1−83";
  return p;
}

core::Record record(const std::string& title, const std::vector<std::string>& names) {
  core::Record r;
  r.source = "arxiv";
  r.title = title;
  for (const auto& n : names) r.authors.push_back({n, "", "", "", "", {}});
  r.published = {2023, 5, 26};
  return r;
}

TEST(KeptTextNotices, ATitleChangeUnderATitleOverride) {
  const auto n = kept_text_notices(paper(), "2305.16860", k_arxiv, {"title", "arxiv_version"},
                                   record("Flow Matching Bounds", {"Marvin Li"}));
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].text(),
            "2305.16860: arXiv now says title \"Flow Matching Bounds\"; your page keeps \"Error Bounds for Flow Matching "
            "Methods\"");
}

TEST(KeptTextNotices, NothingWhenTheSourceAgreesOrTheFieldIsNotOverridden) {
  EXPECT_TRUE(kept_text_notices(paper(), "k", k_arxiv, {"title"},
                                record("Error  Bounds for Flow Matching Methods", {"Marvin Li"}))
                  .empty());
  auto p = paper();
  p.title.clear();
  EXPECT_TRUE(kept_text_notices(p, "k", k_arxiv, {"title"}, record("New", {"Marvin Li"})).empty());
  EXPECT_TRUE(kept_text_notices(paper(), "k", k_arxiv, {"summary"}, record("New", {})).empty());
}

TEST(KeptTextNotices, AnAuthorNamesKeyNoSourceNameMatchesAnyMore) {
  EXPECT_TRUE(kept_text_notices(paper(), "k", k_arxiv, {"authors"},
                                record("Error Bounds for Flow Matching Methods", {"Joe Benton", "marvin li"}))
                  .empty());
  const auto n = kept_text_notices(paper(), "k", k_arxiv, {"authors"},
                                   record("Error Bounds for Flow Matching Methods", {"Joe Benton", "M. Li"}));
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].field, "author_names");
  EXPECT_NE(n[0].text().find("arXiv now lists no author \"Marvin Li\""), std::string::npos) << n[0].text();
}

TEST(KeptTextNotices, AMiddleInitialAddedIsStillRenamedAndSaidOnce) {
  const auto n = kept_text_notices(paper(), "k", k_arxiv, {"authors"},
                                   record("Error Bounds for Flow Matching Methods", {"Joe Benton", "Marvin L. Li"}));
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].text(), "k: arXiv now says author \"Marvin L. Li\"; your page keeps \"Meihua Li\"");
}

TEST(KeptTextNotices, CrossrefPagesCompareAsRanges) {
  auto r = record("Error Bounds for Flow Matching Methods", {});
  r.source = "crossref";
  r.pages = "1-83";
  EXPECT_TRUE(kept_text_notices(paper(), "k", k_crossref, {"pages"}, r).empty());
  r.pages = "1-84";
  const auto n = kept_text_notices(paper(), "k", k_crossref, {"pages"}, r);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].text(), "k: Crossref now says pages \"1-84\"; your page keeps \"1−83\"");
}

TEST(KeptTextFromHistory, TheLatestPerPaperAndFieldWhileItStillHolds) {
  config::Config cfg;
  cfg.papers.push_back(paper());
  const core::Record now = record("Flow Matching Bounds", {"Marvin Li"});
  std::vector<store::HistoryEntry> history;
  store::HistoryEntry e;
  e.paper_key = "2305.16860";
  e.source = "arxiv";
  e.kind = store::HistoryKind::changed;
  e.field = "title";
  e.at = core::SysTime(std::chrono::seconds(2000));
  history.push_back(e);
  e.at = core::SysTime(std::chrono::seconds(1000));
  history.push_back(e);  // an older change of the same field: not repeated
  const auto kept = kept_text_from_history(cfg, history, [&](const std::string&, const std::string&) { return &now; });
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].field, "title");
  EXPECT_EQ(kept[0].at, core::SysTime(std::chrono::seconds(2000)));
  const core::Record agrees = record("Error Bounds for Flow Matching Methods", {"Marvin Li"});
  EXPECT_TRUE(kept_text_from_history(cfg, history, [&](const std::string&, const std::string&) { return &agrees; }).empty());
}

}  // namespace
}  // namespace scholard::daemon
