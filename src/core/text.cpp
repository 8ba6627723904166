#include "core/text.hpp"

#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <utf8proc.h>

namespace scholard::core {
namespace {
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// is_space as a table, indexed by the byte as unsigned char.
constexpr std::array<bool, 256> k_space = [] {
  std::array<bool, 256> t{};
  for (const char c : {' ', '\t', '\n', '\r', '\f', '\v'}) t[static_cast<unsigned char>(c)] = true;
  return t;
}();
}  // namespace

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string collapse_whitespace(std::string_view s) {
  std::string out(trim(s));
  collapse_whitespace_in_place(out);
  return out;
}

namespace {

constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
constexpr std::uint64_t k_high = 0x8080808080808080ULL;
constexpr std::uint64_t k_low7 = 0x7F7F7F7F7F7F7F7FULL;

// Bit 7 of each byte of the result is set when that byte of `x` is `b`.
std::uint64_t bytes_equal(std::uint64_t x, unsigned char b) {
  const std::uint64_t y = x ^ (k_ones * b);
  return ~(((y & k_low7) + k_low7) | y) & k_high;
}

// Bit 7 of each byte of the result is set when that byte of `x` is one of
// \t \n \v \f \r (9 to 13). Per byte, without carries between bytes.
std::uint64_t control_spaces(std::uint64_t x) {
  const std::uint64_t low = x & k_low7;
  return (k_ones * (127 + 14) - low) & ~x & (low + k_ones * (127 - 8)) & k_high;
}

// True when collapse_whitespace_in_place would leave `s` as it is: no
// whitespace but ' ', and no ' ' at either end or after another ' '. Eight
// bytes at a time: most text needs no change (one-line titles and summaries).
bool is_collapsed(std::string_view s) {
  if (s.empty()) return true;
  if (is_space(s.front()) || is_space(s.back())) return false;
  std::size_t i = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::uint64_t space_before = 0;  // bit 7: the byte before this word is ' '
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t x = 0;
      std::memcpy(&x, s.data() + i, 8);
      const std::uint64_t spaces = bytes_equal(x, ' ');
      if (control_spaces(x) != 0 || (spaces & ((spaces << 8) | space_before)) != 0) return false;
      space_before = spaces >> 56;
    }
  }
  for (; i < s.size(); ++i) {
    if (s[i] == ' ' ? i > 0 && s[i - 1] == ' ' : is_space(s[i])) return false;
  }
  return true;
}

}  // namespace

// One table look-up per byte, once a quick check has found something to
// change. Bytes are written only from the first run of whitespace longer than
// one byte on.
void collapse_whitespace_in_place(std::string& s) {
  if (is_collapsed(s)) return;
  char* const d = s.data();
  const std::size_t n = s.size();
  const auto space = [&](std::size_t i) { return k_space[static_cast<unsigned char>(d[i])]; };
  std::size_t r = 0;  // next byte read
  std::size_t w = 0;  // next byte written, w <= r
  while (r < n && space(r)) ++r;
  while (r < n) {
    if (w == r) {
      while (r < n && !space(r)) ++r;
      w = r;
    } else {
      while (r < n && !space(r)) d[w++] = d[r++];
    }
    while (r < n && space(r)) ++r;
    if (r < n) d[w++] = ' ';
  }
  s.resize(w);
}

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The length of the valid UTF-8 sequence at s[i] (a non-ASCII lead byte), or
// 0. Valid is what utf8proc_iterate accepts: no overlong forms, no
// surrogates, nothing above U+10FFFF.
std::size_t valid_sequence(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  const std::size_t left = s.size() - i;
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (lead >= 0xC2 && lead <= 0xDF) return left >= 2 && is_continuation(at(1)) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (left < 3 || !is_continuation(at(1)) || !is_continuation(at(2))) return 0;
    if (lead == 0xE0 && at(1) < 0xA0) return 0;  // overlong
    if (lead == 0xED && at(1) > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (left < 4 || !is_continuation(at(1)) || !is_continuation(at(2)) || !is_continuation(at(3))) return 0;
    if (lead == 0xF0 && at(1) < 0x90) return 0;  // overlong
    if (lead == 0xF4 && at(1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;  // a continuation byte, C0, C1 or F5..FF as a lead
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = valid_sequence(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string fold_for_match(std::string_view s) {
  std::string folded;
  if (is_valid_utf8(s)) {
    utf8proc_uint8_t* out = nullptr;
    const auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                                        UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                      static_cast<utf8proc_ssize_t>(s.size()), &out, options);
    if (n >= 0 && out != nullptr) folded.assign(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
    std::free(out);
  } else {
    folded = ascii_lower(s);
  }
  for (char& c : folded) {
    if (c == '.' || c == ',' || c == '-' || c == '\'' || c == '`' || c == '"' || c == '~' || c == '{' || c == '}') {
      c = ' ';
    }
  }
  return collapse_whitespace(folded);
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    auto at = s.find(sep, start);
    if (at == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

}  // namespace scholard::core
