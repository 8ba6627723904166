// Colour on the terminal for the words that say how things went: "ok",
// "WARN", "FAIL" and the "scholard:" of an error message. Decided once per
// run from --color (never, auto, always), $NO_COLOR (https://no-color.org:
// set and non-empty means no colour unless --color=always) and whether the
// stream is a terminal whose $TERM is not "dumb".
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scholard::cli {

enum class ColorMode { never, automatic, always };

// "never", "auto" or "always". Error (invalid_input) for any other word.
core::Result<ColorMode> parse_color_mode(std::string_view text);

// Whether to colour what goes to `fd` (1 or 2) under `mode`, reading
// $NO_COLOR and $TERM. Never fails.
bool color_wanted(ColorMode mode, int fd);

enum class Tone { ok, warning, error };

// Sets, for the rest of the process, whether stdout and stderr get colour.
void set_color(bool stdout_color, bool stderr_color);
bool stdout_color();
bool stderr_color();

// `word` in the tone's colour (green, yellow, red) when `color`, else as is.
std::string paint(std::string_view word, Tone tone, bool color);

// Prints "scholard: MESSAGE\n" to stderr, the prefix red when stderr gets
// colour: the one format of every error the command line reports itself.
void print_error(std::string_view message);

// Prints "scholard: warning: MESSAGE\n" to stderr, "warning" yellow when
// stderr gets colour.
void print_warning(std::string_view message);

}  // namespace scholard::cli
