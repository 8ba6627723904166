// content_hash: the label and the value of XXH3 (xxHash's reference values).
#include "fetchers/fetch_result.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

namespace scholard::fetchers {
namespace {

TEST(ContentHash, IsXxh3LabelledInLowerCaseHex) {
  EXPECT_EQ(content_hash(""), "xxh3:2d06800538d394c2");
  EXPECT_EQ(content_hash("abc"), "xxh3:78af5f94892f3950");
}

// XXH3_64bits values (libxxhash's portable entry point) of inputs long
// enough for each of its code paths, vector loops included: content_hash
// computes them with whatever vector code the CPU allows.
TEST(ContentHash, IsXxh3AtEveryLength) {
  const std::pair<std::size_t, std::string_view> expected[] = {
      {0, "2d06800538d394c2"},   {3, "7ea47a004f34273c"},    {16, "ec7e9f42329747ec"},
      {17, "fe6ca1a3c79368b7"},  {128, "488731c46e7c4433"},  {129, "0154ac1cff7241e3"},
      {240, "d36175e319551373"}, {241, "eaa0c1d4440d92d3"},  {1000, "07eca4cf59b8c3f1"},
      {1024, "cef69b6ea9af189e"}, {4096, "983848b1d5b862d4"}, {100000, "ba2bc4513dd8610e"},
  };
  for (const auto& [length, hex] : expected) {
    std::string bytes(length, '\0');
    for (std::size_t k = 0; k < length; ++k) bytes[k] = static_cast<char>('a' + (k * 7 + k / 13) % 26);
    EXPECT_EQ(content_hash(bytes), "xxh3:" + std::string(hex)) << length << " bytes";
  }
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
