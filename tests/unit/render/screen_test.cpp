#include "render/screen.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "render/merge.hpp"
#include "unit/render/sample_papers.hpp"

namespace scholard::render {
namespace {

using testing::arxiv_record;
using testing::crossref_record;
using testing::person;
using testing::sample_inputs;
using testing::sample_profile;

bool listed(const std::vector<MergedPaper>& papers, const std::string& key) {
  return std::any_of(papers.begin(), papers.end(), [&](const MergedPaper& p) { return p.key == key; });
}

const MergedPaper& paper(const std::vector<MergedPaper>& papers, const std::string& key) {
  return *std::find_if(papers.begin(), papers.end(), [&](const MergedPaper& p) { return p.key == key; });
}

PaperInput typo_id(int position) {
  return PaperInput{"2412.99999", position, "2412.99999", "", {}, {}};
}

PaperInput foreign_paper(int position) {
  PaperInput p{"2403.01977", position, "2403.01977", "", {}, {}};
  testing::add_arxiv(
      p, arxiv_record("2403.01977", "Somebody Else's Paper", {"Jane Benton", "Ann Example", "Bob Other", "Cy Third"},
                      {2024, 3, 4}, {2024, 3, 4}, "cs.LG"));
  return p;
}

TEST(Screen, TheSampleListIsClean) {
  auto papers = merge_papers(sample_inputs(), sample_profile());
  const auto before = papers.size();
  const auto s = screen_papers(papers, sample_profile());
  EXPECT_TRUE(s.empty()) << (s.foreign.empty() ? "" : s.foreign.front().key);
  EXPECT_EQ(papers.size(), before);
}

TEST(Screen, APaperWithoutAnyRecordWaitsAndIsLeftOut) {
  auto inputs = sample_inputs();
  inputs.push_back(typo_id(static_cast<int>(inputs.size())));
  auto papers = merge_papers(inputs, sample_profile());
  ASSERT_TRUE(listed(papers, "2412.99999"));
  EXPECT_FALSE(has_content(paper(papers, "2412.99999")));
  const auto s = screen_papers(papers, sample_profile());
  EXPECT_EQ(s.waiting, std::vector<std::string>{"2412.99999"});
  EXPECT_FALSE(listed(papers, "2412.99999"));
  EXPECT_EQ(papers.size(), inputs.size() - 1);
}

TEST(Screen, AConfigTitleIsEnoughToRender) {
  auto in = typo_id(0);
  in.overrides.title = "My Paper, As I Wrote It";
  std::vector<MergedPaper> papers = merge_papers({in}, sample_profile());
  EXPECT_TRUE(has_content(papers.front()));
  const auto s = screen_papers(papers, sample_profile());
  EXPECT_TRUE(s.waiting.empty());
  EXPECT_EQ(papers.size(), 1u);
}

TEST(Screen, AHiddenPaperIsNeverScreened) {
  auto typo = typo_id(0);
  typo.overrides.hidden = true;
  auto foreign = foreign_paper(1);
  foreign.overrides.hidden = true;
  auto papers = merge_papers({typo, foreign}, sample_profile());
  const auto s = screen_papers(papers, sample_profile());
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(papers.size(), 2u);
}

TEST(Screen, APaperByNobodyInTheProfileIsFlaggedButKept) {
  auto inputs = sample_inputs();
  inputs.push_back(foreign_paper(static_cast<int>(inputs.size())));
  auto papers = merge_papers(inputs, sample_profile());
  const auto s = screen_papers(papers, sample_profile());
  ASSERT_EQ(s.foreign.size(), 1u);
  EXPECT_EQ(s.foreign[0].key, "2403.01977");
  EXPECT_EQ(s.foreign[0].authors, (std::vector<std::string>{"Jane Benton", "Ann Example", "Bob Other"}));
  EXPECT_EQ(s.foreign[0].author_count, 4u);
  EXPECT_TRUE(listed(papers, "2403.01977"));
}

TEST(Screen, NotAnAuthorSilencesTheFlag) {
  auto in = foreign_paper(0);
  in.overrides.not_an_author = true;
  auto papers = merge_papers({in}, sample_profile());
  EXPECT_TRUE(screen_papers(papers, sample_profile()).foreign.empty());
}

TEST(Screen, AnAliasAccentsOrAnOrcidAreTheResearcher) {
  auto accented = foreign_paper(0);
  // Not Joe: a different full given name.
  testing::record_of(accented, "arxiv").authors.push_back(testing::named("JOSÉ BENTON"));
  auto alias = foreign_paper(1);
  alias.key = alias.arxiv_id = "2403.00002";
  testing::record_of(alias, "arxiv").authors.push_back(testing::named("Joseph BENTÓN"));
  auto orcid = PaperInput{"10.1/x", 2, "", "10.1/x", {}, {}};
  testing::add_crossref(orcid,
                        crossref_record("journal-article", "T", "T", {person("J", "Bentham", "0000-0002-1825-0097")},
                                        "Journal of Examples", {2024, 1, 1}, "10.1/x"));
  auto papers = merge_papers({accented, alias, orcid}, sample_profile());
  const auto s = screen_papers(papers, sample_profile());
  ASSERT_EQ(s.foreign.size(), 1u);
  EXPECT_EQ(s.foreign[0].key, "2403.01977");
}

TEST(Screen, AuthorsWrittenInTheConfigAreNotFlagged) {
  auto in = foreign_paper(0);
  in.overrides.authors = {"Jane Benton"};
  auto papers = merge_papers({in}, sample_profile());
  EXPECT_TRUE(screen_papers(papers, sample_profile()).foreign.empty());
}

TEST(Screen, AnEmptyProfileFlagsNobody) {
  auto papers = merge_papers({foreign_paper(0)}, Profile{});
  EXPECT_TRUE(screen_papers(papers, Profile{}).foreign.empty());
}

TEST(Screen, AnArxivRecordNamingAListedDoiIsTheSamePaper) {
  PaperInput by_arxiv{"2211.03595", 0, "2211.03595", "", {}, {}};
  testing::add_arxiv(by_arxiv, arxiv_record("2211.03595", "Denoising Markov Models", {"Joe Benton"}, {2022, 11, 7},
                                            {2023, 3, 1}, "stat.ML"));
  testing::record_of(by_arxiv, "arxiv").doi = "10.1093/JRSSSB/qkae005";
  PaperInput by_doi{"10.1093/jrsssb/qkae005", 1, "", "10.1093/jrsssb/qkae005", {}, {}};
  testing::add_crossref(by_doi,
                        crossref_record("journal-article", "Denoising Markov Models", "Denoising Markov Models",
                                        {person("Joe", "Benton")}, "JRSSB", {2024, 1, 17}, "10.1093/jrsssb/qkae005"));
  auto papers = merge_papers({by_arxiv, by_doi}, sample_profile());
  ASSERT_EQ(papers.size(), 2u);
  const auto s = screen_papers(papers, sample_profile());
  ASSERT_EQ(s.duplicates.size(), 1u);
  EXPECT_EQ(s.duplicates[0].key, "10.1093/jrsssb/qkae005");
  EXPECT_EQ(s.duplicates[0].kept_key, "2211.03595");  // listed first
  EXPECT_NE(s.duplicates[0].why.find("DOI"), std::string::npos);
  ASSERT_EQ(papers.size(), 1u);
  EXPECT_EQ(papers[0].key, "2211.03595");
  EXPECT_EQ(papers[0].citation_key, "benton2023denoising");  // no suffix from the left-out twin
}

TEST(Screen, ACrossrefRecordNamingAListedPreprintIsTheSamePaper) {
  PaperInput by_doi{"10.1/j", 0, "", "10.1/j", {}, {}};
  testing::add_crossref(by_doi, crossref_record("journal-article", "Same", "Same", {person("Joe", "Benton")}, "J",
                                                {2024, 1, 1}, "10.1/j"));
  testing::record_of(by_doi, "crossref").relations.push_back({"has-preprint", "arxiv", "2401.00009"});
  PaperInput by_arxiv{"2401.00009", 1, "2401.00009", "", {}, {}};
  testing::add_arxiv(by_arxiv, arxiv_record("2401.00009", "Same", {"Joe Benton"}, {2024, 1, 1}, {2024, 1, 1}, "cs.LG"));
  auto papers = merge_papers({by_doi, by_arxiv}, sample_profile());
  const auto s = screen_papers(papers, sample_profile());
  ASSERT_EQ(s.duplicates.size(), 1u);
  EXPECT_EQ(s.duplicates[0].key, "2401.00009");
  EXPECT_EQ(s.duplicates[0].kept_key, "10.1/j");
}

TEST(Screen, ManualTitlesDifferingOnlyInCaseAccentsOrPunctuationAreTheSamePaper) {
  PaperInput a{"manual:many-shot-jailbreaking", 0, "", "", {}, {}};
  a.overrides.title = "Many-shot Jailbreaking";
  a.overrides.authors = {"Joe Benton"};
  PaperInput b{"manual:many-shot-jailbreaking-2", 1, "", "", {}, {}};
  b.overrides.title = "many shot: jailbreaking!";
  b.overrides.authors = {"Joe Benton"};
  PaperInput c{"manual:many-shot-jailbreaking-3", 2, "", "", {}, {}};
  c.overrides.title = "Many-shot Jailbréaking";
  PaperInput other{"manual:few-shot-jailbreaking", 3, "", "", {}, {}};
  other.overrides.title = "Few-shot Jailbreaking";
  auto papers = merge_papers({c, b, a, other}, sample_profile());
  const auto s = screen_papers(papers, sample_profile());
  ASSERT_EQ(s.duplicates.size(), 2u);
  EXPECT_EQ(s.duplicates[0].kept_key, "manual:many-shot-jailbreaking");  // the lowest position, whatever the order given
  EXPECT_EQ(s.duplicates[1].kept_key, "manual:many-shot-jailbreaking");
  EXPECT_EQ(papers.size(), 2u);
  EXPECT_TRUE(listed(papers, "manual:few-shot-jailbreaking"));
}

TEST(Screen, TheSameIdsOnPapersWithoutRecordsAreNotDuplicates) {
  // Two waiting papers are both left out; neither claims an identity.
  auto papers = merge_papers({typo_id(0), PaperInput{"10.9/none", 1, "", "10.9/none", {}, {}}}, sample_profile());
  const auto s = screen_papers(papers, sample_profile());
  EXPECT_EQ(s.waiting.size(), 2u);
  EXPECT_TRUE(s.duplicates.empty());
  EXPECT_TRUE(papers.empty());
}

}  // namespace
}  // namespace scholard::render
