#include "cli/style.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace scholard::cli {
namespace {

bool g_stdout_color = false;
bool g_stderr_color = false;

bool env_set(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0';
}

}  // namespace

core::Result<ColorMode> parse_color_mode(std::string_view text) {
  if (text == "never") return ColorMode::never;
  if (text == "auto") return ColorMode::automatic;
  if (text == "always") return ColorMode::always;
  return core::fail(core::ErrorCode::invalid_input,
                    "--color " + std::string(text) + ": expected never, auto or always");
}

bool color_wanted(ColorMode mode, int fd) {
  if (mode == ColorMode::always) return true;
  if (mode == ColorMode::never || env_set("NO_COLOR")) return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return ::isatty(fd) == 1;
}

void set_color(bool stdout_color, bool stderr_color) {
  g_stdout_color = stdout_color;
  g_stderr_color = stderr_color;
}

bool stdout_color() { return g_stdout_color; }
bool stderr_color() { return g_stderr_color; }

std::string paint(std::string_view word, Tone tone, bool color) {
  if (!color) return std::string(word);
  const char* start = tone == Tone::ok ? "\033[32m" : tone == Tone::warning ? "\033[33m" : "\033[1;31m";
  return start + std::string(word) + "\033[0m";
}

void print_error(std::string_view message) {
  const std::string prefix = paint("scholard:", Tone::error, g_stderr_color);
  std::fprintf(stderr, "%s %.*s\n", prefix.c_str(), static_cast<int>(message.size()), message.data());
}

void print_warning(std::string_view message) {
  const std::string word = paint("warning:", Tone::warning, g_stderr_color);
  std::fprintf(stderr, "scholard: %s %.*s\n", word.c_str(), static_cast<int>(message.size()), message.data());
}

}  // namespace scholard::cli
