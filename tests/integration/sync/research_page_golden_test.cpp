// The acceptance comparison of issue 23: from the example config (the seed
// researcher's) plus only the overrides a researcher would naturally write,
// `scholard sync` on the seed fixtures writes the hand-kept research-2025.md
// (tests/data/render/) entry for entry. The comparison normalises only what
// the page itself writes two ways without meaning anything by it: a venue in
// *asterisks* or _underscores_, and whitespace. Nothing else is forgiven: the
// entries that still differ are named below with the reason, and each must
// differ in exactly that way.
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/seed_site.hpp"

namespace scholard::testing {
namespace {

// The publication paragraphs of the hand-kept page.
std::vector<std::string> page_entries(const std::string& page) {
  std::vector<std::string> entries;
  const auto stop = page.find("<!-- ## Talks");
  for (auto at = page.find("## Publications\n"); at < stop;) {
    const auto nl = page.find('\n', at);
    const std::string line = page.substr(at, nl - at);
    if (line.rfind('[', 0) == 0) entries.push_back(line);
    at = nl + 1;
  }
  return entries;
}

// *x* and _x_ are the same emphasis; runs of whitespace are one space.
std::string normalised(const std::string& entry) {
  static const std::regex stars(R"(\*([^*\s][^*]*[^*\s]|[^*\s])\*)");
  static const std::regex space(R"(\s+)");
  // Bold (**x**) is kept apart from emphasis: protect it first.
  std::string s = entry;
  replace_all(s, "**", "\x01");
  s = std::regex_replace(s, stars, "_$1_");
  replace_all(s, "\x01", "**");
  s = std::regex_replace(s, space, " ");
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

// What a researcher writes for this page (user-guide.md, "Keeping the page's
// text"), as edits of config/scholard.example.toml: the v1 title of
// 2407.15211, the author name the page uses, TMLR's month, and the venue
// text the researcher gives 2210.01892 on every page they keep (research-2024,
// research-2025 and cv.md all write "arXiv preprint, arXiv:2210.01892"). The
// example config already carries the page's style (range_dash = U+2212 for
// the sources' page ranges, et_al = ", et al." where the page writes it) and
// max_authors where the page cuts the list, and no title pin for JRSSB: the
// title-case casing must win alone.
const std::vector<std::pair<std::string, std::string>> k_natural_overrides = {
    {"arxiv = \"2407.15211\"\n",
     "arxiv = \"2407.15211\"\ntitle = \"When Do Universal Image Jailbreaks Transfer Between Vision-Language Models?\"\n"},
    {"arxiv = \"2506.22777\"\n", "arxiv = \"2506.22777\"\nauthor_names = { \"Marvin Li\" = \"Meihua Li\" }\n"},
    {"arxiv = \"2305.16860\"\nvenue = \"Transactions on Machine Learning Research\"\nyear  = 2024\n",
     "arxiv = \"2305.16860\"\nvenue = \"Transactions on Machine Learning Research\"\ndate  = \"2024-02\"\n"},
    {"arxiv = \"2210.01892\"",
     "venue = \"arXiv preprint, arXiv:2210.01892\"\narxiv = \"2210.01892\""},
};

struct Difference {
  std::size_t entry;
  const char* page;      // in the page's entry (normalised)
  const char* scholard;  // what scholard writes instead
  const char* reason;
};

// The one entry no override reproduces: the hand-kept page skipped an author
// the source lists (the issue's accepted 16th).
const std::vector<Difference> k_remaining = {
    {3, "David Farhi, Dan Hendrycks, et al.", "David Farhi, Ryan Greenblatt, et al.",
     "the hand-kept page skips Ryan Greenblatt, the 14th of the 41 authors arXiv lists for 2507.11473"},
};

TEST(ResearchPageGolden, NaturalOverridesGiveTheResearchersOwnEntries) {
  SeedSiteOptions options;
  options.config_edits = k_natural_overrides;
  SeedSite site(options);
  const std::string config = slurp_file(site.config());
  ASSERT_EQ(config.find("title = \"From Denoising Diffusions"), std::string::npos) << "no title pin for JRSSB";
  for (const auto& [from, to] : k_natural_overrides) {
    if (!to.empty()) {
      ASSERT_NE(config.find(to), std::string::npos) << "the example config changed: " << from;
    }
  }
  std::string error;
  ASSERT_TRUE(site.start_server(error)) << error;
  const auto r = site.scholard({"sync"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;

  const auto ours = marked_entries(slurp_file(site.page()));
  const auto theirs = page_entries(slurp_file(std::string(SCHOLARD_TEST_DATA) + "/render/research-2025.md"));
  ASSERT_EQ(theirs.size(), 16u);
  ASSERT_EQ(ours.size(), theirs.size());
  int identical = 0;
  for (std::size_t i = 0; i < ours.size(); ++i) {
    std::string expected = normalised(theirs[i]);
    for (const Difference& d : k_remaining) {
      if (d.entry != i) continue;
      EXPECT_EQ(replace_all(expected, d.page, d.scholard), 1) << "entry " << i << ": " << d.reason;
    }
    EXPECT_EQ(normalised(ours[i]), expected) << "entry " << i;
    identical += normalised(ours[i]) == normalised(theirs[i]);
  }
  // 16 entries, 1 with a difference above: the other 15 are the page's own.
  EXPECT_EQ(identical, 15) << "entries identical to the page";
}

}  // namespace
}  // namespace scholard::testing
