// The overrides that keep a page's text: month ("February 2024" in the
// Markdown style, month = feb in BibTeX, date-parts in CSL-JSON), pages as
// written, author_names (one spelling, the rest of the list from the source)
// and a venue override that only says "arXiv preprint".
#include <gtest/gtest.h>

#include "render/bibtex.hpp"
#include "render/json.hpp"
#include "render/markdown.hpp"
#include "render/merge.hpp"
#include "unit/render/sample_papers.hpp"

namespace scholard::render {
namespace {

using testing::arxiv_record;
using testing::crossref_record;
using testing::person;
using testing::sample_profile;

PaperInput flow_matching() {
  PaperInput in;
  in.key = "2305.16860";
  in.arxiv_id = "2305.16860";
  testing::add_arxiv(
      in, arxiv_record("2305.16860", "Error Bounds for Flow Matching Methods",
                       {"Joe Benton", "Marvin Li", "Arnaud Doucet"}, {2023, 5, 26}, {2024, 2, 1}, "stat.ML"));
  in.overrides.venue = "Transactions on Machine Learning Research";
  in.overrides.year = 2024;
  in.overrides.month = 2;
  in.overrides.volume = "24";
  in.overrides.pages = "1−83";
  in.overrides.author_names = {{"marvin li", "Meihua Li"}};
  return in;
}

std::vector<MergedPaper> merged(const PaperInput& in) { return merge_papers({in}, sample_profile()); }

TEST(KeptText, MarkdownWritesTheMonthAndThePagesAsWritten) {
  const auto papers = merged(flow_matching());
  EXPECT_EQ(render_markdown_entry(papers[0], {}),
            "[Error Bounds for Flow Matching Methods](https://arxiv.org/abs/2305.16860). **Joe Benton**, Meihua Li, "
            "Arnaud Doucet. _Transactions on Machine Learning Research_, 24:1−83, February 2024.");
  EXPECT_EQ(papers[0].pages, "1–83");  // what BibTeX and CSL-JSON write
}

TEST(KeptText, TheTemplateSeesMonthAndPagesAsWritten) {
  auto out = render_markdown_template(merged(flow_matching()), "{{#papers}}{{month}} {{year}} {{pages}}{{/papers}}", {});
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(*out, "February 2024 1−83");
}

TEST(KeptText, BibtexAndCslCarryTheMonth) {
  const auto papers = merged(flow_matching());
  const std::string bib = render_bibtex(papers, {});
  EXPECT_NE(bib.find("  year = {2024},\n  month = feb,\n"), std::string::npos) << bib;
  EXPECT_NE(bib.find("pages = {1--83}"), std::string::npos) << bib;
  const std::string csl = render_csl_json(papers, {});
  EXPECT_NE(csl.find("\"date-parts\": [[2024, 2]]"), std::string::npos) << csl;
}

TEST(KeptText, WithoutAMonthNothingChanges) {
  auto in = flow_matching();
  in.overrides.month.reset();
  const auto papers = merged(in);
  EXPECT_EQ(papers[0].month, 0);
  EXPECT_NE(render_markdown_entry(papers[0], {}).find("24:1−83, 2024."), std::string::npos);
  EXPECT_EQ(render_bibtex(papers, {}).find("month"), std::string::npos);
}

TEST(KeptText, SourcePagesAreStillNormalised) {
  PaperInput in;
  in.key = "10.1093/x";
  in.doi = "10.1093/x";
  testing::add_crossref(
      in, crossref_record("journal-article", "T", "T", {person("Joe", "Benton")}, "J", {2024, 1, 17}, "10.1093/x"));
  testing::record_of(in, "crossref").pages = "286-301";
  const auto papers = merged(in);
  EXPECT_EQ(papers[0].pages_as_written, "");
  EXPECT_NE(render_markdown_entry(papers[0], {}).find("286–301"), std::string::npos);
}

TEST(KeptText, AuthorNamesRenameOneAuthorAndKeepTheHighlight) {
  const auto papers = merged(flow_matching());
  ASSERT_EQ(papers[0].authors.size(), 3u);
  EXPECT_EQ(papers[0].authors[1].name, "Meihua Li");
  EXPECT_EQ(papers[0].authors[1].family, "Li");
  EXPECT_TRUE(papers[0].authors[0].highlighted);
  EXPECT_EQ(renamed_author(flow_matching().overrides, "MARVIN LI"), "Meihua Li");
  EXPECT_EQ(renamed_author(flow_matching().overrides, "Marvin L. Li"), "Meihua Li");  // a middle initial added
  EXPECT_EQ(renamed_author(flow_matching().overrides, "Mark Li"), "");
}

TEST(KeptText, AnArxivPreprintVenueOverrideIsStillAPreprint) {
  auto in = flow_matching();
  in.overrides = {};
  in.overrides.venue = "arXiv preprint, arXiv:2305.16860";
  const auto papers = merged(in);
  EXPECT_FALSE(papers[0].published);
  EXPECT_EQ(papers[0].kind, PaperKind::preprint);
  EXPECT_EQ(papers[0].venue, "arXiv preprint, arXiv:2305.16860");
  EXPECT_EQ(papers[0].year, 2023);
}

}  // namespace
}  // namespace scholard::render
