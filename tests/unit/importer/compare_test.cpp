// importer::compare_entries / keep_page_text: a page entry against the entry
// the first sync would render, read back by the same parser.
#include <gtest/gtest.h>

#include "config/edit.hpp"
#include "importer/compare.hpp"
#include "importer/markdown_entry.hpp"

namespace scholard::importer {
namespace {

Proposal entry(const std::string& text) { return parse_markdown_entry(text, 7); }

std::string source(const std::string&) { return "arXiv"; }

TEST(CompareEntries, PresentationIsNoDifference) {
  const auto page = entry("[Error Bounds for *Flow*  Matching](https://arxiv.org/abs/2305.16860). **Joe Benton**, "
                          "George Deligiannidis. *Transactions on Machine Learning Research*, 2024.");
  const auto synced = entry("[Error Bounds for _Flow_ Matching](https://arxiv.org/abs/2305.16860). Joe Benton, George "
                            "Deligiannidis. _Transactions on Machine Learning Research_, 2024.");
  EXPECT_TRUE(compare_entries(page, synced).empty());
}

TEST(CompareEntries, EscapingIsNoDifference) {
  const auto page = entry("[A \\[bracketed\\] title](https://arxiv.org/abs/2305.16860). A B, C D. _Venue_, 2024.");
  const auto synced = entry("[A \\[bracketed\\] title](https://arxiv.org/abs/2305.16860). A B, C D. _Venue_, 2024.");
  EXPECT_TRUE(compare_entries(page, synced).empty());
}

TEST(CompareEntries, FindsTitleNameVenueMonthAndPages) {
  const auto page = entry("[From Denoising Diffusions to Denoising Markov Models](https://doi.org/10.1093/jrsssb/qkae005). "
                          "**Joe Benton**, Meihua Li. _JRSSB_, 86(2):286−301, February 2024.");
  const auto synced = entry("[From denoising diffusions to denoising Markov models](https://doi.org/10.1093/jrsssb/qkae005). "
                            "**Joe Benton**, Marvin Li. _Journal of the Royal Statistical Society_, 86(2):286–301, 2024.");
  const auto d = compare_entries(page, synced);
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(d[0].field, "title");
  EXPECT_EQ(d[1].field, "author 2");
  EXPECT_EQ(d[1].page, "Meihua Li");
  EXPECT_EQ(d[1].synced, "Marvin Li");
  EXPECT_EQ(d[2].field, "venue");
  EXPECT_EQ(d[3].field, "month");
  EXPECT_EQ(d[3].page, "February");
  EXPECT_EQ(d[4].field, "pages");
  EXPECT_EQ(d[4].page, "286−301");
}

TEST(KeepPageText, WritesOverridesThatKeepThePageText) {
  auto page = entry("[From Denoising Diffusions to Denoising Markov Models](https://doi.org/10.1093/jrsssb/qkae005). "
                    "**Joe Benton**, Meihua Li. _JRSSB_, 86(2):286−301, February 2024.");
  const auto synced = entry("[From denoising diffusions to denoising Markov models](https://doi.org/10.1093/jrsssb/qkae005). "
                            "**Joe Benton**, Marvin Li. _Journal of the Royal Statistical Society_, 86(2):286–301, 2024.");
  const auto not_kept = keep_page_text(page, synced, compare_entries(page, synced), source);
  EXPECT_TRUE(not_kept.empty());
  EXPECT_EQ(page.kept.title, "From Denoising Diffusions to Denoising Markov Models");
  ASSERT_EQ(page.kept.author_names.size(), 1u);
  EXPECT_EQ(page.kept.author_names[0].first, "Marvin Li");
  EXPECT_EQ(page.kept.author_names[0].second, "Meihua Li");
  EXPECT_EQ(page.kept.venue, "JRSSB");
  EXPECT_EQ(page.kept.pages, "286−301");
  EXPECT_TRUE(page.kept.authors.empty());
  const std::string toml = config::format_paper_table(to_paper_table(page, "research.md"));
  EXPECT_NE(toml.find("title = \"From Denoising Diffusions to Denoising Markov Models\"\n"), std::string::npos) << toml;
  EXPECT_NE(toml.find("author_names = { \"Marvin Li\" = \"Meihua Li\" }\n"), std::string::npos) << toml;
  EXPECT_NE(toml.find("month = \"February\"\n"), std::string::npos) << toml;
  EXPECT_NE(toml.find("pages = \"286−301\"\n"), std::string::npos) << toml;
  EXPECT_NE(toml.find("# kept as the page writes it: title (arXiv says \"From denoising"), std::string::npos) << toml;
}

TEST(KeepPageText, ALongerListThanTheCutIsMaxAuthors) {
  auto page = entry("[T](https://arxiv.org/abs/2305.16860). A A, B B, C C, D D. _V_, 2024.");
  const auto synced = entry("[T](https://arxiv.org/abs/2305.16860). A A, B B et al. _V_, 2024.");
  keep_page_text(page, synced, compare_entries(page, synced), source);
  EXPECT_EQ(page.max_authors, 4);
  EXPECT_TRUE(page.kept.authors.empty());
}

TEST(KeepPageText, ADifferentListIsKeptWhole) {
  auto page = entry("[T](https://arxiv.org/abs/2305.16860). Ann Lee, Cat Roe. _V_, 2024.");
  const auto synced = entry("[T](https://arxiv.org/abs/2305.16860). Ann Lee, Bo Yi, Cat Roe. _V_, 2024.");
  keep_page_text(page, synced, compare_entries(page, synced), source);
  EXPECT_EQ(page.kept.authors, (std::vector<std::string>{"Ann Lee", "Cat Roe"}));
}

TEST(KeepPageText, WhatThePageLeavesOutCannotBeKept) {
  auto page = entry("[T](https://arxiv.org/abs/2305.16860). A A. _V_, 2024.");
  const auto synced = entry("[T](https://arxiv.org/abs/2305.16860). A A. _V_, 12:3–4, 2024.");
  const auto not_kept = keep_page_text(page, synced, compare_entries(page, synced), source);
  ASSERT_EQ(not_kept.size(), 2u);
  EXPECT_EQ(not_kept[0].field, "volume");
  EXPECT_EQ(not_kept[1].field, "pages");
}

TEST(MarkdownEntry, AMonthBeforeTheYearIsTheMonth) {
  const auto p = entry("[T](https://arxiv.org/abs/2305.16860). A A. _TMLR_, February 2024.");
  EXPECT_EQ(p.month, 2);
  EXPECT_EQ(p.year, 2024);
  EXPECT_TRUE(p.notes.empty());
}

TEST(MarkdownEntry, AnArxivVenueIsKeptAsWritten) {
  const auto p = entry("[T](https://arxiv.org/abs/2210.01892). A A. _arXiv preprint, arXiv:2210.01892_, 2022.");
  EXPECT_EQ(p.venue, "");
  EXPECT_EQ(p.venue_as_written, "arXiv preprint, arXiv:2210.01892");
}

}  // namespace
}  // namespace scholard::importer
