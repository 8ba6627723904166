// The per-paper keys that keep a page's text over the sources': month,
// author_names (and pages, kept as written), their errors with file:line,
// how `describe` counts them, and how the [[paper]] writer writes them.
#include <gmock/gmock.h>

#include "config/edit.hpp"
#include "config_test_support.hpp"

namespace scholard::config {
namespace {
using ::testing::HasSubstr;

std::string paper(const std::string& keys) { return std::string(k_minimal) + keys; }

std::string error_of(const std::string& text) {
  auto r = parse(text);
  return r ? std::string("parsed") : r.error().message;
}

TEST(KeptTextKeys, MonthAsANumberOrAName) {
  for (const char* value : {"2", "\"February\"", "\"feb\"", "\"Feb.\"", "\"2\""}) {
    auto cfg = parse(paper(std::string("month = ") + value + "\n"));
    ASSERT_TRUE(cfg) << value << ": " << cfg.error().message;
    EXPECT_EQ(cfg->papers[0].month, 2) << value;
  }
}

TEST(KeptTextKeys, BadMonthsNameTheLine) {
  EXPECT_THAT(error_of(paper("month = 13\n")),
              HasSubstr("test.toml:11: key `paper[1].month`: expected a month from 1 to 12 or its English name"));
  EXPECT_THAT(error_of(paper("month = \"Febuary\"\n")), HasSubstr("found \"Febuary\""));
  EXPECT_THAT(error_of(paper("month = true\n")), HasSubstr("key `paper[1].month`"));
}

TEST(KeptTextKeys, DateGivesYearAndMonth) {
  for (const char* value : {"\"2024-02\"", "\"2024-02-20\""}) {
    auto cfg = parse(paper(std::string("date = ") + value + "\n"));
    ASSERT_TRUE(cfg) << value << ": " << cfg.error().message;
    EXPECT_EQ(cfg->papers[0].year, 2024) << value;
    EXPECT_EQ(cfg->papers[0].month, 2) << value;
  }
  auto agree = parse(paper("year = 2024\nmonth = \"February\"\ndate = \"2024-02\"\n"));
  ASSERT_TRUE(agree) << agree.error().message;
  EXPECT_THAT(error_of(paper("year = 2023\ndate = \"2024-02\"\n")),
              HasSubstr("key `paper[1].date`: \"2024-02\" disagrees with this paper's year or month"));
  for (const char* bad : {"\"2024-13\"", "\"2024\"", "\"Feb 2024\"", "\"2024-2\"", "\"2024-02-1\""}) {
    EXPECT_THAT(error_of(paper(std::string("date = ") + bad + "\n")), HasSubstr("key `paper[1].date`: expected a year and month"))
        << bad;
  }
}

TEST(KeptTextKeys, AuthorNames) {
  auto cfg = parse(paper("author_names = { \"Marvin Li\" = \"Meihua Li\", \"J. Benton\" = \"Joe  Benton\" }\n"));
  ASSERT_TRUE(cfg) << cfg.error().message;
  const auto& names = cfg->papers[0].author_names;
  ASSERT_EQ(names.size(), 2u);  // in TOML's key order (sorted), not as written: no rule depends on it
  EXPECT_EQ(names[0], (std::pair<std::string, std::string>{"J. Benton", "Joe Benton"}));
  EXPECT_EQ(names[1], (std::pair<std::string, std::string>{"Marvin Li", "Meihua Li"}));
}

TEST(KeptTextKeys, BadAuthorNamesNameTheLine) {
  EXPECT_THAT(error_of(paper("author_names = { \"Marvin Li\" = 3 }\n")),
              HasSubstr("test.toml:11: key `paper[1].author_names.\"Marvin Li\"`: expected the name as your page "
                        "writes it, such as \"Meihua Li\", found an integer"));
  EXPECT_THAT(error_of(paper("author_names = { \"Marvin Li\" = \" \" }\n")), HasSubstr("both non-empty"));
  EXPECT_THAT(error_of(paper("author_names = \"Meihua Li\"\n")), HasSubstr("key `paper[1].author_names`"));
}

TEST(KeptTextKeys, PagesAreKeptAsWritten) {
  auto cfg = parse(paper("pages = \"1−83\"\n"));
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->papers[0].pages, "1−83");
}

TEST(KeptTextKeys, DescribeCountsThem) {
  auto cfg = parse(paper("title = \"T\"\nmonth = 2\npages = \"1−83\"\nauthor_names = { \"A\" = \"B\" }\n"));
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_THAT(describe(*cfg),
              HasSubstr("  your text kept over the sources': 1 title, 1 month, 1 author name, 1 page range\n"));
}

TEST(KeptTextKeys, WrittenSoTheyParseBack) {
  PaperTable t;
  t.arxiv = "2305.16860";
  t.month = 2;
  t.author_names = {{"Marvin \"M\" Li", "Meihua Li"}};
  const std::string text = format_paper_table(t);
  EXPECT_THAT(text, HasSubstr("month = \"February\"\n"));
  EXPECT_THAT(text, HasSubstr("author_names = { \"Marvin \\\"M\\\" Li\" = \"Meihua Li\" }\n"));
  std::string config(k_minimal);
  config.resize(config.find("[[paper]]"));
  auto cfg = parse(config + text);
  ASSERT_TRUE(cfg) << cfg.error().message;
  EXPECT_EQ(cfg->papers[0].month, 2);
  EXPECT_EQ(cfg->papers[0].author_names[0].first, "Marvin \"M\" Li");
}

}  // namespace
}  // namespace scholard::config
