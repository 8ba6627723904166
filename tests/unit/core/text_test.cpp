#include "core/text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace scholard::core {
namespace {

TEST(Text, CollapseWhitespaceJoinsHardWrappedLines) {
  EXPECT_EQ(collapse_whitespace("  Measurement of\n      the Proton  Structure\t"), "Measurement of the Proton Structure");
  EXPECT_EQ(collapse_whitespace(""), "");
}

// The definition, byte by byte: runs of ASCII whitespace become one space,
// none at either end.
std::string collapse_reference(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  std::string out;
  bool pending = false;
  for (const char c : s) {
    if (space(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    out.push_back(c);
  }
  return out;
}

TEST(Text, CollapseWhitespaceInPlaceAndCopyAgreeWithTheDefinition) {
  std::vector<std::string> inputs = {"", " ", "\t\n\r\f\v ", "a", " a ", "a b", "a  b", "a\nb", "a \n  b\t",
                                     "  lead", "trail  ", "one two three", "x\n  y z\t\tw", "\xC3\xA9 \xA0 \x85x",
                                     std::string("nul\0 byte", 9), "a\x0b\x0c\x0d b"};
  // Every string over {a, ' ', \n, \xA0} up to length 7: all places a run can start and end.
  const std::string alphabet = std::string("a \n\xA0");
  std::vector<std::string> layer = {""};
  for (int len = 1; len <= 7; ++len) {
    std::vector<std::string> next;
    for (const std::string& prefix : layer) {
      for (const char c : alphabet) next.push_back(prefix + c);
    }
    inputs.insert(inputs.end(), next.begin(), next.end());
    layer = std::move(next);
  }
  // Longer strings over every whitespace byte, bytes that differ from one
  // only in bit 7, and letters: the eight-bytes-at-a-time check and its tail.
  // Some with letters and single spaces only, where a double space anywhere
  // (across two words of eight bytes too) is the one thing to find.
  const std::string bytes = std::string("ab \t\n\v\f\r\xA0\x89\x8D\x7F\x08\x0E!") + '\0';
  const std::string mild = "aaa \xA0";
  std::uint32_t state = 12345;
  for (int k = 0; k < 40'000; ++k) {
    const std::string& from = k % 2 == 0 ? bytes : mild;
    state = state * 1664525u + 1013904223u;
    std::string s(state >> 26, 'a');  // 0 to 63 bytes
    for (char& c : s) {
      state = state * 1664525u + 1013904223u;
      c = from[(state >> 24) % from.size()];
    }
    inputs.push_back(std::move(s));
  }
  for (std::size_t at = 0; at + 2 <= 24; ++at) {
    std::string s(24, 'x');
    s[at] = s[at + 1] = ' ';
    inputs.push_back(s);
  }
  for (const std::string& in : inputs) {
    std::string in_place = in;
    collapse_whitespace_in_place(in_place);
    EXPECT_EQ(in_place, collapse_reference(in)) << testing::PrintToString(in);
    EXPECT_EQ(collapse_whitespace(in), collapse_reference(in)) << testing::PrintToString(in);
  }
}

TEST(Text, FoldForMatchRemovesAccentsCaseAndPunctuation) {
  EXPECT_EQ(fold_for_match("Kamélia Daudel"), "kamelia daudel");
  EXPECT_EQ(fold_for_match("Benton, J."), "benton j");
  EXPECT_EQ(fold_for_match("Alexander HÄGELE"), "alexander hagele");
  EXPECT_EQ(fold_for_match("Cristóbal  Eyzaguirre"), "cristobal eyzaguirre");
}

TEST(Text, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("Hägele"));
  EXPECT_FALSE(is_valid_utf8(std::string("H\xc3", 2)));
}

}  // namespace
}  // namespace scholard::core
