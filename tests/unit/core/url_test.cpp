#include "core/url.hpp"

#include <gtest/gtest.h>

namespace scholard::core {
namespace {

TEST(Url, PercentEncodeKeepsOnlyUnreservedBytes) {
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(percent_encode("10.1000/a b;c<d>#?&="), "10.1000%2Fa%20b%3Bc%3Cd%3E%23%3F%26%3D");
  EXPECT_EQ(percent_encode("J\xc3\xb6" "e"), "J%C3%B6e");
  EXPECT_EQ(percent_encode(""), "");
}

TEST(Url, PercentDecodeUndoesEncodeAndKeepsStrayPercents) {
  EXPECT_EQ(percent_decode("10.1101%2F2024.04.01.587366"), "10.1101/2024.04.01.587366");
  EXPECT_EQ(percent_decode("%3C598%3e"), "<598>");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%zz%4"), "%zz%4");
  const std::string text = "a b/c?d=\xc3\xa9%";
  EXPECT_EQ(percent_decode(percent_encode(text)), text);
}

TEST(Url, HostOfIsTheAuthorityAsWritten) {
  EXPECT_EQ(host_of("https://export.arxiv.org/api/query"), "export.arxiv.org");
  EXPECT_EQ(host_of("http://127.0.0.1:8080/graph/v1?x=1"), "127.0.0.1:8080");  // port kept
  EXPECT_EQ(host_of("https://user:pw@Api.Crossref.org#top"), "Api.Crossref.org");  // no user, case kept
  EXPECT_EQ(host_of("academic.oup.com/jrsssb"), "academic.oup.com");  // no scheme
  EXPECT_EQ(host_of("https://"), "");
}

}  // namespace
}  // namespace scholard::core
