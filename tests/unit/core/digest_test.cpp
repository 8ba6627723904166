// content_digest: "xxh3:" and XXH3-64 in hex (xxHash's reference values).
#include "core/digest.hpp"

#include <gtest/gtest.h>

namespace scholard::core {
namespace {

TEST(ContentDigest, LabelAndReferenceValues) {
  EXPECT_EQ(content_digest(""), "xxh3:2d06800538d394c2");
  EXPECT_EQ(content_digest("abc"), "xxh3:78af5f94892f3950");
  EXPECT_EQ(xxh3("abc"), 0x78af5f94892f3950ULL);
}

TEST(ContentDigest, DiffersWhenOneByteDoes) {
  std::string text(100'000, 'x');  // long enough for the vector code
  const std::string before = content_digest(text);
  text[54'321] = 'y';
  EXPECT_NE(content_digest(text), before);
  EXPECT_EQ(content_digest(text).size(), 21u);
}

}  // namespace
}  // namespace scholard::core
