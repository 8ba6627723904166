// Text helpers shared by parsers, the store and renderers. All are pure.
#pragma once

#include <concepts>
#include <string>
#include <string_view>
#include <vector>

namespace scholard::core {

// Removes ASCII whitespace at both ends. The view borrows from `s`.
std::string_view trim(std::string_view s);

// ASCII-only lower-casing (ids, DOIs, hosts); other bytes pass through.
std::string ascii_lower(std::string_view s);

// Collapses every run of whitespace (including newlines and indentation of
// hard-wrapped feeds) to one space and trims the ends.
std::string collapse_whitespace(std::string_view s);

// collapse_whitespace on `s` itself: no allocation, and no copy at all when
// `s` is already collapsed.
void collapse_whitespace_in_place(std::string& s);

// Folds a name for comparison: Unicode NFKC, case-folded, accents stripped,
// punctuation (.,-') turned into spaces, whitespace collapsed.
// "Benton, Jöe-J." -> "benton joe j". Invalid UTF-8 is folded bytewise.
std::string fold_for_match(std::string_view s);

// True when `s` is valid UTF-8.
bool is_valid_utf8(std::string_view s);

// Splits on a single character; empty pieces are kept.
std::vector<std::string_view> split(std::string_view s, char sep);

// Joins with a separator.
std::string join(const std::vector<std::string>& parts, std::string_view sep);

// "1 request", "2 requests", "0 requests": a count and its noun, in the
// singular for exactly one.
template <std::integral N>
std::string plural(N n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace scholard::core
