// Command line of scholard-fakeapi (docs/fakeapi.md): where the fixtures
// are, where to listen (loopback only), the politeness rules the referee
// enforces and announces, and faults set at start-up.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "faults.hpp"
#include "fixtures.hpp"
#include "referee.hpp"

namespace scholard::fakeapi {

struct ServerOptions {
  std::filesystem::path fixtures;
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  FeedFormat arxiv_format = FeedFormat::current;
  RefereeRules rules;
  std::vector<Fault> faults;
  std::string s2_api_key;  // "" = any or no x-api-key is accepted
};

// "3s", "500ms", "1.5s", "2m", or a bare number of seconds.
// On error: invalid_input.
core::Result<std::chrono::milliseconds> parse_duration(std::string_view text);

struct ParsedCommandLine {
  std::optional<ServerOptions> options;  // nullopt: exit with `exit_code`
  int exit_code = 0;                     // 0 after --help, 2 on a usage error
};

// Parses argv. Usage errors and --help are written to `err` / `out`.
ParsedCommandLine parse_command_line(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace scholard::fakeapi
