// Text edits of the config file (config/edit.hpp): tables are found where the
// TOML puts them, and add/remove leave every other byte alone.
#include "config/edit.hpp"

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "config_test_support.hpp"

namespace scholard::config {
namespace {

std::string example_config() {
  std::ifstream in(std::string(SCHOLARD_SOURCE_DIR) + "/config/scholard.example.toml", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

constexpr std::string_view k_tricky = R"(# header comment

[profile]
name = "Joe"   # [[paper]] in a comment is not a header
contact = "a@b.org"

# about the first paper
[[paper]]
arxiv = "2308.03686"
authors = [
  "A",
  # a comment inside the array
  "B",
]
# trailing note on the first paper

# ---- a separator that belongs to nobody

# about the second paper
[[paper]]
title = """
[[paper]]
not a header: inside a multi-line string
"""
)";

TEST(ConfigEdit, FindsTablesAndWhatTheyOwn) {
  auto tables = find_tables(k_tricky);
  ASSERT_EQ(tables.size(), 3u);
  EXPECT_EQ(tables[0].name, "profile");
  EXPECT_FALSE(tables[0].array);
  EXPECT_EQ(tables[1].name, "paper");
  EXPECT_TRUE(tables[1].array);
  EXPECT_EQ(tables[1].header_line, 8);
  EXPECT_EQ(tables[1].first_line, 7) << "the comment directly above";
  EXPECT_EQ(tables[1].last_line, 15) << "the trailing note, not the separator";
  EXPECT_EQ(tables[2].header_line, 20);
  EXPECT_EQ(tables[2].first_line, 19);
  EXPECT_EQ(tables[2].last_line, 24);
}

TEST(ConfigEdit, RemoveCutsOneTableAndOneBlankLine) {
  auto out = remove_table(k_tricky, 8);
  ASSERT_TRUE(out) << out.error().message;
  const std::string expected = std::string(k_tricky.substr(0, k_tricky.find("# about the first"))) +
                               std::string(k_tricky.substr(k_tricky.find("# ---- a separator")));
  EXPECT_EQ(*out, expected);
  auto last = remove_table(k_tricky, 20);
  ASSERT_TRUE(last);
  EXPECT_EQ(*last, std::string(k_tricky.substr(0, k_tricky.find("\n# about the second"))));
  EXPECT_FALSE(remove_table(k_tricky, 9)) << "no header on line 9";
}

TEST(ConfigEdit, AppendThenRemoveGivesTheBytesBack) {
  const std::string original = example_config();
  PaperTable t;
  t.comments = {"added by a test", "second line"};
  t.arxiv = "2401.00001";
  t.venue = "A \"quoted\" venue\\";
  t.year = 2024;
  const std::string added = append_table(original, format_paper_table(t));
  auto cfg = parse_config(added, "example.toml", "/srv/cfg", test_env());
  ASSERT_TRUE(cfg) << cfg.error().message;
  ASSERT_EQ(cfg->papers.size(), 17u);
  EXPECT_EQ(cfg->papers.back().venue, "A \"quoted\" venue\\");
  EXPECT_EQ(added.substr(0, original.size()), original);
  auto removed = remove_table(added, cfg->papers.back().line);
  ASSERT_TRUE(removed);
  EXPECT_EQ(*removed, original);
}

TEST(ConfigEdit, RemovingEachExamplePaperLeavesTheRestParsing) {
  const std::string original = example_config();
  auto cfg = parse_config(original, "example.toml", "/srv/cfg", test_env());
  ASSERT_TRUE(cfg) << cfg.error().message;
  for (const Paper& p : cfg->papers) {
    auto out = remove_table(original, p.line);
    ASSERT_TRUE(out) << p.line;
    auto again = parse_config(*out, "example.toml", "/srv/cfg", test_env());
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->papers.size(), cfg->papers.size() - 1);
    for (const Paper& q : again->papers) EXPECT_NE(q.key().empty() ? q.title : q.key(), p.key().empty() ? p.title : p.key());
    EXPECT_EQ(again->outputs.size(), cfg->outputs.size());
  }
  // The Many-shot entry's comments above its header go with it, nothing else.
  const Paper& manual = cfg->papers[8];
  ASSERT_TRUE(manual.is_manual());
  auto out = remove_table(original, manual.line);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->find("No arXiv id and no DOI: a manual entry"), std::string::npos);
  EXPECT_NE(out->find("# From Denoising Diffusions to Denoising Markov Models"), std::string::npos);
  EXPECT_NE(out->find("# ---------------------------------------------------------------- papers, 2024"), std::string::npos);
}

TEST(ConfigEdit, FormatsPaperTablesAsValidToml) {
  PaperTable t;
  t.title = "Tab\there \"and\" newline\nend";
  for (int i = 0; i < 12; ++i) t.authors.push_back("Author Number " + std::to_string(i));
  t.authors.emplace_back("others");
  t.url = "https://example.org/a";
  t.max_authors = 3;
  t.selected = true;
  t.abbr = "ICLR";
  t.pdf = "a.pdf";
  t.code = "https://github.com/x/y";
  const std::string text = format_paper_table(t);
  EXPECT_NE(text.find("selected = true\nabbr = \"ICLR\"\npdf = \"a.pdf\"\ncode = \"https://github.com/x/y\"\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.substr(0, 10), "[[paper]]\n");
  EXPECT_NE(text.find("\n           \"Author"), std::string::npos) << "long lists wrap under the bracket";
  auto cfg = parse_config(std::string(k_minimal) + "\n" + text, "t.toml", "/srv", test_env());
  ASSERT_TRUE(cfg) << cfg.error().message << "\n" << text;
  EXPECT_EQ(cfg->papers.back().title, "Tab here \"and\" newline end");  // parse_config collapses whitespace
  EXPECT_EQ(cfg->papers.back().authors.size(), 13u);
  EXPECT_TRUE(cfg->papers.back().selected);
  EXPECT_EQ(cfg->papers.back().code, "https://github.com/x/y");
  EXPECT_EQ(toml_quote("a\x01"), "\"a\\u0001\"");
}

TEST(ConfigEdit, AppendAddsTheMissingNewlineAndOneBlankLine) {
  EXPECT_EQ(append_table("a = 1", "[t]\n"), "a = 1\n\n[t]\n");
  EXPECT_EQ(append_table("a = 1\n\n", "[t]\n"), "a = 1\n\n[t]\n");
  EXPECT_EQ(append_table("", "[t]\n"), "[t]\n");
  EXPECT_EQ(line_of("a\nb\nc", 4), 3);
}

}  // namespace
}  // namespace scholard::config
