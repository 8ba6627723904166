#include "core/month.hpp"

#include <array>

#include "core/text.hpp"

namespace scholard::core {
namespace {

constexpr std::array<std::string_view, 12> k_names = {"January", "February", "March",     "April",   "May",      "June",
                                                      "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> k_abbreviations = {"jan", "feb", "mar", "apr", "may", "jun",
                                                              "jul", "aug", "sep", "oct", "nov", "dec"};

}  // namespace

std::optional<int> parse_month_name(std::string_view text) {
  std::string lower = ascii_lower(trim(text));
  if (!lower.empty() && lower.back() == '.') lower.pop_back();
  if (lower == "sept") lower = "sep";
  for (std::size_t i = 0; i < k_names.size(); ++i) {
    if (lower == ascii_lower(k_names[i]) || lower == k_abbreviations[i]) return static_cast<int>(i + 1);
  }
  return std::nullopt;
}

std::string_view month_name(int month) {
  return month >= 1 && month <= 12 ? k_names[static_cast<std::size_t>(month - 1)] : std::string_view();
}

std::string_view month_abbreviation(int month) {
  return month >= 1 && month <= 12 ? k_abbreviations[static_cast<std::size_t>(month - 1)] : std::string_view();
}

}  // namespace scholard::core
