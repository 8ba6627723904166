// Where `accept` writes a paper (discovery/placement.hpp): among its year's
// papers by month, at the top when its year is unknown, at the end when it
// is older than everything listed.
#include "discovery/placement.hpp"

#include <gtest/gtest.h>

namespace scholard::discovery {
namespace {

// Three 2025 papers (July, May, unknown month), one 2024, one 2022.
const std::vector<ListedPaper> k_listed = {
    {10, 2025, 7}, {20, 2025, 5}, {30, 2025, 0}, {40, 2024, 2}, {50, 2022, 0}};

TEST(Placement, ArxivIdsGiveTheMonthOfTheirYear) {
  EXPECT_EQ(arxiv_month("2507.11473", 2025), 7);
  EXPECT_EQ(arxiv_month("2308.03686", 2024), 0) << "published a year after v1: the id says nothing";
  EXPECT_EQ(arxiv_month("hep-th/9901001", 1999), 0);
  EXPECT_EQ(arxiv_month("2513.00001", 2025), 0);
}

TEST(Placement, AmongItsYearByMonthElseAtTheTopOrTheEnd) {
  EXPECT_EQ(place_before(k_listed, 2026, 1), 10) << "newer than everything: the top";
  EXPECT_EQ(place_before(k_listed, 2025, 8), 10);
  EXPECT_EQ(place_before(k_listed, 2025, 6), 20) << "after July, before May";
  EXPECT_EQ(place_before(k_listed, 2025, 0), 10) << "no month: first of its year";
  EXPECT_EQ(place_before(k_listed, 2023, 3), 50) << "between 2024 and 2022";
  EXPECT_EQ(place_before(k_listed, 2020, 1), std::nullopt) << "older than all: the end";
  EXPECT_EQ(place_before(k_listed, 0, 0), 10) << "year unknown: the top";
  EXPECT_EQ(place_before({}, 2025, 1), std::nullopt);
}

TEST(Placement, ListedYearsComeFromTheConfigThenTheStore) {
  config::Config cfg;
  config::Paper a;
  a.line = 5;
  a.arxiv = core::parse_arxiv_id("2507.11473").value();
  config::Paper b;
  b.line = 9;
  b.arxiv = core::parse_arxiv_id("2308.03686").value();
  b.year = 2024;
  cfg.papers = {a, b};
  store::PaperSummary s;
  s.key = "2507.11473";
  s.year = 2025;
  const auto listed = listed_papers(cfg, {s});
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].year, 2025);
  EXPECT_EQ(listed[0].month, 7);
  EXPECT_EQ(listed[1].year, 2024);
  EXPECT_EQ(listed[1].month, 0);
}

}  // namespace
}  // namespace scholard::discovery
