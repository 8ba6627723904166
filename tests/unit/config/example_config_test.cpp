// config/scholard.example.toml (the seed researcher's page as a config) must
// stay valid, and describe() must summarise it.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config.hpp"
#include "config_test_support.hpp"

namespace scholard::config {
namespace {

using testing::HasSubstr;

std::filesystem::path example_path() {
  return std::filesystem::path(SCHOLARD_SOURCE_DIR) / "config" / "scholard.example.toml";
}

TEST(ExampleConfig, ParsesWithSixteenPapersInPageOrder) {
  auto config = load_config(example_path(), test_env());
  ASSERT_TRUE(config) << config.error().message;
  const Config& c = *config;
  ASSERT_EQ(c.papers.size(), 16u);
  // research-2025.md's order; "" is the manual entry (Many-shot Jailbreaking).
  const std::vector<std::string> page_order = {
      "2506.15740", "2505.05410", "2507.14417", "2507.11473", "2506.22777", "2501.18837",
      "2410.21514", "2407.15211", "",           "2211.03595", "2308.03686", "2305.16860",
      "2210.06226", "2310.07837", "2205.14987", "2210.01892"};
  for (std::size_t i = 0; i < page_order.size(); ++i) EXPECT_EQ(c.papers[i].key(), page_order[i]) << i;
  EXPECT_EQ(c.papers[8].title, "Many-shot Jailbreaking");
  EXPECT_TRUE(c.papers[8].is_manual());
  EXPECT_TRUE(c.papers[8].authors_truncated());
  EXPECT_EQ(c.papers[9].doi->value, "10.1093/jrsssb/qkae005");
  EXPECT_EQ(c.papers[9].arxiv->id, "2211.03595");
  EXPECT_EQ(c.papers[15].key(), "2210.01892");
  EXPECT_EQ(c.profile.name, "Joe Benton");
  EXPECT_EQ(c.profile.contact, "scholard-demo@example.org");
  const std::filesystem::path dir = example_path().parent_path().lexically_normal();
  const std::filesystem::path root = dir.parent_path();
  EXPECT_EQ(c.store.path, root / "var" / "scholard.db");
  ASSERT_EQ(c.outputs.size(), 4u);
  EXPECT_EQ(c.outputs[0].format, OutputFormat::markdown);
  EXPECT_EQ(c.outputs[0].path, root / "examples/site/_pages/research.md");
  EXPECT_EQ(c.outputs[1].format, OutputFormat::bibtex);
  EXPECT_EQ(c.outputs[2].format, OutputFormat::academicpages);
  EXPECT_EQ(c.outputs[3].format, OutputFormat::json);
  EXPECT_FALSE(c.discover.enabled);
  EXPECT_TRUE(c.hook.on_change.empty());
}

TEST(ExampleConfig, CarriesTheOverridesThePageNeeds) {
  auto config = load_config(example_path(), test_env());
  ASSERT_TRUE(config) << config.error().message;
  auto find = [&](std::string_view key) -> const Paper& {
    for (const Paper& p : config->papers) {
      if (p.key() == key) return p;
    }
    ADD_FAILURE() << "no paper " << key;
    return config->papers.front();
  };
  EXPECT_EQ(find("2308.03686").venue, "International Conference on Learning Representations");
  EXPECT_EQ(find("2308.03686").year, 2024);
  EXPECT_EQ(find("2305.16860").venue, "Transactions on Machine Learning Research");
  EXPECT_EQ(find("2205.14987").url.rfind("https://papers.nips.cc/", 0), 0u);
  const Paper& jmlr = find("2210.06226");
  EXPECT_EQ(jmlr.volume, "24");
  EXPECT_EQ(jmlr.issue, "243");
  EXPECT_EQ(jmlr.pages, "1\u221283");
  EXPECT_EQ(jmlr.equal_contribution, (std::vector<std::string>{"Joe Benton", "Yuyang Shi"}));
  EXPECT_EQ(find("2507.11473").max_authors, 14);
  EXPECT_EQ(find("2410.21514").max_authors, 10);
  EXPECT_EQ(find("2501.18837").url, "https://www.anthropic.com/research/constitutional-classifiers");
}

TEST(Describe, SummarisesTheExample) {
  auto config = load_config(example_path(), test_env());
  ASSERT_TRUE(config) << config.error().message;
  const std::string text = describe(*config);
  EXPECT_THAT(text, HasSubstr("profile: Joe Benton (also Joseph Benton, J. Benton), contact scholard-demo@example.org\n"));
  EXPECT_THAT(text, HasSubstr("papers: 16 (15 arXiv, 1 DOI, 1 manual, 0 hidden)\n"));
  EXPECT_THAT(text, HasSubstr("  markdown      " + (config->dir.parent_path() / "examples/site/_pages/research.md").string() +
                              " (at most 15 authors)\n"));
  EXPECT_THAT(text, HasSubstr("  academicpages " + (config->dir.parent_path() / "examples/site/_publications").string()));
  EXPECT_THAT(text, HasSubstr("store: " + (config->dir.parent_path() / "var/scholard.db").string() + "\n"));
  EXPECT_THAT(text, HasSubstr("arXiv            https://export.arxiv.org/api/query (one request per 3s, 100 ids per request)"));
  EXPECT_THAT(text, HasSubstr("Crossref         https://api.crossref.org (50 ids per request, 3 requests in flight)"));
  EXPECT_THAT(text, HasSubstr("Semantic Scholar https://api.semanticscholar.org/graph/v1 (one request per 1s)"));
  EXPECT_THAT(text, HasSubstr("schedule: papers refreshed every 1d, checked every 6h (jitter 10m)\n"));
  EXPECT_THAT(text, HasSubstr("discover: off\n"));
  EXPECT_THAT(text, HasSubstr("hook: none\n"));
}

TEST(Describe, SummarisesDiscoverAndHook) {
  auto config = load_config(data_path("full.toml"), test_env());
  ASSERT_TRUE(config) << config.error().message;
  const std::string text = describe(*config);
  EXPECT_THAT(text, HasSubstr("papers: 5 (4 arXiv, 1 DOI, 1 manual, 1 hidden)\n"));
  EXPECT_THAT(text, HasSubstr(", ORCID 0000-0002-1825-0097,"));
  EXPECT_THAT(text, HasSubstr("(at most 10 authors, grouped by year, template "));
  EXPECT_THAT(text, HasSubstr("discover: arXiv query au:Benton_J, Crossref works with the profile's ORCID, every 2d, "
                              "accepted automatically\n"));
  EXPECT_THAT(text, HasSubstr("hook: bundle exec jekyll build (timeout 5m)\n"));
}

}  // namespace
}  // namespace scholard::config
