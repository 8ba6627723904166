// al-folio's per-paper fields, the citation key and the et-al / range-dash
// style (config/al_folio.hpp): read with their file:line problems like every
// other [[paper]] key, and written back by format_paper_table.
#include "config/al_folio.hpp"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/edit.hpp"
#include "config_test_support.hpp"

namespace scholard::config {
namespace {

using ::testing::HasSubstr;

TEST(AlFolioConfig, ReadsEveryFieldInTheTablesOrder) {
  const std::string text = std::string(k_minimal) +
                           "key = \"benton2024nearly\"\n"
                           "website = \"https://example.org/project\"\n"
                           "preview = \"nearly.png\"\n"
                           "award = \"Outstanding paper\"\n"
                           "slides = \"https://example.org/slides.pdf\"\n"
                           "additional_info = \". *Spotlight*, see [here](https://example.org)\"\n"
                           "google_scholar_id = \"qyhmnyLat1gC\"\n"
                           "bibtex_show = false\n"
                           "abstract = true\n"
                           "et_al = \", et al.\"\n";
  auto cfg = parse(text);
  ASSERT_TRUE(cfg) << cfg.error().message;
  const Paper& p = cfg->papers.front();
  EXPECT_EQ(p.citation_key, "benton2024nearly");
  using Pair = std::pair<std::string, std::string>;
  EXPECT_THAT(p.al_folio, ::testing::ElementsAre(Pair{"preview", "nearly.png"},
                                                 Pair{"slides", "https://example.org/slides.pdf"},
                                                 Pair{"website", "https://example.org/project"},
                                                 Pair{"award", "Outstanding paper"},
                                                 Pair{"additional_info", ". *Spotlight*, see [here](https://example.org)"},
                                                 Pair{"google_scholar_id", "qyhmnyLat1gC"}));
  EXPECT_EQ(p.bibtex_show, std::optional<bool>(false));
  EXPECT_TRUE(p.abstract);
  EXPECT_EQ(p.et_al, ", et al.");
}

TEST(AlFolioConfig, BadValuesAreReportedAtTheirLine) {
  const std::string text = std::string(k_minimal) +
                           "html = \"openreview.net/forum\"\n"       // line 11: no scheme
                           "poster = \"/abs/poster.pdf\"\n"          // 12: absolute path
                           "award = \"open { brace\"\n"              // 13: braces
                           "google_scholar_id = \"has space\"\n"     // 14
                           "key = \"benton 2024\"\n"                 // 15
                           "et_al = \"\"\n"                          // 16
                           "bibtex_show = \"yes\"\n";                // 17: not a boolean
  auto cfg = parse(text);
  ASSERT_FALSE(cfg);
  const std::string& m = cfg.error().message;
  EXPECT_THAT(m, HasSubstr("test.toml:11: key `paper[1].html`: expected an http:// or https:// address"));
  EXPECT_THAT(m, HasSubstr("test.toml:12: key `paper[1].poster`: expected a file name relative to al-folio's assets"));
  EXPECT_THAT(m, HasSubstr("test.toml:13: key `paper[1].award`: its braces { } do not balance"));
  EXPECT_THAT(m, HasSubstr("test.toml:14: key `paper[1].google_scholar_id`"));
  EXPECT_THAT(m, HasSubstr("test.toml:15: key `paper[1].key`: expected a citation key"));
  EXPECT_THAT(m, HasSubstr("test.toml:16: key `paper[1].et_al`"));
  EXPECT_THAT(m, HasSubstr("test.toml:17: key `paper[1].bibtex_show`"));
}

TEST(AlFolioConfig, TwoPapersWithOneKeyAreRefusedNamingTheFirst) {
  const std::string text = std::string(k_minimal) + "key = \"same\"\n\n[[paper]]\narxiv = \"2305.16860\"\nkey = \"same\"\n";
  auto cfg = parse(text);
  ASSERT_FALSE(cfg);
  EXPECT_THAT(cfg.error().message,
              HasSubstr("test.toml:13: key `paper[2].key`: key \"same\" is already the key of the paper at line 9"));
}

TEST(AlFolioConfig, OutputStyleKeysBelongToMarkdownOutputs) {
  std::string text = std::string(k_minimal);
  text.insert(text.find("\n[[paper]]"), "et_al = \", et al.\"\nrange_dash = \"\u2212\"\n");
  auto cfg = parse(text);
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->outputs[0].et_al, ", et al.");
  EXPECT_EQ(cfg->outputs[0].range_dash, "\u2212");

  std::string bad = std::string(k_minimal);
  bad.insert(bad.find("\n[[paper]]"), "range_dash = \"~\"\n\n[[output]]\nformat = \"bibtex\"\npath = \"p.bib\"\net_al = \" et al.\"\n");
  auto refused = parse(bad);
  ASSERT_FALSE(refused);
  EXPECT_THAT(refused.error().message, HasSubstr("test.toml:8: key `output[1].range_dash`: expected one of"));
  EXPECT_THAT(refused.error().message, HasSubstr("key `output[2].et_al`: only applies to format = \"markdown\""));
}

TEST(AlFolioConfig, FormattedTablesReadBackTheSame) {
  PaperTable t;
  t.arxiv = "2308.03686";
  t.key = "benton2024nearly";
  t.al_folio = {{"preview", "nearly.png"}, {"award", "Best \"paper\""}, {"annotation", "* Equal contribution"}};
  t.bibtex_show = true;
  t.abstract = true;
  t.et_al = ", et al.";
  const std::string text = append_table(std::string(k_minimal.substr(0, k_minimal.find("[[paper]]"))), format_paper_table(t));
  EXPECT_THAT(text, HasSubstr("[[paper]]\narxiv = \"2308.03686\"\nkey = \"benton2024nearly\"\n"));
  auto cfg = parse(text);
  ASSERT_TRUE(cfg) << cfg.error().message << "\n" << text;
  const Paper& p = cfg->papers.front();
  EXPECT_EQ(p.citation_key, t.key);
  EXPECT_EQ(p.al_folio, t.al_folio);
  EXPECT_EQ(p.bibtex_show, std::optional<bool>(true));
  EXPECT_TRUE(p.abstract);
  EXPECT_EQ(p.et_al, t.et_al);
}

// `add --after/--before`: the new table lands next to the named one, one
// blank line either side, every other byte as it was.
TEST(ConfigEditPlace, InsertsBeforeAndAfterATableWithItsComments) {
  const std::string text =
      "[profile]\nname = \"J\"\n\n# about A\n[[paper]]\narxiv = \"2308.03686\"\n\n[[paper]]\narxiv = \"2305.16860\"\n";
  const std::string table = "[[paper]]\narxiv = \"2401.00001\"\n";
  auto before = insert_table(text, 5, Place::before, table);
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_EQ(*before, "[profile]\nname = \"J\"\n\n[[paper]]\narxiv = \"2401.00001\"\n\n# about A\n[[paper]]\narxiv = "
                     "\"2308.03686\"\n\n[[paper]]\narxiv = \"2305.16860\"\n");
  auto after = insert_table(text, 5, Place::after, table);
  ASSERT_TRUE(after);
  EXPECT_EQ(*after, "[profile]\nname = \"J\"\n\n# about A\n[[paper]]\narxiv = \"2308.03686\"\n\n[[paper]]\narxiv = "
                    "\"2401.00001\"\n\n[[paper]]\narxiv = \"2305.16860\"\n");
  auto last = insert_table(text, 8, Place::after, table);
  ASSERT_TRUE(last);
  EXPECT_EQ(*last, text + "\n" + table);
  EXPECT_FALSE(insert_table(text, 6, Place::after, table)) << "no header on line 6";
  // Removing what was inserted gives the text back.
  auto removed = remove_table(*after, 8);
  ASSERT_TRUE(removed);
  EXPECT_EQ(*removed, text);
}

}  // namespace
}  // namespace scholard::config
