// Helpers shared by the config tests: an injected environment, a minimal
// valid config, and paths into tests/data/config.
#pragma once

#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>

#include "config/config.hpp"

namespace scholard::config {

// A minimal valid config: the [[paper]] header is on line 9 and text appended
// to it starts on line 11 (inside that [[paper]] unless a new table begins).
inline constexpr std::string_view k_minimal = R"([profile]
name = "Joe Benton"
contact = "someone@example.org"

[[output]]
format = "markdown"
path = "site/research.md"

[[paper]]
arxiv = "2308.03686"
)";

// HOME only, so the default store path is predictable; cwd /work/cwd.
inline Environment test_env() {
  Environment env;
  env.variables = {{"HOME", "/home/tester"}};
  env.cwd = "/work/cwd";
  return env;
}

// Parses `text` as the file "test.toml" in the folder /srv/cfg.
inline core::Result<Config> parse(std::string_view text, const Environment& env = test_env()) {
  return parse_config(text, "test.toml", "/srv/cfg", env);
}

inline std::filesystem::path data_path(std::string_view name) {
  return (std::filesystem::path(SCHOLARD_TEST_DATA) / "config" / name).lexically_normal();
}

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace scholard::config
