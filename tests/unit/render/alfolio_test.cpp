// Issue 23's rendering rules beyond the text: citation keys from the year the
// entry shows and kept once given, al-folio's fields in the BibTeX output,
// the et-al text and the dash of a source's page range in the Markdown style.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "render/bibtex.hpp"
#include "render/markdown.hpp"
#include "render/merge.hpp"
#include "unit/render/sample_papers.hpp"

namespace scholard::render {
namespace {

using testing::add_arxiv;
using testing::arxiv_record;

// 2308.03686: arXiv v1 in 2023, shown as ICLR 2024 (the config's venue and year).
PaperInput iclr_paper() {
  PaperInput in;
  in.key = "2308.03686";
  in.arxiv_id = "2308.03686";
  add_arxiv(in, arxiv_record("2308.03686", "Nearly d-Linear Convergence Bounds for Diffusion Models",
                             {"Joe Benton", "Valentin De Bortoli"}, {2023, 8, 7}, {2024, 1, 2}, "stat.ML"));
  in.overrides.venue = "International Conference on Learning Representations";
  in.overrides.year = 2024;
  return in;
}

TEST(CitationKeys, UseTheYearTheEntryShows) {
  const auto papers = merge_papers({iclr_paper()}, testing::sample_profile());
  ASSERT_EQ(papers.size(), 1u);
  EXPECT_EQ(papers[0].first_version_year, 2023);
  EXPECT_EQ(papers[0].citation_key, "benton2024nearly") << "the venue's year, not arXiv v1's";
}

TEST(CitationKeys, AKeyGivenIsKeptAndNoGeneratedKeyTakesIt) {
  PaperInput pinned = iclr_paper();
  pinned.overrides.citation_key = "benton2024nearly";
  pinned.position = 1;
  // Another paper whose generated key would be the pinned one.
  PaperInput other = iclr_paper();
  other.key = other.arxiv_id = "2401.00001";
  testing::record_of(other, "arxiv").arxiv_id = "2401.00001";
  other.position = 0;
  auto papers = merge_papers({other, pinned}, testing::sample_profile());
  ASSERT_EQ(papers.size(), 2u);
  for (const MergedPaper& p : papers) {
    if (p.key == "2308.03686") {
      EXPECT_EQ(p.citation_key, "benton2024nearly");
      EXPECT_TRUE(p.key_pinned);
    } else {
      EXPECT_EQ(p.citation_key, "benton2024nearlya") << "steps around the pinned key";
    }
  }
  // A pinned key stays whatever the year says later.
  pinned.overrides.year = 2025;
  EXPECT_EQ(merge_papers({pinned}, testing::sample_profile())[0].citation_key, "benton2024nearly");
}

MergedPaper cut_paper() {
  MergedPaper p;
  p.title = "T";
  for (const char* n : {"A One", "B Two", "C Three"}) {
    p.authors.push_back(MergedAuthor{n, "", "", "", false, false});
  }
  p.max_authors = 2;
  p.venue = "V";
  p.year = 2024;
  return p;
}

TEST(MarkdownStyle, EtAlTextFromThePaperOrTheOutput) {
  MergedPaper p = cut_paper();
  MarkdownOptions options;
  EXPECT_EQ(render_markdown_entry(p, options), "T. A One, B Two et al. _V_, 2024.");
  options.et_al = ", et al.";
  EXPECT_EQ(render_markdown_entry(p, options), "T. A One, B Two, et al. _V_, 2024.");
  p.et_al = " and others";
  EXPECT_EQ(render_markdown_entry(p, options), "T. A One, B Two and others. _V_, 2024.");
  p.max_authors = 3;
  EXPECT_EQ(render_markdown_entry(p, options), "T. A One, B Two, C Three. _V_, 2024.") << "no cut, no et al.";
}

TEST(MarkdownStyle, RangeDashForSourcesOnlyTheConfigsPagesAsWritten) {
  MergedPaper p = cut_paper();
  p.volume = "86";
  p.issue = "2";
  p.pages = "286\u2013" "301";  // a source's range, normalised
  MarkdownOptions options;
  EXPECT_EQ(publication_details(p, options.range_dash), "86(2):286\u2013" "301");
  options.range_dash = "\u2212";
  EXPECT_EQ(publication_details(p, options.range_dash), "86(2):286\u2212" "301");
  EXPECT_NE(render_markdown_entry(p, options).find("86(2):286\u2212" "301, 2024."), std::string::npos);
  p.pages_as_written = "286-301";  // the config's pages: as written, whatever the style
  EXPECT_EQ(publication_details(p, options.range_dash), "86(2):286-301");
}

TEST(BibtexAlFolio, WritesTheFieldsKeyAndSwitches) {
  MergedPaper p = cut_paper();
  p.citation_key = "benton2024nearly";
  p.al_folio = {{"preview", "nearly.png", false},
                {"html", "https://openreview.net/forum?id=x", false},
                {"award", "Outstanding {P}aper", true},
                {"additional_info", ". *Spotlight*, [code](https://github.com/x/y)", true},
                {"google_scholar_id", "qyhmnyLat1gC", false}};
  p.abstract = "We prove 50% of {it}.";
  p.bibtex_show = false;
  BibtexOptions show;
  show.bibtex_show = true;
  const std::string entry = render_bibtex_entry(p, show);
  EXPECT_EQ(entry.substr(0, 23), "@misc{benton2024nearly,");
  EXPECT_NE(entry.find("  preview = {nearly.png},\n"
                       "  html = {https://openreview.net/forum?id=x},\n"
                       "  award = {Outstanding {P}aper},\n"
                       "  additional_info = {. *Spotlight*, [code](https://github.com/x/y)},\n"
                       "  google_scholar_id = {qyhmnyLat1gC},\n"
                       "  abstract = {We prove 50\\% of \\{it\\}.}\n"
                       "}\n"),
            std::string::npos)
      << entry;
  EXPECT_EQ(entry.find("bibtex_show"), std::string::npos) << "the paper's bibtex_show = false wins";
  p.bibtex_show = true;
  EXPECT_NE(render_bibtex_entry(p, {}).find("  bibtex_show = {true}\n}"), std::string::npos);
  // A text value whose braces do not balance cannot end the entry.
  p.al_folio = {{"annotation", "a } b", true}};
  EXPECT_NE(render_bibtex_entry(p, {}).find("annotation = {a \\} b}"), std::string::npos);
}

}  // namespace
}  // namespace scholard::render
