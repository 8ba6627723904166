#include "core/text.hpp"

#include <gtest/gtest.h>

namespace scholard::core {
namespace {

TEST(Text, CollapseWhitespaceJoinsHardWrappedLines) {
  EXPECT_EQ(collapse_whitespace("  Measurement of\n      the Proton  Structure\t"), "Measurement of the Proton Structure");
  EXPECT_EQ(collapse_whitespace(""), "");
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
