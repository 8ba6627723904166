// Month names, for the per-paper `month` key: the config reads "February"
// or 2, the Markdown style writes "February 2024" (as researchers' pages do),
// the importer reads "February 2024" back, BibTeX writes `feb`. English only:
// the pages scholard renders write English month names. Pure.
#pragma once

#include <optional>
#include <string_view>

namespace scholard::core {

// 1..12 for an English month name or its three-letter abbreviation, in any
// case, with or without a final '.' ("February", "feb", "Sept."); nullopt otherwise.
std::optional<int> parse_month_name(std::string_view text);

// "January" .. "December" for 1..12; "" otherwise.
std::string_view month_name(int month);

// "jan" .. "dec" (BibTeX's month macros) for 1..12; "" otherwise.
std::string_view month_abbreviation(int month);

}  // namespace scholard::core
