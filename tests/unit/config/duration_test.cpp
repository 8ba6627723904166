#include "config/duration.hpp"

#include <string>

#include <gtest/gtest.h>

namespace scholard::config {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

TEST(Duration, ParsesEveryUnit) {
  EXPECT_EQ(parse_duration("500ms").value(), milliseconds{500});
  EXPECT_EQ(parse_duration("3s").value(), seconds{3});
  EXPECT_EQ(parse_duration("90m").value(), minutes{90});
  EXPECT_EQ(parse_duration("6h").value(), hours{6});
  EXPECT_EQ(parse_duration("1d").value(), hours{24});
  EXPECT_EQ(parse_duration("2w").value(), hours{24 * 14});
  EXPECT_EQ(parse_duration("0s").value(), milliseconds{0});
}

TEST(Duration, ParsesCombinations) {
  EXPECT_EQ(parse_duration("1h30m").value(), minutes{90});
  EXPECT_EQ(parse_duration("1d12h").value(), hours{36});
  EXPECT_EQ(parse_duration("1s500ms").value(), milliseconds{1500});
}

TEST(Duration, RejectsBadSpellingsListingTheUnits) {
  const std::pair<const char*, const char*> cases[] = {
      {"3 seconds", "contains spaces"},
      {"", "it is empty"},
      {"-1s", "cannot be negative"},
      {"10x", "unknown unit \"x\""},
      {"3", "has no unit"},
      {"s", "a number must come before each unit"},
      {"1.5h", "fractions are not accepted"},
      {"3sec", "unknown unit \"sec\""},
      {"99999999999999999999s", "too large"},
      {"9999999999999999w", "too long"},
  };
  for (const auto& [text, reason] : cases) {
    SCOPED_TRACE(text);
    auto d = parse_duration(text);
    ASSERT_FALSE(d.has_value());
    EXPECT_EQ(d.error().code, core::ErrorCode::invalid_input);
    EXPECT_NE(d.error().message.find(reason), std::string::npos) << d.error().message;
    EXPECT_NE(d.error().message.find(k_duration_units), std::string::npos) << d.error().message;
  }
}

TEST(Duration, FormatsTheShortestExactSpelling) {
  EXPECT_EQ(format_duration(hours{24}), "1d");
  EXPECT_EQ(format_duration(minutes{90}), "1h30m");
  EXPECT_EQ(format_duration(milliseconds{1500}), "1s500ms");
  EXPECT_EQ(format_duration(milliseconds{0}), "0s");
  EXPECT_EQ(format_duration(hours{24 * 7}), "1w");
  for (const char* text : {"3s", "6h", "10m", "1h30m", "2w3d", "250ms"}) {
    EXPECT_EQ(format_duration(parse_duration(text).value()), text);
  }
}

}  // namespace
}  // namespace scholard::config
