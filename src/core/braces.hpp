// Whether TeX braces balance: BibTeX ends a braced field at its first
// unmatched `}`, so a value is written raw only when this holds (the BibTeX
// output), and the config refuses a text value for which it does not.
#pragma once

#include <cstddef>
#include <string_view>

namespace scholard::core {

// True when every `{` has its `}` and no `}` comes first; a backslash
// escapes the character after it (`\{` is a literal brace).
inline bool tex_braces_balance(std::string_view s) {
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] == '{') ++depth;
    if (s[i] == '}' && --depth < 0) return false;
  }
  return depth == 0;
}

}  // namespace scholard::core
