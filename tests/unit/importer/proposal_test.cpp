// Proposals as config text: they parse, carry where they came from, and the
// duplicate rule (same arXiv id / DOI, or folded title for manual entries).
#include <string>

#include <gtest/gtest.h>

#include "config/config.hpp"
#include "config/edit.hpp"
#include "importer/import.hpp"
#include "importer/starter_config.hpp"

namespace scholard::importer {
namespace {

constexpr std::string_view k_base = R"([profile]
name = "Joe Benton"
contact = "someone@example.org"

[[output]]
format = "markdown"
path = "research.md"

[[paper]]
arxiv = "2308.03686"

[[paper]]
title = "Many-shot   Jailbreaking"
)";

config::Environment env() {
  config::Environment e;
  e.variables = {{"HOME", "/home/tester"}};
  e.cwd = "/work";
  return e;
}

const std::string k_page =
    "## Publications\n\n"
    "[Nearly d-Linear](https://arxiv.org/abs/2308.03686v2). **Joe Benton**, B. _ICLR_, 2024.\n\n"
    "[Many-shot jailbreaking!](https://www.anthropic.com/research/many-shot-jailbreaking). A, **Joe Benton** et al. "
    "_Anthropic Blog_, 2024.\n\n"
    "[New \"quoted\" \\\\ title](https://doi.org/10.1093/jrsssb/qkae005). **Joe Benton**. _JRSSB_, 86(2):286−301, 2024.\n\n"
    "[Again](https://arxiv.org/pdf/2308.03686). **Joe Benton**. _arXiv preprint_, 2023.\n";

TEST(Proposals, DuplicatesOfTheConfigAndOfEachOtherAreSkipped) {
  auto cfg = config::parse_config(k_base, "c.toml", "/srv", env());
  ASSERT_TRUE(cfg) << cfg.error().message;
  auto r = import_text(k_page, "p.md");
  ASSERT_TRUE(r) << r.error().message;
  Selection s = select_new(r->proposals, KnownPapers(cfg->papers));
  ASSERT_EQ(s.fresh.size(), 1u);
  EXPECT_EQ(s.fresh[0].doi->value, "10.1093/jrsssb/qkae005");
  ASSERT_EQ(s.duplicates.size(), 3u);
  EXPECT_EQ(s.duplicates[0].second, 9) << "arXiv id, versioned link";
  EXPECT_EQ(s.duplicates[1].second, 12) << "manual entry, folded title";
  EXPECT_EQ(s.duplicates[2].second, 9) << "arXiv PDF link of the same paper";
}

TEST(Proposals, FormattedEntriesParseAndSayWhereTheyCameFrom) {
  auto r = import_text(k_page, "p.md");
  ASSERT_TRUE(r);
  const std::string text = format_proposals(r->proposals, "p.md");
  EXPECT_NE(text.find("# p.md:3, certain: arXiv abs link\n# Nearly d-Linear\n[[paper]]\narxiv = \"2308.03686\"\n"
                      "venue = \"ICLR\"\nyear = 2024\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("# p.md:5, manual entry: no arXiv or DOI link (blog post)\n[[paper]]\n"
                      "title = \"Many-shot jailbreaking!\"\nauthors = [\"A\", \"Joe Benton\", \"others\"]\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("# New \"quoted\" \\ title\n"), std::string::npos) << text;
  // Only the first and last arXiv entries collide; keep one so the rest parse.
  std::vector<Proposal> unique(r->proposals.begin(), r->proposals.end() - 1);
  const std::string config_text =
      config::append_table("[profile]\nname = \"J\"\ncontact = \"j@example.org\"\n[[output]]\nformat = \"markdown\"\npath = \"r.md\"\n",
                           format_proposals(unique, "p.md"));
  auto cfg = config::parse_config(config_text, "c.toml", "/srv", env());
  ASSERT_TRUE(cfg) << cfg.error().message << "\n" << config_text;
  ASSERT_EQ(cfg->papers.size(), 3u);
  EXPECT_EQ(cfg->papers[1].authors.back(), "others");
  EXPECT_EQ(cfg->papers[2].doi->value, "10.1093/jrsssb/qkae005");
}

TEST(StarterConfig, ExampleHeaderSectionsPointedAtThePage) {
  const std::string text = starter_config(example_config_text(), "Ada \"The\" Lovelace", "site/_pages/research.md", "research.md");
  auto cfg = config::parse_config(text, "new.toml", "/srv/site", env());
  ASSERT_TRUE(cfg) << cfg.error().message << "\n" << text;
  EXPECT_EQ(cfg->profile.name, "Ada \"The\" Lovelace");
  EXPECT_TRUE(cfg->profile.aliases.empty());
  ASSERT_EQ(cfg->outputs.size(), 1u);
  EXPECT_EQ(cfg->outputs[0].format, config::OutputFormat::markdown);
  EXPECT_EQ(cfg->outputs[0].path, "/srv/site/site/_pages/research.md");
  EXPECT_TRUE(cfg->papers.empty());
  EXPECT_EQ(cfg->sources.arxiv.min_interval, std::chrono::seconds(3));
  // Comments of the example survive, the comment column too.
  EXPECT_NE(text.find("min_interval = \"3s\"                         # arXiv's terms"), std::string::npos) << text;
  EXPECT_NE(text.find("path          = \"site/_pages/research.md\"\n"), std::string::npos) << text;
  // The example's range_dash is its researcher's style: shown, not set.
  EXPECT_NE(text.find("\n# range_dash    = \""), std::string::npos) << text;
  EXPECT_EQ(cfg->outputs[0].range_dash, "");
}

TEST(StarterConfig, ReplaceValueKeepsCommentColumn) {
  EXPECT_EQ(replace_value("a = \"x\"        # note\nb = 1", "a", "\"yy\""), "a = \"yy\"       # note\nb = 1");
  EXPECT_EQ(replace_value("a = \"x\" # note", "a", "\"longer\""), "a = \"longer\"  # note");
  EXPECT_EQ(replace_value("ab = 1\n", "a", "2"), "ab = 1\n");
}

}  // namespace
}  // namespace scholard::importer
