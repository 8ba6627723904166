// content_hash: the label and the value of XXH3 (xxHash's reference values).
#include "fetchers/fetch_result.hpp"

#include <gtest/gtest.h>

#include <string>

namespace scholard::fetchers {
namespace {

TEST(ContentHash, IsXxh3LabelledInLowerCaseHex) {
  EXPECT_EQ(content_hash(""), "xxh3:2d06800538d394c2");
  EXPECT_EQ(content_hash("abc"), "xxh3:78af5f94892f3950");
}

TEST(ContentHash, TellsBodiesApartAndIsStable) {
  const std::string body(100'000, 'x');
  std::string changed = body;
  changed[50'000] = 'y';
  EXPECT_EQ(content_hash(body), content_hash(std::string(body)));
  EXPECT_NE(content_hash(body), content_hash(changed));
  EXPECT_EQ(content_hash(body).size(), 21u);
}

}  // namespace
}  // namespace scholard::fetchers
