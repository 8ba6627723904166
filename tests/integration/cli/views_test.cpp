// `list`, `show` and `status` show what the page shows (issue 26): the
// merged record with the config's overrides (a year the [[paper]] sets, a
// manual entry's own), whole titles, the config's order; `status` lists
// `render` runs and says how many more fetches are due than it shows.
#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include "support/seed_site.hpp"

namespace scholard::testing {
namespace {
using ::testing::HasSubstr;
using ::testing::Not;

// The paper keys at the start of `list`'s lines, in order.
std::vector<std::string> listed_keys(const std::string& list) {
  std::vector<std::string> keys;
  const std::regex line(R"((^|\n)(\S+)  (\d{4}|----)  )");
  for (auto it = std::sregex_iterator(list.begin(), list.end(), line); it != std::sregex_iterator(); ++it) {
    keys.push_back((*it)[2].str());
  }
  return keys;
}

// Whether `text` holds a match of `pattern` (ECMAScript: "\\n" is a newline).
::testing::AssertionResult has_match(const std::string& text, const std::string& pattern) {
  if (std::regex_search(text, std::regex(pattern))) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no match of " << pattern << " in:\n" << text;
}

// The `list` line of paper `key` ("" when absent).
std::string line_of(const std::string& list, const std::string& key) {
  const auto at = list.find(key + "  ");
  if (at == std::string::npos) return "";
  return list.substr(at, list.find('\n', at) - at);
}

class Views : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(m_site.start_server(error)) << error;
    auto sync = m_site.scholard({"sync"});
    ASSERT_EQ(sync.exit_code, 0) << sync.err;
  }
  SeedSite m_site;
};

TEST_F(Views, ListShowsThePageInConfigOrderWithOverridesAndWholeTitles) {
  auto list = m_site.scholard({"list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  // arXiv dates 2308.03686 in 2023; the config says 2024, and so does the page.
  EXPECT_THAT(line_of(list.out, "2308.03686"), HasSubstr("  2024  ")) << list.out;
  // A manual entry: its own year and title.
  EXPECT_TRUE(has_match(list.out, R"(\n\S+  2024  Many-shot Jailbreaking -- Advances in Neural)"));
  // A title longer than 80 characters, whole.
  EXPECT_THAT(list.out, HasSubstr("Constitutional Classifiers: Defending against Universal Jailbreaks across Thousands "
                                  "of Hours of Red Teaming"));
  // The config's order: its first paper first, its last last.
  const auto keys = listed_keys(list.out);
  ASSERT_GE(keys.size(), 10u) << list.out;
  EXPECT_EQ(keys.front(), "2506.15740");
  EXPECT_EQ(keys[1], "2505.05410");
  EXPECT_EQ(keys.back(), "2210.01892");
  const auto pos = [&keys](const std::string& k) { return std::find(keys.begin(), keys.end(), k) - keys.begin(); };
  EXPECT_LT(pos("2410.21514"), pos("2308.03686"));
  EXPECT_LT(pos("2308.03686"), pos("2210.06226"));

  // The JSON says the same.
  auto json = m_site.scholard({"list", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  simdjson::dom::parser parser;
  simdjson::dom::object doc;
  ASSERT_EQ(parser.parse(json.out).get(doc), simdjson::SUCCESS) << json.out;
  simdjson::dom::array papers;
  ASSERT_EQ(doc["papers"].get(papers), simdjson::SUCCESS);
  bool seen = false;
  for (auto paper : papers) {
    std::string_view key;
    ASSERT_EQ(paper["key"].get(key), simdjson::SUCCESS);
    if (key != "2308.03686") continue;
    std::int64_t year = 0;
    ASSERT_EQ(paper["year"].get(year), simdjson::SUCCESS);
    EXPECT_EQ(year, 2024);
    std::string_view venue;
    ASSERT_EQ(paper["venue"].get(venue), simdjson::SUCCESS);
    EXPECT_EQ(venue, "International Conference on Learning Representations");
    seen = true;
  }
  EXPECT_TRUE(seen) << json.out;
}

TEST_F(Views, ShowGivesTheMergedRecordWithTheOverride) {
  auto show = m_site.scholard({"show", "2308.03686"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const auto merged = show.out.find("merged (what the outputs show):");
  ASSERT_NE(merged, std::string::npos) << show.out;
  const std::string page = show.out.substr(merged);
  EXPECT_TRUE(has_match(page, R"(\n  year +2024  \[config\])"));
  EXPECT_THAT(page, HasSubstr("International Conference on Learning Representations  [config]")) << page;
  EXPECT_THAT(page, HasSubstr("Nearly d-Linear Convergence Bounds for Diffusion Models via Stochastic Localization"))
      << page;
}

TEST_F(Views, ShowGivesEachSourcesTitleWhole) {
  auto show = m_site.scholard({"show", "2501.18837"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, HasSubstr("    title: Constitutional Classifiers: Defending against Universal Jailbreaks "
                                  "across Thousands of Hours of Red Teaming\n"))
      << show.out;
}

TEST_F(Views, StatusListsRenderRunsAndSaysHowManyMoreAreDue) {
  auto render = m_site.scholard({"render"});
  ASSERT_EQ(render.exit_code, 0) << render.err;
  auto status = m_site.scholard({"status"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_TRUE(has_match(status.out, R"(\n  \S+  render  ok: 0 requests to arXiv, .*, 0 outputs written )"
                                    R"(\(render: outputs unchanged\)\n)"));
  EXPECT_TRUE(has_match(status.out, R"(\n  \S+  sync  ok: )"));
  // More is scheduled than the ten shown: the rest is counted.
  const auto due = status.out.find("Due next:\n");
  ASSERT_NE(due, std::string::npos) << status.out;
  EXPECT_TRUE(has_match(status.out.substr(due), R"(\n  and \d+ more\nFailing:)"));
  EXPECT_THAT(status.out, Not(HasSubstr("1 requests")));
  EXPECT_THAT(status.out, Not(HasSubstr("1 outputs")));

  simdjson::dom::parser parser;
  simdjson::dom::object doc;
  auto json = m_site.scholard({"status", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  ASSERT_EQ(parser.parse(json.out).get(doc), simdjson::SUCCESS) << json.out;
  std::int64_t total = 0;
  ASSERT_EQ(doc["due_total"].get(total), simdjson::SUCCESS) << json.out;
  simdjson::dom::array due_list;
  ASSERT_EQ(doc["due"].get(due_list), simdjson::SUCCESS);
  EXPECT_GT(total, static_cast<std::int64_t>(due_list.size()));
  simdjson::dom::array runs;
  ASSERT_EQ(doc["runs"].get(runs), simdjson::SUCCESS);
  ASSERT_GE(runs.size(), 2u);
  std::string_view newest;
  ASSERT_EQ(runs.at(0)["command"].get(newest), simdjson::SUCCESS);
  EXPECT_EQ(newest, "render");
}

}  // namespace
}  // namespace scholard::testing
