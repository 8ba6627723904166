// The paper-likeness rule (importer/paper_shape.hpp) and the longest run of
// papers it picks on a page: what `import --write` marks, and what it refuses
// to mark, on the seed researcher's about.md and cv.md and on small shapes.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "importer/import.hpp"
#include "importer/markdown_entry.hpp"
#include "importer/markdown_page.hpp"
#include "importer/paper_shape.hpp"

namespace scholard::importer {
namespace {

std::string slurp(const std::string& name) {
  std::ifstream in(std::string(SCHOLARD_TEST_DATA) + "/import/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(PaperShape, ThePagesShapesArePapers) {
  // research-2024.md's shapes, the bold-title shape with an arXiv link, two quoted-title styles.
  for (const char* entry : {
           "[Many-shot Jailbreaking](https://www.anthropic.com/research/many-shot-jailbreaking). Cem Anil, Esin "
           "Durmus, **Joe Benton**, Francesco Mosconi et al. _Anthropic Blog_, 2024.",
           "[Alpha-divergence](https://www.jmlr.org/papers/volume24/22-1160/22-1160.pdf). Kamélia Daudel, **Joe "
           "Benton**\\*, Yuyang Shi\\*, Arnaud Doucet. _Journal of Machine Learning Research_, 24(243):1−83, 2023.",
           "[SHADE-Arena](https://arxiv.org/abs/2506.15740). Teun van der Weij, Chen Bo Calvin Zhang, Samuel R. "
           "Bowman. *arXiv preprint arXiv:2506.15740*, 2025.",
           "**A Paper**. Ann Author, Bob Builder. *Some Journal*. [[arXiv](https://arxiv.org/abs/2001.00001)]",
           "Ann Author, Bob Builder and **Me Myself**. \"Paper Two: A Study.\" *NeurIPS*, 2023.",
           "A. Author and M. Myself, \xe2\x80\x9cPaper three,\xe2\x80\x9d in Proc. ICLR, 2022.",
           "Benton, J. (2024). \"Error bounds.\" TMLR.",
       }) {
    const PaperShape shape = paper_shape(entry);
    EXPECT_TRUE(shape.is_paper()) << entry << "\n  missing: " << shape.missing();
  }
}

TEST(PaperShape, TitleForms) {
  EXPECT_EQ(title_form("[T](https://e.org/t). A B. _V_, 2020."), TitleForm::linked);
  EXPECT_EQ(title_form("A B. \"T.\" V, 2020."), TitleForm::quoted);
  EXPECT_EQ(title_form("\xe2\x80\x9cT\xe2\x80\x9d, A B, 2020."), TitleForm::quoted);
  EXPECT_EQ(title_form("**T**. A B. [[pdf](https://doi.org/10.1000/x)]"), TitleForm::bold_with_id_link);
  // Bold without an id link beside it is how a CV sets its owner's name, not a title.
  EXPECT_EQ(title_form("**T**. A B. _V_, 2020. [[pdf](https://e.org/t.pdf)]"), TitleForm::none);
  EXPECT_EQ(title_form("T. **A B**, C D. _V_, 2020."), TitleForm::none);
  // A quote inside a sentence is not a title.
  EXPECT_EQ(title_form("I co-wrote \"Sabotage Evaluations\" with Jane Doe, 2024."), TitleForm::none);
}

TEST(PaperShape, NonPapersAreNot) {
  struct Case {
    const char* text;
    const char* missing;
  };
  const Case cases[] = {
      // about.md: a bio paragraph with links.
      {"Hi, I'm Joe! I'm currently a member of technical staff on the Alignment Science team at "
       "[Anthropic](https://www.anthropic.com/), where I think about safety cases. For more, see "
       "[here](https://joejbenton.com/research/).",
       "no linked or quoted title, no author list, no year, arXiv id or DOI"},
      // cv.md: a plain, unlinked, unquoted title (a publication, but the rule cannot tell it from prose).
      {"Error Bounds for Flow Matching Methods. **Joe Benton**, George Deligiannidis, Arnaud Doucet. "
       "*Transactions on Machine Learning Research*, February 2024.",
       "no linked or quoted title"},
      // cv.md: awards, talks, reviewing.
      {"International Mathematics Olympiad (1 Gold – 7th out of 615, 3 Silver)",
       "no linked or quoted title, no author list, no year, arXiv id or DOI"},
      {"University of Warwick Algorithms and Computationally Intensive Inference Seminars, 2023",
       "no linked or quoted title, no author list"},
      // A linked project with no authors or year; a linked talk whose "authors" are a place.
      {"[Building a High-Quality Control Dataset](https://docs.google.com/document/d/1ok)",
       "no author list, no year, arXiv id or DOI"},
      {"[A talk on paper one](https://youtu.be/x), given at the Berkeley seminar, 2024.", "no author list"},
      // A link at the start of a sentence.
      {"[Anthropic](https://www.anthropic.com/) is where I work, since 2023.", "no author list"},
      {"I co-wrote \"Sabotage Evaluations\" with Jane Doe, 2024.", "no linked or quoted title, no author list"},
  };
  for (const Case& c : cases) {
    const PaperShape shape = paper_shape(c.text);
    EXPECT_FALSE(shape.is_paper()) << c.text;
    EXPECT_EQ(shape.missing(), c.missing) << c.text;
  }
}

TEST(PaperShape, Names) {
  for (const char* name : {"Joe Benton", "Teun van der Weij", "Samuel R. Bowman", "Kamélia Daudel", "J.-P. Sartre",
                           "Kit Fraser-Taliente", "Jean d'Alembert", "Chen Bo Calvin Zhang", "Anthropic"}) {
    EXPECT_TRUE(looks_like_name(name)) << name;
  }
  for (const char* name : {"", "where I think about", "see here", "the University of Oxford and a very long name",
                           "Room 101", "van der"}) {
    EXPECT_FALSE(looks_like_name(name)) << name;
  }
}

TEST(PaperShape, QuotedTitlesAreParsed) {
  const Proposal a = parse_markdown_entry("Ann Author, Bob Builder and **Me Myself**. \"Paper Two: A Study.\" *NeurIPS*, 2023.", 3);
  EXPECT_EQ(a.title, "Paper Two: A Study");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Ann Author", "Bob Builder", "Me Myself"}));
  EXPECT_EQ(a.bold_author, "Me Myself");
  EXPECT_EQ(a.venue, "NeurIPS");
  EXPECT_EQ(a.year, 2023);
  const Proposal b = parse_markdown_entry("A. Author and M. Myself, \xe2\x80\x9cPaper three,\xe2\x80\x9d Proc. ICLR, 24(3):1-9, 2022.", 4);
  EXPECT_EQ(b.title, "Paper three");
  EXPECT_EQ(b.authors, (std::vector<std::string>{"A. Author", "M. Myself"}));
  EXPECT_EQ(b.venue, "Proc. ICLR");
  EXPECT_EQ(b.volume, "24");
  EXPECT_EQ(b.year, 2022);
  const Proposal c = parse_markdown_entry("\"Title First.\" Jane Doe, John Roe. _Venue_, 2021. [[arXiv](https://arxiv.org/abs/2101.00001)]", 5);
  EXPECT_EQ(c.title, "Title First");
  EXPECT_EQ(c.authors, (std::vector<std::string>{"Jane Doe", "John Roe"}));
  EXPECT_EQ(c.arxiv->id, "2101.00001");
}

// about.md and cv.md from the seeds: no run of papers, so nothing to mark.
TEST(PaperRun, AboutAndCvHaveNoPublicationList) {
  auto about = find_publication_list(slurp("about.md"), "about.md");
  ASSERT_FALSE(about);
  EXPECT_EQ(about.error().message.rfind("no publication list found in about.md: no paragraph or list item looks like a "
                                        "paper (a linked or quoted title, authors, and a venue/year or an arXiv id/DOI)",
                                        0),
            0u)
      << about.error().message;
  EXPECT_EQ(about.error().message.find("nearest"), std::string::npos) << "no block comes close";
  EXPECT_NE(about.error().message.find("\n  <!-- scholard:begin -->\n  (the list)\n  <!-- scholard:end -->\n"),
            std::string::npos);

  auto cv = find_publication_list(slurp("cv.md"), "cv.md");
  ASSERT_FALSE(cv);
  EXPECT_NE(cv.error().message.find("nearest: cv.md:103 (\"From Denoising Diffusions to Denoising Markov...\") has no "
                                    "linked or quoted title"),
            std::string::npos)
      << cv.error().message;
}

// Marked by hand, cv.md's plain-title list is imported: the user drew the bounds.
TEST(PaperRun, HandMarkedPlainListIsTaken) {
  std::string page = slurp("cv.md");
  page.insert(page.find("From Denoising Diffusions"), "<!-- scholard:begin -->\n");
  page += "\n<!-- scholard:end -->\n";
  auto r = import_text(page, "cv.md");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->proposals.size(), 7u);
  EXPECT_EQ(r->proposals[0].title, "From Denoising Diffusions to Denoising Markov Models");
  EXPECT_EQ(r->proposals[6].arxiv->id, "2210.01892");
  EXPECT_TRUE(r->list->already_marked);
  EXPECT_EQ(mark_list(page, *r->list), page);
}

// (d): the papers are followed by a talks list and a bio paragraph with links;
// a link-bearing bio paragraph comes before them. Only the papers are marked.
TEST(PaperRun, MarkersGoAroundThePapersOnly) {
  const std::string page =
      "# Me\n\n"
      "I work at [Anthropic](https://www.anthropic.com/) since 2023, with [Jane Doe](https://x.org), and others.\n\n"
      "- [Paper One](https://arxiv.org/abs/2401.00001). Ann Author, **Me Myself**. _ICML_, 2024.\n"
      "- Ann Author, Bob Builder and Me Myself. \"Paper Two: A Study.\" *NeurIPS*, 2023.\n"
      "- A. Author and M. Myself, \xe2\x80\x9cPaper three,\xe2\x80\x9d in Proc. ICLR, 2022.\n"
      "- **Paper Four**. Me Myself. Preprint. [[arXiv](https://arxiv.org/abs/2301.00004)]\n\n"
      "## Talks\n\n"
      "- [A talk on paper one](https://youtu.be/x), Berkeley, 2024.\n"
      "- Invited talk, Oxford, 2023.\n\n"
      "See [my blog](https://blog.example.org), updated 2024, for more.\n";
  auto r = import_text(page, "me.md");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->proposals.size(), 4u);
  EXPECT_EQ(r->proposals[0].line, 5);
  EXPECT_EQ(r->proposals[3].title, "Paper Four");
  EXPECT_TRUE(r->warnings.empty()) << r->warnings[0];
  const std::string marked = mark_list(page, *r->list);
  const std::size_t b = marked.find("<!-- scholard:begin -->\n- [Paper One]");
  const std::size_t e = marked.find("abs/2301.00004)]\n\n<!-- scholard:end -->\n## Talks\n");
  EXPECT_NE(b, std::string::npos) << marked;
  EXPECT_NE(e, std::string::npos) << marked;
}

// A run is broken by anything but blank lines: a heading, a comment, a non-paper.
TEST(PaperRun, TheLongestRunWinsAndHeadingsBreakRuns) {
  const std::string p1 = "[P1](https://arxiv.org/abs/2401.00001). A B. _V_, 2024.\n";
  const std::string p2 = "[P2](https://arxiv.org/abs/2401.00002). A B. _V_, 2024.\n";
  const std::string p3 = "[P3](https://arxiv.org/abs/2401.00003). A B. _V_, 2024.\n";
  const std::string page = "### 2024\n\n" + p1 + "\n### 2023\n\n" + p2 + "\n" + p3 + "\n<!-- c -->\n" + p1 +
                           "\nA sentence in between.\n\n" + p2;
  auto list = find_publication_list(page, "p.md");
  ASSERT_TRUE(list) << list.error().message;
  ASSERT_EQ(list->entries.size(), 2u);
  EXPECT_EQ(list->entries[0].line, 7);
  EXPECT_EQ(list->entries[1].line, 9);
  ASSERT_EQ(list->other_runs.size(), 3u);
  EXPECT_EQ(list->other_runs[0].line, 3);
  auto r = import_text(page, "p.md");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->warnings.size(), 3u);
  EXPECT_EQ(r->warnings[0], "line 3: 1 more entry that looks like a paper is not part of the list (not imported; mark "
                            "the list by hand to choose another)");
}

// A run under a "Publications" heading wins over a longer one elsewhere.
TEST(PaperRun, PublicationsHeadingIsPreferred) {
  const std::string p = "[P](https://arxiv.org/abs/2401.00001). A B. _V_, 2024.\n\n";
  const std::string page = "## Talks\n\n" + p + p + p + "## Selected publications\n\n" + p + p + "## Other\n";
  auto list = find_publication_list(page, "p.md");
  ASSERT_TRUE(list) << list.error().message;
  EXPECT_EQ(list->heading_line, 9);
  EXPECT_EQ(list->entries.size(), 2u);
  EXPECT_EQ(list->entries[0].line, 11);
}

}  // namespace
}  // namespace scholard::importer
