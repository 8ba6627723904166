// libFuzzer target: config::parse_config (toml++ and every check after it) on
// arbitrary text, with a fixed environment so no real path is consulted.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  scholard::config::Environment env;
  env.variables.emplace("HOME", "/nonexistent-home");
  env.cwd = "/nonexistent-cwd";
  auto cfg = scholard::config::parse_config(text, "fuzz.toml", "/nonexistent-dir", env);
  if (!cfg && cfg.error().message.empty()) __builtin_trap();  // every error says what is wrong
  return 0;
}
