#include "render/line_diff.hpp"

#include <string>

#include <gtest/gtest.h>

namespace scholard::render {
namespace {

std::string numbered(int from, int to, int changed = -1) {
  std::string s;
  for (int i = from; i <= to; ++i) s += (i == changed ? "CHANGED " : "line ") + std::to_string(i) + "\n";
  return s;
}

TEST(LineDiff, EqualTextsGiveNothing) { EXPECT_EQ(unified_diff("a\nb\n", "a\nb\n", "x.md"), ""); }

TEST(LineDiff, OneChangedLineWithContext) {
  const std::string d = unified_diff(numbered(1, 10), numbered(1, 10, 5), "research.md");
  EXPECT_EQ(d,
            "--- a/research.md\n+++ b/research.md\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+CHANGED "
            "5\n line 6\n line 7\n line 8\n");
}

TEST(LineDiff, InsertionAtStartAndRemovalAtEndAreSeparateHunks) {
  const std::string before = numbered(1, 20);
  const std::string after = "new first\n" + numbered(1, 19);
  const std::string d = unified_diff(before, after, "f");
  EXPECT_NE(d.find("@@ -1,3 +1,4 @@\n+new first\n line 1\n"), std::string::npos) << d;
  EXPECT_NE(d.find("-line 20\n"), std::string::npos) << d;
  EXPECT_NE(d.find("@@ -17,4 +18,3 @@"), std::string::npos) << d;
}

TEST(LineDiff, NewFileAndMissingFinalNewline) {
  EXPECT_EQ(unified_diff("", "a\nb", "n"), "--- a/n\n+++ b/n\n@@ -0,0 +1,2 @@\n+a\n+b\n\\ No newline at end of file\n");
}

TEST(LineDiff, AnAbsoluteNameGetsOneSlashAfterTheSidePrefix) {
  const std::string d = unified_diff("a\n", "b\n", "/home/ada/site/_pages/research.md");
  EXPECT_EQ(d.rfind("--- a/home/ada/site/_pages/research.md\n+++ b/home/ada/site/_pages/research.md\n", 0), 0U) << d;
}

}  // namespace
}  // namespace scholard::render
