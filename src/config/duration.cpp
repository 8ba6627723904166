#include "config/duration.hpp"

#include <array>
#include <cstdint>
#include <limits>

namespace scholard::config {
namespace {

struct Unit {
  std::string_view name;
  std::int64_t ms;
};

// Largest first: format_duration walks this list in order.
constexpr std::array<Unit, 6> k_units = {{
    {"w", 7LL * 24 * 3600 * 1000},
    {"d", 24LL * 3600 * 1000},
    {"h", 3600LL * 1000},
    {"m", 60LL * 1000},
    {"s", 1000},
    {"ms", 1},
}};

const Unit* find_unit(std::string_view name) {
  for (const Unit& u : k_units) {
    if (u.name == name) return &u;
  }
  return nullptr;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

tl::unexpected<core::Error> bad(std::string_view text, std::string_view why) {
  return core::fail(core::ErrorCode::invalid_input,
                    "\"" + std::string(text) + "\" is not a duration: " + std::string(why) +
                        "; write a whole number followed by " + std::string(k_duration_units) +
                        ", e.g. \"3s\", \"90m\", \"6h\", \"1d\" or \"1h30m\"");
}

// Why a character that is neither a digit nor a unit letter is there.
std::string_view describe_stray(char c) {
  if (c == '-') return "it cannot be negative";
  if (c == '.' || c == ',') return "fractions are not accepted (write \"1h30m\", not \"1.5h\")";
  if (c == ' ' || c == '\t') return "it contains spaces";
  if (c == '+') return "a sign is not accepted";
  return "it contains a character that is neither a digit nor a unit";
}

}  // namespace

core::Result<Duration> parse_duration(std::string_view text) {
  if (text.empty()) return bad(text, "it is empty");
  constexpr std::int64_t k_max = std::numeric_limits<std::int64_t>::max();
  std::int64_t total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t digits_start = i;
    std::int64_t value = 0;
    while (i < text.size() && is_digit(text[i])) {
      const std::int64_t digit = text[i] - '0';
      if (value > (k_max - digit) / 10) return bad(text, "the number is too large");
      value = value * 10 + digit;
      ++i;
    }
    if (i < text.size() && !is_digit(text[i]) && !is_letter(text[i])) return bad(text, describe_stray(text[i]));
    if (i == digits_start) return bad(text, "a number must come before each unit");
    const std::size_t unit_start = i;
    while (i < text.size() && is_letter(text[i])) ++i;
    std::string_view unit_name = text.substr(unit_start, i - unit_start);
    if (unit_name.empty()) {
      if (i < text.size()) return bad(text, describe_stray(text[i]));
      return bad(text, "the number " + std::string(text.substr(digits_start)) + " has no unit");
    }
    const Unit* unit = find_unit(unit_name);
    if (unit == nullptr) return bad(text, "unknown unit \"" + std::string(unit_name) + "\"");
    if (value > (k_max - total) / unit->ms) return bad(text, "it is too long");
    total += value * unit->ms;
  }
  return Duration{total};
}

std::string format_duration(Duration d) {
  std::int64_t ms = d.count();
  if (ms == 0) return "0s";
  std::string out;
  if (ms < 0) {
    out = "-";
    ms = -ms;
  }
  for (const Unit& u : k_units) {
    if (ms < u.ms) continue;
    out += std::to_string(ms / u.ms) + std::string(u.name);
    ms %= u.ms;
  }
  return out;
}

}  // namespace scholard::config
