// The text rules of a rendered entry (docs/output-formats.md): titles whose
// sources differ only in letter case, a venue that already names its year,
// the config's month, pages as written, author name suffixes, Liquid and
// backticks in titles.
#include <gtest/gtest.h>

#include "render/bibtex.hpp"
#include "render/markdown.hpp"
#include "render/merge.hpp"
#include "unit/render/sample_papers.hpp"

namespace scholard::render {
namespace {

using testing::add_arxiv;
using testing::add_crossref;
using testing::arxiv_record;
using testing::crossref_record;
using testing::person;
using testing::sample_profile;

MergedPaper merged(const PaperInput& in) { return merge_paper(in, NameMatcher(sample_profile())); }

// JRSSB as the seed sources give it: Crossref in sentence case, arXiv in title case.
PaperInput jrssb() {
  PaperInput in{"2211.03595", 0, "2211.03595", "10.1093/jrsssb/qkae005", {}, {}};
  add_arxiv(in, arxiv_record("2211.03595", "From Denoising Diffusions to Denoising Markov Models",
                             {"Joe Benton", "Yuyang Shi"}, {2022, 11, 7}, {2024, 1, 17}, "stat.ML"));
  auto cr = crossref_record("journal-article", "From denoising diffusions to denoising Markov models",
                            "From denoising diffusions to denoising Markov models",
                            {person("Joe", "Benton"), person("Yuyang", "Shi")},
                            "Journal of the Royal Statistical Society Series B: Statistical Methodology",
                            {2024, 1, 17}, "10.1093/jrsssb/qkae005");
  cr.volume = "86";
  cr.issue = "2";
  cr.pages = "286-301";
  add_crossref(in, cr);
  return in;
}

TEST(TitleCase, TheCasingWithMoreCapitalsWins) {
  const MergedPaper p = merged(jrssb());
  EXPECT_EQ(p.title, "From Denoising Diffusions to Denoising Markov Models");
  EXPECT_EQ(p.sources.title, "arxiv");
  EXPECT_EQ(p.venue, "Journal of the Royal Statistical Society Series B: Statistical Methodology");
}

TEST(TitleCase, EitherOrderOfCapitalsAndEmphasisKept) {
  // The registry gives the capitals: it keeps the title (and its emphasis).
  PaperInput in = jrssb();
  testing::record_of(in, "arxiv").title = "From denoising diffusions to denoising markov models";
  auto& cr = testing::record_of(in, "crossref");
  cr.title = "From Denoising Diffusions to Denoising Markov Models";
  cr.title_raw = "From Denoising Diffusions to <i>Denoising</i> Markov Models";
  MergedPaper p = merged(in);
  EXPECT_EQ(p.title, "From Denoising Diffusions to Denoising Markov Models");
  EXPECT_EQ(p.sources.title, "crossref");
  ASSERT_EQ(p.title_emphasis.size(), 1u);
  // The arXiv casing replaces the letters only: the registry's emphasis stays where it was.
  in = jrssb();
  testing::record_of(in, "crossref").title_raw = "From denoising diffusions to <i>denoising</i> Markov models";
  p = merged(in);
  EXPECT_EQ(p.title, "From Denoising Diffusions to Denoising Markov Models");
  ASSERT_EQ(p.title_emphasis.size(), 1u);
  EXPECT_EQ(p.title.substr(p.title_emphasis[0].begin, p.title_emphasis[0].end - p.title_emphasis[0].begin),
            "Denoising");
}

TEST(TitleCase, DifferentWordsOrAPinnedTitleAreLeftAlone) {
  PaperInput in = jrssb();
  testing::record_of(in, "arxiv").title = "From Denoising Diffusions to Denoising Markov Models (extended)";
  EXPECT_EQ(merged(in).title, "From denoising diffusions to denoising Markov models");
  in = jrssb();
  in.overrides.title = "From denoising diffusions to denoising Markov models";
  EXPECT_EQ(merged(in).title, "From denoising diffusions to denoising Markov models");
  EXPECT_EQ(merged(in).sources.title, "config");
}

// TMLR through arXiv's journal reference only.
PaperInput tmlr(std::string journal_ref) {
  PaperInput in{"2305.16860", 0, "2305.16860", "", {}, {}};
  add_arxiv(in, arxiv_record("2305.16860", "Error Bounds for Flow Matching Methods", {"Joe Benton"}, {2023, 5, 26},
                             {2024, 2, 20}, "stat.ML"))
      .journal_ref = std::move(journal_ref);
  return in;
}

TEST(VenueYear, AVenueThatEndsWithItsYearIsNotGivenItAgain) {
  EXPECT_EQ(render_markdown_entry(merged(tmlr("Transactions on Machine Learning Research (2025)")), {}),
            "[Error Bounds for Flow Matching Methods](https://arxiv.org/abs/2305.16860). **Joe Benton**. "
            "_Transactions on Machine Learning Research (2025)_.");
  EXPECT_TRUE(render_markdown_entry(merged(tmlr("Proceedings of ICML, 2025")), {}).ends_with(
      "**Joe Benton**. _Proceedings of ICML, 2025_."));
  // Another year, or a number that merely ends in the year's digits, still gets the year.
  EXPECT_TRUE(render_markdown_entry(merged(tmlr("TMLR 12024")), {}).ends_with("_TMLR 12024_, 2024."));
  auto other = tmlr("Trans. Mach. Learn. Res. 2 (2024)");
  other.overrides.year = 2025;
  EXPECT_TRUE(render_markdown_entry(merged(other), {}).ends_with("_Trans. Mach. Learn. Res. 2 (2024)_, 2025."));
}

TEST(Month, TheConfigsMonthIsShownSourcesMonthsAreNot) {
  PaperInput in = tmlr("");
  in.overrides.venue = "Transactions on Machine Learning Research";
  in.overrides.year = 2024;
  MergedPaper p = merged(in);
  EXPECT_EQ(p.date.month, 0);  // the year is the config's: arXiv's February is another event's
  EXPECT_TRUE(render_markdown_entry(p, {}).ends_with("_Transactions on Machine Learning Research_, 2024."));
  in.overrides.month = 2;
  p = merged(in);
  EXPECT_TRUE(render_markdown_entry(p, {}).ends_with("_Transactions on Machine Learning Research_, February 2024."));
  EXPECT_EQ(p.date.month, 2);
  // A registry's month is stored in the date, never written by the Markdown style.
  p = merged(jrssb());
  EXPECT_EQ(p.date.month, 1);
  EXPECT_TRUE(render_markdown_entry(p, {}).ends_with(", 86(2):286–301, 2024."));
}

TEST(Pages, TheConfigsDashesAreKeptSourcesRangesNormalised) {
  for (const char* written : {"1−83", "1–83", "1—83", "1--83", "1 - 83", "e1‐e9"}) {
    PaperInput in = jrssb();
    in.overrides.pages = written;
    const MergedPaper p = merged(in);
    EXPECT_EQ(p.pages_as_written, written);
    EXPECT_TRUE(render_markdown_entry(p, {}).ends_with(std::string(", 86(2):") + written + ", 2024.")) << written;
  }
  const MergedPaper p = merged(jrssb());
  EXPECT_EQ(p.pages, "286–301");
  EXPECT_EQ(p.pages_as_written, "");
}

PaperInput written_authors(std::vector<std::string> names) {
  PaperInput in{"manual", 0, "", "", {}, {}};
  in.overrides.title = "The Hobbit";
  in.overrides.year = 1937;
  in.overrides.authors = std::move(names);
  return in;
}

TEST(AuthorSuffix, JuniorStaysAfterTheName) {
  const MergedPaper p = merged(written_authors({"J. R. R. Tolkien, Jr.", "Tolkien, J. R. R., Jr.", "Tolkien, Jr., J. R. R.",
                                                "King, Martin Luther, III", "Benton, Joe"}));
  ASSERT_EQ(p.authors.size(), 5u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(p.authors[i].name, "J. R. R. Tolkien Jr.") << i;
    EXPECT_EQ(p.authors[i].family, "Tolkien") << i;
    EXPECT_EQ(p.authors[i].given, "J. R. R.") << i;
  }
  EXPECT_EQ(p.authors[3].name, "Martin Luther King III");
  EXPECT_EQ(p.authors[4].name, "Joe Benton");
  EXPECT_TRUE(p.authors[4].highlighted);
  EXPECT_EQ(name_suffix(p.authors[0]), "Jr.");
  EXPECT_EQ(name_suffix(p.authors[4]), "");
  // BibTeX's "Last, Jr, First" form.
  EXPECT_NE(render_bibtex_entry(p, {}).find("author = {Tolkien, Jr., J. R. R. and Tolkien, Jr., J. R. R. and Tolkien, "
                                            "Jr., J. R. R. and King, III, Martin Luther and Benton, Joe}"),
            std::string::npos)
      << render_bibtex_entry(p, {});
  // arXiv writes the suffix after a comma too.
  PaperInput in{"2401.00001", 0, "2401.00001", "", {}, {}};
  add_arxiv(in, arxiv_record("2401.00001", "A Title", {"Joe Benton, Jr.", "Ann Example"}, {2024, 1, 2}, {2024, 1, 2},
                             "cs.LG"));
  const MergedPaper q = merged(in);
  EXPECT_EQ(q.authors[0].name, "Joe Benton Jr.");
  EXPECT_TRUE(q.authors[0].highlighted);
  EXPECT_NE(render_markdown_entry(q, {}).find("). **Joe Benton Jr.**, Ann Example. _arXiv"), std::string::npos);
}

TEST(SplitName, Suffixes) {
  auto parts = split_name("J. R. R. Tolkien, Jr.");
  EXPECT_EQ(parts.given, "J. R. R.");
  EXPECT_EQ(parts.family, "Tolkien");
  EXPECT_EQ(parts.suffix, "Jr.");
  parts = split_name("Tolkien, Jr., J. R. R.");
  EXPECT_EQ(parts.given, "J. R. R.");
  EXPECT_EQ(parts.family, "Tolkien");
  EXPECT_EQ(parts.suffix, "Jr.");
  parts = split_name("Benton, Joe");
  EXPECT_EQ(parts.given, "Joe");
  EXPECT_EQ(parts.family, "Benton");
  EXPECT_EQ(parts.suffix, "");
}

TEST(TitleText, LiquidBracesAreKeptAndInert) {
  for (auto via : {0, 1}) {
    PaperInput in{"2401.00001", 0, "2401.00001", "", {}, {}};
    const std::string title = "Templates with {{ page.title }} and {% raw %} tags";
    if (via == 0) {
      add_arxiv(in, arxiv_record("2401.00001", title, {"Joe Benton"}, {2024, 1, 2}, {2024, 1, 2}, "cs.LG"));
    } else {
      in.overrides.title = title;
      in.overrides.year = 2024;
    }
    const MergedPaper p = merged(in);
    EXPECT_EQ(p.title, title) << via;
    const std::string md = render_markdown_entry(p, {});
    EXPECT_NE(md.find("Templates with &#123;&#123; page.title &#125;&#125; and &#123;% raw %&#125; tags"),
              std::string::npos)
        << md;
    EXPECT_EQ(md.find("{{"), std::string::npos);
    EXPECT_EQ(md.find("{%"), std::string::npos);
  }
}

TEST(TitleText, BackticksAreNotTurnedIntoQuotes) {
  PaperInput in{"2401.00001", 0, "2401.00001", "", {}, {}};
  add_arxiv(in, arxiv_record("2401.00001", "Why `grep` and ``awk'' still matter", {"Joe Benton"}, {2024, 1, 2},
                             {2024, 1, 2}, "cs.LG"));
  MergedPaper p = merged(in);
  // Code in backticks stays code; TeX's own quotes (closed by '') are still typeset.
  EXPECT_EQ(p.title, "Why `grep` and “awk” still matter");
  EXPECT_NE(render_markdown_entry(p, {}).find("[Why \\`grep\\` and “awk” still matter]"), std::string::npos);
  testing::record_of(in, "arxiv").title = "A `lone backtick, ``unclosed and `x` it's";
  EXPECT_EQ(merged(in).title, "A `lone backtick, ``unclosed and `x` it's");
  PaperInput manual = written_authors({"Joe Benton"});
  manual.overrides.title = "The `scholard` daemon";
  p = merged(manual);
  EXPECT_EQ(p.title, "The `scholard` daemon");
}

}  // namespace
}  // namespace scholard::render
