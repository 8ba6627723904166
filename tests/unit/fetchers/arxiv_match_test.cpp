// match_entries (feed → requested ids) and describe_changes.
#include "fetchers/arxiv_match.hpp"

#include <gtest/gtest.h>

#include "fake_http.hpp"

namespace scholard::fetchers {
namespace {

ArxivEntry entry(std::string id, int version, std::string title = "T") {
  ArxivEntry e;
  e.record.arxiv_id = std::move(id);
  e.record.arxiv_version = version;
  e.record.title = std::move(title);
  return e;
}

TEST(ArxivMatch, RecordedMultiIdResponseWithOneMissing) {
  auto feed = parse_arxiv_feed(testing::read_data("arxiv/idlist-0808.05394,1707.08567-multi-one-missing.xml"));
  ASSERT_TRUE(feed);
  // 0808.05394 passes arXiv's loose check but not ours (0808 ids have four
  // digits after the dot); 0808.0539 is well-formed and simply absent.
  auto matches = match_entries({"0808.05394", "1707.08567", "0808.0539"}, *feed);
  ASSERT_EQ(matches.size(), 3u);
  EXPECT_EQ(matches[0].requested, "0808.05394");
  EXPECT_EQ(matches[0].status, MatchStatus::invalid);
  EXPECT_EQ(matches[1].status, MatchStatus::found);
  EXPECT_EQ(matches[1].entry.record.arxiv_id, "1707.08567");
  EXPECT_EQ(matches[1].entry.raw_hash, feed->entries[0].raw_hash);
  EXPECT_EQ(matches[2].status, MatchStatus::not_found);
}

TEST(ArxivMatch, ByIdNotPositionWithDuplicatesAndOrder) {
  ArxivFeed feed;
  feed.entries = {entry("2308.03686", 2, "b"), entry("hep-th/9901001", 1, "a"), entry("2308.03686", 2, "b")};
  auto matches = match_entries({"hep-th/9901001", "arXiv:2308.03686", "https://arxiv.org/abs/2308.03686"}, feed);
  ASSERT_EQ(matches.size(), 3u);
  EXPECT_EQ(matches[0].entry.record.title, "a");
  EXPECT_EQ(matches[1].entry.record.title, "b");
  EXPECT_EQ(matches[2].status, MatchStatus::found);
  EXPECT_EQ(matches[1].requested, "arXiv:2308.03686");
}

TEST(ArxivMatch, MovingFromTheFeedGivesTheSameMatches) {
  ArxivFeed feed;
  feed.entries = {entry("2308.03686", 1, "v1"), entry("2308.03686", 3, "v3"), entry("hep-th/9901001", 1, "a")};
  feed.entries[1].raw_hash = "xxh3:0000000000000003";
  const std::vector<std::string> requested = {"2308.03686", "abc", "hep-th/9901001", "2308.03686v3",
                                              "2308.03686v2", "arXiv:2308.03686", "2308.03686v1"};
  const auto copied = match_entries(requested, feed);
  const auto moved = match_entries(requested, ArxivFeed(feed));
  ASSERT_EQ(moved.size(), copied.size());
  for (std::size_t i = 0; i < copied.size(); ++i) {
    EXPECT_EQ(moved[i].requested, copied[i].requested);
    EXPECT_EQ(moved[i].status, copied[i].status) << requested[i];
    EXPECT_EQ(moved[i].reason, copied[i].reason) << requested[i];
    EXPECT_EQ(moved[i].entry.record, copied[i].entry.record) << requested[i];
    EXPECT_EQ(moved[i].entry.raw_hash, copied[i].entry.raw_hash) << requested[i];
  }
  // Three requests take v3: each has all of it, the moved one included.
  EXPECT_EQ(moved[0].entry.record.title, "v3");
  EXPECT_EQ(moved[3].entry.record.title, "v3");
  EXPECT_EQ(moved[5].entry.raw_hash, "xxh3:0000000000000003");
}

// Entries are looked up by id in an index; among entries of one id the feed's
// order still decides: the first of the version asked for, the first of the
// highest version.
TEST(ArxivMatch, AmongEqualEntriesTheFirstInTheFeedWins) {
  ArxivFeed feed;
  feed.entries = {entry("2401.00003", 1, "c"),        entry("2308.03686", 2, "first v2"),
                  entry("hep-th/9901001", 1, "a"),    entry("2308.03686", 1, "v1"),
                  entry("2308.03686", 2, "second v2"), entry("1501.00001", 4, "d"),
                  entry("2308.03686", 2, "third v2")};
  auto matches = match_entries({"2308.03686", "2308.03686v2", "2308.03686v1", "1501.00001", "2401.00003",
                                "hep-th/9901001", "2308.03686v3", "0704.0001"},
                               feed);
  ASSERT_EQ(matches.size(), 8u);
  EXPECT_EQ(matches[0].entry.record.title, "first v2");
  EXPECT_EQ(matches[1].entry.record.title, "first v2");
  EXPECT_EQ(matches[2].entry.record.title, "v1");
  EXPECT_EQ(matches[3].entry.record.title, "d");
  EXPECT_EQ(matches[4].entry.record.title, "c");
  EXPECT_EQ(matches[5].entry.record.title, "a");
  EXPECT_EQ(matches[6].status, MatchStatus::not_found);
  EXPECT_EQ(matches[7].status, MatchStatus::not_found);
}

TEST(ArxivMatch, VersionedRequestsMatchOnlyThatVersion) {
  ArxivFeed feed;
  feed.entries = {entry("2308.03686", 1, "v1"), entry("2308.03686", 3, "v3")};
  auto matches = match_entries({"2308.03686v1", "2308.03686v2", "2308.03686", "2308.03686v3"}, feed);
  EXPECT_EQ(matches[0].entry.record.title, "v1");
  EXPECT_EQ(matches[1].status, MatchStatus::not_found);
  EXPECT_EQ(matches[2].entry.record.title, "v3");  // unversioned: the latest that came back
  EXPECT_EQ(matches[3].entry.record.title, "v3");
}

// A feed holding a paper nobody asked for answered another request than
// ours: the ids it leaves out are other_paper (a failed fetch), never
// not_found. Ids are compared without their version.
TEST(ArxivMatch, AnEntryOfAPaperNotAskedMakesTheMissingOnesOtherPaper) {
  ArxivFeed feed;
  feed.entries = {entry("1707.08567", 1, "foreign"), entry("2308.03686", 2, "asked")};
  auto matches = match_entries({"2308.03686v1", "2401.00001", "2308.03686"}, feed);
  ASSERT_EQ(matches.size(), 3u);
  // The paper asked is not foreign, whatever its version: v1 is simply missing...
  EXPECT_EQ(matches[0].status, MatchStatus::other_paper);
  EXPECT_EQ(matches[0].answered, (std::vector<std::string>{"1707.08567v1"}));
  EXPECT_EQ(matches[1].status, MatchStatus::other_paper);
  EXPECT_EQ(matches[1].answered, (std::vector<std::string>{"1707.08567v1"}));
  // ...and an id the feed does answer is still found.
  EXPECT_EQ(matches[2].status, MatchStatus::found);
  EXPECT_EQ(matches[2].entry.record.title, "asked");
}

TEST(ArxivMatch, OtherVersionsOfAPaperAskedAreNotAnotherPaper) {
  ArxivFeed feed;
  feed.entries = {entry("2308.03686", 3, "v3")};
  auto matches = match_entries({"2308.03686v1", "2401.00001"}, feed);
  EXPECT_EQ(matches[0].status, MatchStatus::not_found);
  EXPECT_EQ(matches[1].status, MatchStatus::not_found);
  EXPECT_TRUE(matches[1].answered.empty());
  // An empty feed says "none of these": not_found, as arXiv leaves out unknown ids.
  auto none = match_entries({"2401.00001"}, ArxivFeed{});
  EXPECT_EQ(none[0].status, MatchStatus::not_found);
}

TEST(ArxivMatch, InvalidRequestsSayWhy) {
  ArxivFeed feed;
  feed.entries = {entry("2308.03686", 1)};
  auto matches = match_entries({"abc", "2308.0368"}, feed);
  EXPECT_EQ(matches[0].status, MatchStatus::invalid);
  EXPECT_NE(matches[0].reason.find("abc"), std::string::npos);
  EXPECT_EQ(matches[1].status, MatchStatus::invalid);
  EXPECT_NE(matches[1].reason.find("digits"), std::string::npos);
}

TEST(DescribeChanges, NewVersionTitleDoiAndJournalRef) {
  core::Record before;
  before.arxiv_id = "2407.15211";
  before.arxiv_version = 1;
  before.title = "Failures to Find Transferable Image Jailbreaks";
  core::Record after = before;
  after.arxiv_version = 2;
  after.title = "Failures to Find Transferable Image Jailbreaks Between Vision-Language Models";
  after.doi = "10.1/x";
  after.journal_ref = "NeurIPS 2024";
  EXPECT_EQ(describe_changes(before, after),
            (std::vector<std::string>{
                "arXiv v2 (was v1)",
                "title changed: \"Failures to Find Transferable Image Jailbreaks\" -> \"Failures to Find "
                "Transferable Image Jailbreaks Between Vision-Language Models\"",
                "DOI added: 10.1/x",
                "journal reference added: NeurIPS 2024",
            }));
}

TEST(DescribeChanges, NothingInterestingGivesNothing) {
  core::Record before;
  before.arxiv_version = 3;
  before.summary = "old abstract";
  core::Record after = before;
  after.summary = "new abstract";
  after.comment = "12 pages";
  EXPECT_TRUE(describe_changes(before, after).empty());
  EXPECT_TRUE(describe_changes(before, before).empty());
}

TEST(DescribeChanges, RemovedDoiVenueAndNewRetraction) {
  core::Record before;
  before.doi = "10.1/old";
  before.venue = "Journal A";
  core::Record after = before;
  after.doi.clear();
  after.venue = "Journal B";
  after.updates.push_back({"retraction", "10.1/notice", "Retraction", {2024, 5, 0}});
  EXPECT_EQ(describe_changes(before, after),
            (std::vector<std::string>{"DOI removed (was 10.1/old)", "venue changed: Journal A -> Journal B",
                                      "new retraction notice: 10.1/notice (2024-05)"}));
}

TEST(DescribeChanges, FirstFetchReportsTheVersion) {
  core::Record before;
  core::Record after;
  after.arxiv_version = 3;
  EXPECT_EQ(describe_changes(before, after), (std::vector<std::string>{"arXiv v3"}));
}

}  // namespace
}  // namespace scholard::fetchers
