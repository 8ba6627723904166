#include "core/json.hpp"

#include <gtest/gtest.h>

namespace scholard::core {
namespace {

TEST(Json, JsonQuoteEscapesWhatJsonRequires) {
  EXPECT_EQ(json_quote("a\"b\\c\n\t\r\b\f\x01\x1f"), "\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u001f\"");
  EXPECT_EQ(json_quote("Jöe / \x7f"), "\"Jöe / \x7f\"");  // UTF-8, '/' and DEL pass
  EXPECT_EQ(json_quote(""), "\"\"");
}

TEST(Json, JsonQuoteNeverWritesInvalidUtf8) {
  EXPECT_EQ(json_quote("bad\xff"), "\"bad\xef\xbf\xbd\"");
  // In a string that is not valid UTF-8 every high byte is replaced, the
  // valid "ö" too: the output parses whatever the input was.
  EXPECT_EQ(json_quote("\xc3\xb6\xff"), "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
}

}  // namespace
}  // namespace scholard::core
