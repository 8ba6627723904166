// The BibTeX reader and importer: syntax (macros, concatenation, braces,
// quotes), errors with their line, and a 20-entry file taken from real public
// bibliographies (tests/data/import/publications.bib, see PROVENANCE.md).
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "importer/bibtex.hpp"
#include "importer/bibtex_import.hpp"
#include "importer/import.hpp"
#include "importer/proposal.hpp"
#include "config/edit.hpp"
#include "core/text.hpp"

namespace scholard::importer {
namespace {

std::string slurp(const std::string& name) {
  std::ifstream in(std::string(SCHOLARD_TEST_DATA) + "/import/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(BibtexReader, MacrosConcatenationBracesAndQuotes) {
  const std::string text = R"(% a comment line with an @ sign: me@example.org
@string{jmlr = "Journal of Machine Learning Research"}
@comment{ignored {nested} text}
@preamble{ "\newcommand{\noop}[1]{}" }
@Article(key1,
  Title = {A {Nested {Brace}} Title},
  journal = jmlr # { (JMLR)},
  note = "quoted {with "inner" quote} text",
  month = feb,
  year = 2023,
)
)";
  auto entries = parse_bibtex(text, "t.bib");
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries->size(), 1u);
  const BibEntry& e = entries->front();
  EXPECT_EQ(e.type, "article");
  EXPECT_EQ(e.key, "key1");
  EXPECT_EQ(e.line, 5);
  EXPECT_EQ(e.field("title"), "A {Nested {Brace}} Title");
  EXPECT_EQ(e.field("journal"), "Journal of Machine Learning Research (JMLR)");
  EXPECT_EQ(e.field("note"), "quoted {with \"inner\" quote} text");
  EXPECT_EQ(e.field("month"), "February");
  EXPECT_EQ(e.field("year"), "2023");
}

TEST(BibtexReader, NamesLastFirstAndBraces) {
  EXPECT_EQ(split_bibtex_names("Einstein, A. and Podolsky, B. and {Rosen and Sons}"),
            (std::vector<std::string>{"A. Einstein", "B. Podolsky", "{Rosen and Sons}"}));
  EXPECT_EQ(split_bibtex_names("Jason Yoo AND Tony Joseph and\n  others"),
            (std::vector<std::string>{"Jason Yoo", "Tony Joseph", "others"}));
  EXPECT_EQ(split_bibtex_names("von Neumann, Jr, John"), (std::vector<std::string>{"John von Neumann Jr"}));
}

struct BadBib {
  const char* text;
  const char* message;
};

class BibtexErrors : public ::testing::TestWithParam<BadBib> {};

TEST_P(BibtexErrors, NameTheLine) {
  auto r = parse_bibtex(GetParam().text, "bad.bib");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find(GetParam().message), std::string::npos) << r.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, BibtexErrors,
    ::testing::Values(
        BadBib{"@article{a,\n  title = {Open {{brace},\n  year = 2020\n}\n\n@article{b,\n  title = {Fine}\n}\n",
               "bad.bib:2: unbalanced brace: the `{` opening field `title` is never closed (in entry `a` at line 1)"},
        BadBib{"@article{a,\n  title = {T}\n  year = 2020\n}\n", "bad.bib:2: missing comma after field `title`"},
        BadBib{"@article{a,\n  title = \"Unterminated,\n  year = 2020\n}\n@misc{b, title = {x}}\n",
               "bad.bib:2: unterminated string: the `\"` opening field `title` is never closed"},
        BadBib{"@article{a,\n  title {T}\n}\n", "bad.bib:2: expected `=` after field `title`"},
        BadBib{"@article{a,\n  title = ,\n}\n", "bad.bib:2: expected a value for field `title`, found `,`"},
        BadBib{"@article{a,\n  title = {T},\n", "unbalanced brace: the entry is never closed"}));

TEST(BibtexImport, TwentyRealEntriesGiveTheExpectedIds) {
  auto r = import_text(slurp("publications.bib"), "publications.bib");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->kind, SourceKind::bibtex);
  std::vector<std::string> got;
  for (const Proposal& p : r->proposals) {
    std::string l = p.arxiv ? "arXiv:" + p.arxiv->id : "";
    if (p.doi) l += (l.empty() ? "" : "+") + std::string("doi:") + p.doi->value;
    got.push_back(l.empty() ? "manual" : l);
  }
  const std::vector<std::string> expected = {
      "manual",                                    // @book einstein1956investigations
      "doi:10.1103/physrev.47.777",                // @article, publisher = aps macro
      "manual",                                    // @article with {\"U} accents
      "manual",                                    // @book przibram1967letters
      "doi:10.1007/978-1-4939-8882-2_6",           // @InBook
      "manual",                                    // @PhdThesis
      "arXiv:2304.13706",                          // arxiv = {...}
      "arXiv:1910.11961",                          // eprint + archiveprefix
      "arXiv:1907.03382+doi:10.1145/3295500.3356180",
      "arXiv:1903.04714",                          // journal = {arXiv preprint}
      "arXiv:1907.08082",
      "manual",                                    // papers.nips.cc url
      "arXiv:2012.05390",                          // @unpublished, archivePrefix
      "arXiv:2007.00642",                          // year = 2020, month = jul
      "arXiv:2305.10552",                          // @misc: arXiv link in url
      "arXiv:2210.06909",                          // booktitle = WACV macro
      "arXiv:2104.14963+doi:10.3390/jimaging7060094",
      "doi:10.17605/osf.io/xf3ka",                 // @misc with a DOI
      "manual",                                    // @thesis
      "manual",                                    // @InCollection, author = macro # and # ...
  };
  EXPECT_EQ(got, expected);
  ASSERT_EQ(r->proposals.size(), 20u);
  const auto& ps = r->proposals;
  EXPECT_EQ(ps[2].title, "Über die von der molekularkinetischen Theorie der Wärme geforderte Bewegung von in ruhenden "
                         "Flüssigkeiten suspendierten Teilchen");
  EXPECT_EQ(ps[2].pages, "549–560");
  EXPECT_EQ(ps[5].title, "Modélisation et estimation des processus de dégradation avec application en fiabilité des structures");
  EXPECT_EQ(ps[5].venue, "Université de Technologie de Compiègne");
  EXPECT_EQ(ps[8].max_authors, 10) << "\"and others\" on an id entry";
  EXPECT_EQ(ps[8].authors[0], "Atılım Güneş Baydin");
  EXPECT_TRUE(ps[8].url.empty()) << "the arXiv abs page is linked anyway";
  EXPECT_TRUE(ps[9].venue.empty()) << "journal = {arXiv preprint} is no venue";
  EXPECT_EQ(ps[10].authors[0], "Adam Goliński");
  EXPECT_EQ(ps[10].venue, "Proceedings of the International Conference on Machine Learning (ICML)");
  EXPECT_EQ(ps[10].year, 2019);
  EXPECT_EQ(ps[13].authors[0], "Rob Brekelmans");
  EXPECT_EQ(ps[14].reason, "url field");
  EXPECT_EQ(ps[15].venue, "Proceedings of the IEEE/CVF Winter Conference on Applications of Computer Vision (WACV)");
  EXPECT_EQ(ps[18].authors, (std::vector<std::string>{"Georg Wölflein"}));
  EXPECT_EQ(ps[18].venue, "University of St Andrews");
  EXPECT_EQ(ps[19].authors, (std::vector<std::string>{"James S. Bergstra", "Rémi Bardenet", "Yoshua Bengio", "Balázs Kégl"}));
  EXPECT_EQ(ps[0].line, 19);
  EXPECT_EQ(ps[6].reason, "arxiv field");
  EXPECT_FALSE(ps[6].year) << "year = {submitted}";
}

TEST(BibtexImport, AlFolioFieldsOfRealEntriesAreCarried) {
  auto r = import_text(slurp("publications.bib"), "publications.bib");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->proposals.size(), 20u);
  const auto& ps = r->proposals;
  // al-folio's own PhysRev.47.777: abbr, a pdf under assets/pdf/, selected.
  EXPECT_TRUE(ps[1].selected);
  EXPECT_EQ(ps[1].abbr, "PhysRev");
  EXPECT_EQ(ps[1].pdf, "example_pdf.pdf");
  EXPECT_EQ(ps[1].code, "");
  EXPECT_FALSE(ps[0].selected) << "bibtex_show is the output's option, not the paper's";
  EXPECT_EQ(ps[4].code, "https://github.com/jchiquet/multivarNetwork");
  // A user's al-folio file: pdf links, code, and abbr given as a @string macro.
  EXPECT_TRUE(ps[14].selected);
  EXPECT_EQ(ps[14].pdf, "https://arxiv.org/pdf/2305.10552.pdf");
  EXPECT_EQ(ps[14].code, "https://github.com/georg-wolflein/das-mil");
  EXPECT_TRUE(ps[15].selected);
  EXPECT_EQ(ps[15].abbr, "WACV");
  EXPECT_EQ(ps[16].abbr, "J. Imaging");
  // The proposed [[paper]] tables carry them and parse.
  std::string text;
  for (const Proposal& p : ps) text += "\n" + config::format_paper_table(to_paper_table(p, "publications.bib"));
  EXPECT_NE(text.find("[[paper]]\ndoi = \"10.1103/physrev.47.777\"\nkey = \"PhysRev.47.777\"\nurl = \"http://link.aps.org/doi/10.1103/PhysRev.47.777\"\n"
                      "selected = true\nabbr = \"PhysRev\"\npdf = \"example_pdf.pdf\"\n"),
            std::string::npos)
      << text;
  const std::string head = "[profile]\nname = \"A\"\ncontact = \"a@example.org\"\n"
                           "[[output]]\nformat = \"bibtex\"\npath = \"p.bib\"\nbibtex_show = true\n";
  config::Environment env;
  env.variables = {{"HOME", "/home/tester"}};
  auto cfg = config::parse_config(head + text, "t.toml", "/srv", env);
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->papers[1].abbr, "PhysRev");
  EXPECT_EQ(cfg->papers[15].abbr, "WACV");
  EXPECT_TRUE(cfg->papers[14].selected);
}

TEST(BibtexImport, AlFolioValuesTheConfigWouldRejectBecomeNotes) {
  auto r = import_text("@misc{a, title={T}, selected={yes}, pdf={/assets/pdf/a.pdf}, code={github.com/x/y}}\n", "x.bib");
  ASSERT_TRUE(r) << r.error().message;
  const Proposal& p = r->proposals.at(0);
  EXPECT_TRUE(p.selected);
  EXPECT_EQ(p.pdf, "");
  EXPECT_EQ(p.code, "");
  const std::string notes = core::join(p.notes, "\n");
  EXPECT_NE(notes.find("pdf = {/assets/pdf/a.pdf} left out"), std::string::npos) << notes;
  EXPECT_NE(notes.find("code = {github.com/x/y} left out: not an http(s) link"), std::string::npos) << notes;
}

TEST(BibtexImport, LikelyIdsFromFreeTextAndDblpCorr) {
  auto r = import_text(
      "@article{a, title={T}, journal={arXiv preprint arXiv:1710.11397}, year={2017}}\n"
      "@article{b, title={U}, journal={CoRR}, volume={abs/1706.03762}, year={2017}}\n"
      "@misc{c, title={V}, eprint={PMC123}, archivePrefix={PubMed}}\n",
      "x.bib");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->proposals.size(), 3u);
  EXPECT_EQ(r->proposals[0].arxiv->id, "1710.11397");
  EXPECT_EQ(r->proposals[0].certainty, Certainty::likely);
  EXPECT_TRUE(r->proposals[0].venue.empty());
  EXPECT_EQ(r->proposals[1].arxiv->id, "1706.03762");
  EXPECT_EQ(r->proposals[1].certainty, Certainty::certain);
  EXPECT_TRUE(r->proposals[1].volume.empty());
  EXPECT_TRUE(r->proposals[2].is_manual()) << "a PubMed eprint is not an arXiv id";
}

TEST(BibtexImport, KindIsDetectedByNameOrContent) {
  EXPECT_EQ(detect_kind("", "refs.BIB"), SourceKind::bibtex);
  EXPECT_EQ(detect_kind("% x\n\n@article{a,}", "refs.txt"), SourceKind::bibtex);
  EXPECT_EQ(detect_kind("# Publications", "page"), SourceKind::markdown);
}

}  // namespace
}  // namespace scholard::importer
