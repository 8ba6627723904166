// The Markdown importer on the seed researcher's real pages (research-2024.md
// and research-2025.md, copied into tests/data/import) and on small shapes.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "importer/import.hpp"
#include "importer/markdown_entry.hpp"
#include "importer/markdown_page.hpp"
#include "render/output_file.hpp"

namespace scholard::importer {
namespace {

std::string slurp(const std::string& name) {
  std::ifstream in(std::string(SCHOLARD_TEST_DATA) + "/import/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// "arXiv:X", "doi:Y" or "manual" per proposal, in order.
std::vector<std::string> labels(const std::vector<Proposal>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) {
    std::string l = p.arxiv ? "arXiv:" + p.arxiv->id : "";
    if (p.doi) l += (l.empty() ? "" : "+") + std::string("doi:") + p.doi->value;
    out.push_back(l.empty() ? "manual" : l);
  }
  return out;
}

TEST(MarkdownImport, Research2024ProposesEveryPublicationWithItsId) {
  auto r = import_text(slurp("research-2024.md"), "research-2024.md");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->kind, SourceKind::markdown);
  const std::vector<std::string> expected = {
      "manual", "doi:10.1093/jrsssb/qkae005", "arXiv:2308.03686", "arXiv:2305.16860",
      "manual", "arXiv:2310.07837",           "manual",           "arXiv:2210.01892"};
  EXPECT_EQ(labels(r->proposals), expected);
  EXPECT_EQ(r->proposals[0].line, 22);
  EXPECT_EQ(r->proposals[0].reason, "no arXiv or DOI link (blog post)");
  EXPECT_EQ(r->proposals[0].venue, "Anthropic Blog");
  EXPECT_EQ(r->proposals[0].authors.size(), 12u);  // 11 names, then "others"
  EXPECT_EQ(r->proposals[0].authors.back(), "others");
  EXPECT_EQ(r->proposals[1].reason, "DOI in the link to academic.oup.com");
  EXPECT_EQ(r->proposals[4].reason, "no arXiv or DOI link (PDF link)");
  EXPECT_EQ(r->proposals[6].reason, "no arXiv or DOI link (proceedings page)");
  EXPECT_TRUE(r->proposals[7].venue.empty()) << "\"arXiv preprint, arXiv:…\" needs no override";
  EXPECT_EQ(guess_profile_name(r->proposals), "Joe Benton");
}

TEST(MarkdownImport, Research2025ProposesEveryPublicationWithItsId) {
  auto r = import_text(slurp("research-2025.md"), "research-2025.md");
  ASSERT_TRUE(r) << r.error().message;
  const std::vector<std::string> expected = {
      "arXiv:2506.15740", "arXiv:2505.05410", "arXiv:2507.14417", "arXiv:2507.11473",
      "arXiv:2506.22777", "arXiv:2501.18837", "arXiv:2410.21514", "arXiv:2407.15211",
      "manual",           "doi:10.1093/jrsssb/qkae005", "arXiv:2308.03686", "arXiv:2305.16860",
      "manual",           "arXiv:2310.07837", "manual",           "arXiv:2210.01892"};
  EXPECT_EQ(labels(r->proposals), expected);
  EXPECT_TRUE(r->warnings.empty());
  // The one id that comes from the venue text, not a link, is only "likely".
  EXPECT_EQ(r->proposals[5].certainty, Certainty::likely);
  EXPECT_EQ(r->proposals[5].url, "https://www.anthropic.com/research/constitutional-classifiers");
  for (std::size_t i : {0u, 1u, 2u, 3u, 4u, 6u, 7u, 9u, 10u, 11u, 13u, 15u}) {
    EXPECT_EQ(r->proposals[i].certainty, Certainty::certain) << i;
  }
}

TEST(MarkdownImport, OverridesReproduceTheLine) {
  auto r = import_text(slurp("research-2025.md"), "research-2025.md");
  ASSERT_TRUE(r);
  const auto& ps = r->proposals;
  EXPECT_EQ(ps[3].max_authors, 14) << "\"Dan Hendrycks, et al.\" with a comma";
  EXPECT_EQ(ps[6].max_authors, 10) << "\"Buck Shlegeris et al.\" without one";
  EXPECT_EQ(ps[3].et_al, ", et al.") << "kept as the page writes it";
  EXPECT_EQ(ps[6].et_al, "") << "the default style";
  EXPECT_FALSE(ps[0].max_authors);
  EXPECT_EQ(ps[7].venue, "NeurIPS 2024 Workshop on Responsibly Building the Next Generation of Multimodal Foundational Models");
  EXPECT_EQ(ps[10].venue, "International Conference on Learning Representations");
  EXPECT_EQ(ps[10].year, 2024);
  EXPECT_EQ(ps[11].year, 2024);
  EXPECT_EQ(ps[11].month, 2) << "\"February 2024\" is kept as month = \"February\"";
  EXPECT_TRUE(ps[11].notes.empty());
  const Proposal& alpha = ps[12];
  EXPECT_EQ(alpha.authors, (std::vector<std::string>{"Kamélia Daudel", "Joe Benton", "Yuyang Shi", "Arnaud Doucet"}));
  EXPECT_EQ(alpha.equal_contribution, (std::vector<std::string>{"Joe Benton", "Yuyang Shi"}));
  EXPECT_EQ(alpha.volume, "24");
  EXPECT_EQ(alpha.issue, "243");
  EXPECT_EQ(alpha.pages, "1−83");
  EXPECT_EQ(alpha.url, "https://www.jmlr.org/papers/volume24/22-1160/22-1160.pdf");
  EXPECT_TRUE(ps[0].venue.empty()) << "SHADE-Arena is an arXiv preprint: no venue override";
  EXPECT_TRUE(ps[0].url.empty()) << "the arXiv abs link is what a render links anyway";
}

TEST(MarkdownImport, MarkersGoAroundExactlyTheList) {
  const std::string page = slurp("research-2024.md");
  auto list = find_publication_list(page, "research-2024.md");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->heading_line, 20);
  const std::string marked = mark_list(page, *list);
  auto block = render::find_marked_block(marked, "page");
  ASSERT_TRUE(block) << block.error().message;
  const std::string inside = marked.substr(block->begin, block->end - block->begin);
  EXPECT_EQ(inside.find("[Many-shot Jailbreaking]"), 1u);
  EXPECT_NE(inside.find("arXiv:2210.01892_, 2022.\n"), std::string::npos);
  EXPECT_EQ(inside.find("Talks"), std::string::npos);
  // Everything outside the markers is the page as it was.
  std::string without = marked;
  without.erase(without.find(render::k_begin_marker), render::k_begin_marker.size() + 1);
  without.erase(without.find(render::k_end_marker), render::k_end_marker.size() + 1);
  EXPECT_EQ(without, page);
  // A marked page is found through its markers and left as it is.
  auto again = find_publication_list(marked, "research-2024.md");
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->already_marked);
  EXPECT_EQ(again->entries.size(), 8u);
  EXPECT_EQ(mark_list(marked, *again), marked);
}

TEST(MarkdownImport, MarkersAgreeWithTheRenderLayer) {
  EXPECT_EQ(k_begin_marker, render::k_begin_marker);
  EXPECT_EQ(k_end_marker, render::k_end_marker);
}

TEST(MarkdownImport, PlainListWithoutHeadingSkippingCommentsAndLiquid) {
  const std::string page =
      "{% comment %}\n[Hidden](https://arxiv.org/abs/2101.00001). A. _X_, 2021.\n{% endcomment %}\n"
      "<!-- [Old](https://arxiv.org/abs/2101.00002). B. _Y_, 2021. -->\n"
      "- **A Paper**. Ann Author, Bob Builder. *Some Journal*, 2020. [[arXiv](https://arxiv.org/abs/2001.00001)] "
      "[[pdf](https://example.org/a.pdf)]\n"
      "- [Another](https://doi.org/10.1000/XYZ). C. D. and E. F. _Venue_, 12(3):45-67, 2019.\n";
  auto r = import_text(page, "list.md");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->proposals.size(), 2u);
  const Proposal& a = r->proposals[0];
  EXPECT_EQ(a.line, 5);
  EXPECT_EQ(a.title, "A Paper");
  EXPECT_EQ(a.arxiv->id, "2001.00001");
  EXPECT_EQ(a.reason, "arXiv abs link ([arXiv])");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Ann Author", "Bob Builder"}));
  EXPECT_EQ(a.venue, "Some Journal");
  const Proposal& b = r->proposals[1];
  EXPECT_EQ(b.doi->value, "10.1000/xyz");
  EXPECT_EQ(b.reason, "DOI link");
  EXPECT_EQ(b.authors, (std::vector<std::string>{"C. D.", "E. F."}));
  EXPECT_EQ(b.volume, "12");
  EXPECT_EQ(b.issue, "3");
  EXPECT_EQ(b.pages, "45-67");
  EXPECT_TRUE(b.url.empty());
}

TEST(MarkdownImport, PageWithoutPublicationsIsAnError) {
  auto r = import_text("# About me\n\nI like cats.\n", "about.md");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("no publication list found in about.md"), std::string::npos);
  auto unpaired = import_text("## Publications\n<!-- scholard:begin -->\n[A](https://arxiv.org/abs/2001.00001). X. _Y_, 2020.\n",
                              "p.md");
  ASSERT_FALSE(unpaired);
  EXPECT_NE(unpaired.error().message.find("p.md:2: the scholard markers are unpaired"), std::string::npos);
}

TEST(MarkdownImport, FindLinksSkipsEscapesAndImages) {
  auto links = find_links("\\[not](x) ![img](i.png) [a \\] b](https://e.org/(x)) [[arXiv](https://arxiv.org/abs/1)]");
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].text, "a ] b");
  EXPECT_EQ(links[0].url, "https://e.org/(x)");
  EXPECT_EQ(links[1].text, "arXiv");
}

}  // namespace
}  // namespace scholard::importer
