#include "render/merge.hpp"

#include <gtest/gtest.h>

#include "unit/render/sample_papers.hpp"

namespace scholard::render {
namespace {

using testing::arxiv_record;
using testing::crossref_record;
using testing::person;
using testing::sample_inputs;
using testing::sample_profile;

MergedPaper merge_one(const PaperInput& in) { return merge_paper(in, NameMatcher(sample_profile())); }

TEST(Merge, PreprintUsesArxivVenueAndFirstVersionYear) {
  auto p = merge_one(sample_inputs()[0]);
  EXPECT_FALSE(p.published);
  EXPECT_EQ(p.kind, PaperKind::preprint);
  EXPECT_EQ(p.venue, "arXiv preprint arXiv:2401.00001");
  EXPECT_EQ(p.year, 2024);  // v1, not the 2025 v2
  EXPECT_EQ(p.url, "https://arxiv.org/abs/2401.00001");
  EXPECT_EQ(p.title, "Nearly d-Linear Bounds for Diffusion Models");
  EXPECT_EQ(title_with_math(p), "Nearly $d$-Linear Bounds for Diffusion Models");
  EXPECT_EQ(p.sources.title, "arxiv");
  EXPECT_EQ(p.sources.venue, "arxiv");
  ASSERT_EQ(p.authors.size(), 3u);
  EXPECT_TRUE(p.authors[1].highlighted);  // "J. Benton"
  EXPECT_FALSE(p.authors[0].highlighted);
}

TEST(Merge, CrossrefPublishedVersionWinsOverArxiv) {
  auto p = merge_one(sample_inputs()[1]);
  EXPECT_TRUE(p.published);
  EXPECT_EQ(p.kind, PaperKind::journal_article);
  EXPECT_EQ(p.title, "The E. coli genome & friends");
  EXPECT_EQ(p.sources.title, "crossref");
  EXPECT_EQ(p.venue, "Journal of Examples");
  EXPECT_EQ(p.year, 2024);
  EXPECT_EQ(p.first_version_year, 2022);
  EXPECT_EQ(p.volume, "86");
  EXPECT_EQ(p.issue, "2");
  EXPECT_EQ(p.pages, "286–301");
  EXPECT_EQ(p.url, "https://doi.org/10.1000/jex.2024.1");
  EXPECT_EQ(p.sources.authors, "crossref");
  EXPECT_TRUE(p.authors[0].highlighted);  // ORCID match, other spelling
  ASSERT_EQ(p.title_emphasis.size(), 1u);
  EXPECT_EQ(p.title.substr(p.title_emphasis[0].begin, p.title_emphasis[0].end - p.title_emphasis[0].begin), "E. coli");
}

TEST(Merge, PostedContentIsNotAPublication) {
  auto in = sample_inputs()[0];
  testing::add_crossref(in, crossref_record("posted-content", "A preprint DOI", "A preprint DOI",
                                            {person("Joe", "Benton")}, "SSRN", {2024, 2, 1}, "10.2139/ssrn.1"));
  auto p = merge_one(in);
  EXPECT_FALSE(p.published);
  EXPECT_EQ(p.venue, "arXiv preprint arXiv:2401.00001");
  EXPECT_EQ(p.title, "Nearly d-Linear Bounds for Diffusion Models");
  EXPECT_EQ(p.url, "https://arxiv.org/abs/2401.00001");
  EXPECT_EQ(p.doi, "10.2139/ssrn.1");
}

TEST(Merge, OverridesWinAndAreAttributedToTheConfig) {
  auto in = sample_inputs()[1];
  in.overrides.venue = "JRSS-B";
  in.overrides.year = 2025;
  in.overrides.url = "https://example.org/paper";
  in.overrides.pages = "1--2";
  in.overrides.title = "Title {C}ase";
  auto p = merge_one(in);
  EXPECT_EQ(p.venue, "JRSS-B");
  EXPECT_EQ(p.year, 2025);
  EXPECT_EQ(p.url, "https://example.org/paper");
  EXPECT_EQ(p.pages, "1–2");
  EXPECT_EQ(p.title, "Title Case");
  EXPECT_EQ(p.volume, "86");
  EXPECT_EQ(p.sources.venue, "config");
  EXPECT_EQ(p.sources.year, "config");
  EXPECT_EQ(p.sources.url, "config");
  EXPECT_EQ(p.sources.volume, "crossref");
}

TEST(Merge, VenueOverrideOnArxivPaperKeepsArxivLinkWithoutDoi) {
  auto p = merge_one(sample_inputs()[6]);
  EXPECT_TRUE(p.published);
  EXPECT_EQ(p.kind, PaperKind::proceedings_paper);
  EXPECT_EQ(p.year, 2024);
  EXPECT_EQ(p.url, "https://arxiv.org/abs/2308.03686");
}

TEST(Merge, ArxivJournalRefAndDoiCountAsPublication) {
  auto p = merge_one(sample_inputs()[5]);
  EXPECT_TRUE(p.published);
  EXPECT_EQ(p.venue, "J. Stat. Mech. (2021) 123401");
  EXPECT_EQ(p.year, 2021);
  EXPECT_EQ(p.url, "https://doi.org/10.1088/1742-5468/ac3a77");
  EXPECT_EQ(p.sources.doi, "arxiv");
  EXPECT_EQ(p.title, "Schrödinger Bridges for Kamélia's α-Divergences");
  EXPECT_EQ(p.authors[0].name, "Kamélia Daudel");
  EXPECT_TRUE(p.authors[1].equal_contribution);
  EXPECT_TRUE(p.authors[2].equal_contribution);
  EXPECT_FALSE(p.authors[0].equal_contribution);
}

TEST(Merge, ManualEntryRendersAsWritten) {
  auto p = merge_one(sample_inputs()[3]);
  EXPECT_EQ(p.title, "Many-shot Jailbreaking");
  EXPECT_TRUE(p.authors_truncated);
  ASSERT_EQ(p.authors.size(), 3u);
  EXPECT_TRUE(p.authors[2].highlighted);
  EXPECT_EQ(p.kind, PaperKind::other);
  EXPECT_EQ(p.sources.authors, "config");
  EXPECT_EQ(p.url, "https://www.anthropic.com/research/many-shot-jailbreaking");
}

TEST(Merge, NoSourcesGivesEmptyFieldsNotErrors) {
  PaperInput in{"2401.99999", 0, "2401.99999", "", {}, {}};
  auto p = merge_one(in);
  EXPECT_EQ(p.title, "");
  EXPECT_EQ(p.year, 0);
  EXPECT_EQ(p.venue, "arXiv preprint arXiv:2401.99999");
  EXPECT_EQ(p.url, "https://arxiv.org/abs/2401.99999");
  EXPECT_EQ(p.sources.title, "");
}

TEST(Merge, SortsByYearDescendingThenConfigOrder) {
  auto papers = merge_papers(sample_inputs(), sample_profile());
  std::vector<std::string> keys;
  for (const auto& p : papers) keys.push_back(p.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"2401.00001", "2211.03595",
                                            "manual:many-shot-jailbreaking", "2308.03686", "10.5555/icml.2023.1",
                                            "2301.00002", "2103.00003"}));
}

TEST(Merge, UnknownYearsSortLast) {
  std::vector<MergedPaper> papers(3);
  papers[0].year = 0;
  papers[0].position = 0;
  papers[1].year = 2020;
  papers[1].position = 1;
  papers[2].year = 2024;
  papers[2].position = 2;
  sort_papers(papers);
  EXPECT_EQ(papers[0].year, 2024);
  EXPECT_EQ(papers[2].year, 0);
}

TEST(CitationKeys, FamilyShownYearAndFirstSignificantWord) {
  auto papers = merge_papers(sample_inputs(), sample_profile());
  std::map<std::string, std::string> by_key;
  for (const auto& p : papers) by_key[p.key] = p.citation_key;
  EXPECT_EQ(by_key["2401.00001"], "example2024nearly");
  EXPECT_EQ(by_key["2211.03595"], "bentham2024coli");  // the journal's year, not arXiv v1's; "The" and "E" skipped
  EXPECT_EQ(by_key["2103.00003"], "daudel2021schrodinger");
  EXPECT_EQ(by_key["manual:many-shot-jailbreaking"], "anil2024many");
}

TEST(CitationKeys, CollisionsGetSuffixesInConfigOrder) {
  std::vector<PaperInput> inputs;
  for (int i = 0; i < 3; ++i) {
    PaperInput p{"k" + std::to_string(i), 2 - i, "", "", {}, {}};
    p.overrides.title = "Diffusion models";
    p.overrides.authors = {"Joe Benton"};
    p.overrides.year = 2024;
    inputs.push_back(p);
  }
  auto papers = merge_papers(inputs, sample_profile());
  std::map<int, std::string> by_position;
  for (const auto& p : papers) by_position[p.position] = p.citation_key;
  EXPECT_EQ(by_position[0], "benton2024diffusiona");
  EXPECT_EQ(by_position[1], "benton2024diffusionb");
  EXPECT_EQ(by_position[2], "benton2024diffusionc");
  // Same input, same keys: nothing depends on run order.
  EXPECT_EQ(merge_papers(inputs, sample_profile())[0].citation_key, papers[0].citation_key);
}

TEST(Pages, NormalisedToEnDash) {
  EXPECT_EQ(normalize_pages("286-301"), "286–301");
  EXPECT_EQ(normalize_pages("286--301"), "286–301");
  EXPECT_EQ(normalize_pages("1−83"), "1–83");
  EXPECT_EQ(normalize_pages("e1234"), "e1234");
  EXPECT_EQ(normalize_pages("S1-S2-S3"), "S1-S2-S3");
}

}  // namespace
}  // namespace scholard::render
