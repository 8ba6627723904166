// Unified diffs of two texts, line by line, for `render --dry-run` and
// `sync --dry-run` ("what would change"). Pure.
#pragma once

#include <string>
#include <string_view>

namespace scholard::render {

// A unified diff (`--- a/NAME`, `+++ b/NAME`, `@@ -l,n +l,n @@` hunks with
// `context` lines around changes) from `before` to `after`; "" when equal.
// Uses Myers' O(ND) algorithm, so a small change to a large file is cheap.
std::string unified_diff(std::string_view before, std::string_view after, std::string_view name,
                         int context = 3);

}  // namespace scholard::render
