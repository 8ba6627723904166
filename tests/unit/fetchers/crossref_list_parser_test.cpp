// The list route's answers (GET /works?filter=doi:...) on real recordings:
// parse_crossref_listed_works and classify_crossref_list_response.
#include <gtest/gtest.h>

#include <set>

#include "fake_http.hpp"
#include "fetchers/crossref_parser.hpp"
#include "fetchers/fetch_result.hpp"

namespace scholard::fetchers {
namespace {

using testing::read_data;

TEST(CrossrefListParser, EveryItemWithItsRecordAndTheHashOfItsOwnText) {
  const std::string body = read_data("crossref/list-works-sample10-mixed-types-markup.json");
  auto listed = parse_crossref_listed_works(body);
  ASSERT_TRUE(listed) << listed.error().message;
  auto plain = parse_crossref_work_list(body);
  ASSERT_TRUE(plain) << plain.error().message;
  ASSERT_EQ(listed->size(), 10u);
  ASSERT_EQ(plain->size(), 10u);
  std::set<std::string> hashes;
  for (std::size_t i = 0; i < listed->size(); ++i) {
    EXPECT_EQ((*listed)[i].record, (*plain)[i]) << i;  // the same mapping as every other Crossref answer
    EXPECT_TRUE((*listed)[i].raw_hash.starts_with("xxh3:")) << (*listed)[i].raw_hash;
    hashes.insert((*listed)[i].raw_hash);
  }
  EXPECT_EQ(hashes.size(), 10u);
  EXPECT_EQ((*listed)[0].record.doi, "10.1016/0160-4120(81)90073-8");
  EXPECT_EQ((*listed)[1].record.type, "posted-content");
  EXPECT_EQ((*listed)[2].record.type, "book-chapter");
}

TEST(CrossrefListParser, TheHashIsThatOfTheItemText) {
  // The one item of a sample=1 answer, cut out of the body by hand: from the
  // "items" array's "[" to its closing "]".
  const std::string body = read_data("crossref/list-works-sample1.json");
  const auto open = body.find("\"items\":[") + 9;
  const auto close = body.rfind("]", body.find("\"items-per-page\""));
  ASSERT_NE(close, std::string::npos);
  const std::string item = body.substr(open, close - open);
  auto listed = parse_crossref_listed_works(body);
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].raw_hash, content_hash(item));
  EXPECT_EQ((*listed)[0].record.doi, "10.1111/cep.1979.6.issue-5");
}

TEST(CrossrefListParser, AnEmptyListHasNoWorks) {
  auto listed = parse_crossref_listed_works(read_data("crossref/list-works-query-adfaaf-empty.json"));
  ASSERT_TRUE(listed) << listed.error().message;
  EXPECT_TRUE(listed->empty());
}

TEST(CrossrefListParser, ASingleWorkIsNotAList) {
  auto listed = parse_crossref_listed_works(read_data("crossref/work-10.1002_jor.1100150407.json"));
  ASSERT_FALSE(listed);
  EXPECT_EQ(listed.error().code, core::ErrorCode::invalid_input);
  EXPECT_NE(listed.error().message.find("'work', expected 'work-list'"), std::string::npos) << listed.error().message;
}

TEST(CrossrefListClassify, ByStatusThenByFirstByte) {
  const std::string list = read_data("crossref/list-works-sample10-mixed-types-markup.json");
  auto ok = classify_crossref_list_response(200, list);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->size(), 10u);

  auto html = classify_crossref_list_response(200, "<!DOCTYPE html><html><body><h1>Access denied</h1></body></html>");
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().code, core::ErrorCode::transient);
  EXPECT_NE(html.error().message.find("blocked"), std::string::npos) << html.error().message;
  EXPECT_NE(html.error().message.find("Access denied"), std::string::npos) << html.error().message;

  auto broken = classify_crossref_list_response(200, list.substr(0, list.size() / 2));
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().code, core::ErrorCode::invalid_input);

  // A list route answering 404 says nothing about any DOI: never not_found.
  auto gone = classify_crossref_list_response(404, read_data("crossref/error-404-works-blblbl.txt"));
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, core::ErrorCode::transient);

  EXPECT_EQ(classify_crossref_list_response(429, "").error().code, core::ErrorCode::rate_limited);
  EXPECT_EQ(classify_crossref_list_response(503, "<html>busy</html>").error().code, core::ErrorCode::transient);

  auto rejected = classify_crossref_list_response(400, read_data("crossref/error-400-validation-failure-sample200.json"));
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.error().code, core::ErrorCode::permanent);
  EXPECT_NE(rejected.error().message.find("validation-failure"), std::string::npos) << rejected.error().message;
}

}  // namespace
}  // namespace scholard::fetchers
