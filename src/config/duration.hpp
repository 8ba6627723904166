// Durations as the config file writes them: "500ms", "3s", "90m", "6h", "1d",
// "2w" and combinations such as "1h30m". Pure functions, no I/O.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scholard::config {

using Duration = std::chrono::milliseconds;

// The units accepted, for error messages: "ms, s, m, h, d or w".
inline constexpr std::string_view k_duration_units = "ms (milliseconds), s, m, h, d (days) or w (weeks)";

// Parses one or more <digits><unit> groups ("3s", "1h30m"). Zero ("0s") is a
// valid duration; callers that need a positive one check it themselves.
// On error (empty, negative, missing or unknown unit, spaces, fractions,
// overflow): invalid_input whose message says what is wrong and lists the
// accepted units.
core::Result<Duration> parse_duration(std::string_view text);

// The shortest exact spelling parse_duration reads back: 86400000ms -> "1d",
// 5400000ms -> "1h30m", 0 -> "0s". Negative durations are written as "-" + the
// spelling of their magnitude (they never come out of parse_duration).
std::string format_duration(Duration d);

}  // namespace scholard::config
