// Runs the real scholard binary in a child process and captures what it says.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace scholard::testing {

struct CommandResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] is the program path) with extra environment variables
// (added to the current environment; an empty value unsets the variable) and
// stdin at /dev/null. Aborts the test process only on spawn failure.
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env = {}, const std::string& cwd = "");

// In a forked child, after its descriptors are set up: applies `env` (as
// above), changes to `cwd` when given, and execs `argv`. Never returns: exit
// status 126 when the folder cannot be entered, 127 when the exec fails.
[[noreturn]] void exec_in_child(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                                const std::string& cwd = "");

// Starts `argv` in the background and returns its pid (-1 when it could not
// be spawned): stdin /dev/null, stdout and stderr appended to `log_path`
// ("" = /dev/null), the environment ours with `env` applied as above. The
// caller signals and reaps it.
pid_t spawn_background(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                       const std::string& log_path = "");

}  // namespace scholard::testing
