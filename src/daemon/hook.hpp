// The hook: the user's command ([hook] on_change, e.g. `bundle exec jekyll
// build`) run once after a pass in which at least one output changed.
//
// run_hook() is BLOCKING (up to timeout + grace + a short drain): the engine
// calls it on a worker thread, never on the Asio loop. It
//  - runs argv WITHOUT a shell (posix_spawnp: argv[0] is looked up in $PATH;
//    `;`, `$(...)`, quotes, globs reach the program literally),
//  - gives it stdin = /dev/null and one pipe for stdout + stderr, of which the
//    last `output_cap` bytes are kept ("the tail of its output"),
//  - starts it in its own process group, so a timeout reaches its children:
//    SIGTERM to the group at the deadline, SIGKILL to the group after `grace`,
//  - resets signal dispositions and the signal mask to defaults in the child,
//  - passes the hook descriptors 0, 1 and 2 only (closefrom(3) in the child),
//  - always reaps the child (no zombies) and closes every descriptor it opened
//    (the pipe is O_CLOEXEC, so hooks run from other threads do not inherit it).
// The child's environment is ours, minus systemd's NOTIFY_SOCKET, WATCHDOG_USEC
// and WATCHDOG_PID (they name our service, not the hook), plus `extra_env`
// (which wins over an inherited variable of the same name).
//
// After the hook's own process exits, output is read until the pipe closes or
// for at most `drain` more; a background process it left behind keeps
// running (it is only killed when the hook timed out).
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/config.hpp"
#include "core/result.hpp"

namespace scholard::daemon {

using EnvVar = std::pair<std::string, std::string>;

struct HookLimits {
  std::chrono::milliseconds grace{5000};   // SIGTERM -> SIGKILL
  std::chrono::milliseconds drain{1000};   // reading output after the hook exited
  std::size_t output_cap = 4096;           // bytes of output kept (the tail)
};

enum class HookEnding { exited, signalled };

struct HookResult {
  HookEnding ending = HookEnding::exited;
  int exit_status = 0;    // when exited: 0..255
  int signal = 0;         // when signalled: the signal number
  bool timed_out = false; // we sent SIGTERM (and maybe SIGKILL) at the deadline
  std::chrono::milliseconds duration{0};
  std::string output_tail;         // last output_cap bytes of stdout+stderr, interleaved
  std::size_t output_bytes = 0;    // total bytes the hook wrote
  bool output_truncated() const { return output_bytes > output_tail.size(); }

  // Exited with status 0 before the deadline.
  bool succeeded() const { return !timed_out && ending == HookEnding::exited && exit_status == 0; }
  // "exited with status 3", "killed by signal 15 (SIGTERM) after timing out" ...
  std::string describe() const;
};

// Runs `argv` as described above and waits for it. `timeout` counts from the
// spawn; `working_dir` empty = our current directory.
// Errors (nothing was run): invalid_input for an empty argv or an argument
// containing a NUL byte; not_found naming the program when argv[0] is not
// found in $PATH (or the path does not exist); permanent when it is not
// executable (EACCES, ENOEXEC); io when working_dir is not a directory or
// pipe()/posix_spawn() fail for another reason. A hook that runs and fails
// (non-zero status, signal, timeout) is a HookResult, not an error.
core::Result<HookResult> run_hook(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                                  const std::vector<EnvVar>& extra_env, const std::filesystem::path& working_dir,
                                  const HookLimits& limits = {});

// What became of the [hook] after a render that changed outputs.
struct HookReport {
  std::optional<HookResult> result;  // set when it ran
  std::string error;                 // it could not be started
};

// Runs cfg.hook.on_change (BLOCKING, as run_hook) for the outputs that changed,
// in the config's folder with hook_environment(), and logs the outcome (info
// on success, error with the tail of its output otherwise). Nothing is run when
// `changed` is empty or no hook is configured (the report is then empty).
// `sync`/`daemon` (the engine, on a worker thread) and `render` share it.
HookReport run_change_hook(const config::Hook& hook, const std::filesystem::path& config_file,
                           const std::filesystem::path& working_dir,
                           const std::vector<std::filesystem::path>& changed_outputs);

// The variables that tell a hook what happened (documented in docs/scholard.1):
//   SCHOLARD_CHANGED_OUTPUTS  the changed outputs' absolute paths, separated by
//                             NEWLINES (paths may contain ':'), no trailing newline
//   SCHOLARD_CHANGED_COUNT    how many there are, in decimal
//   SCHOLARD_CONFIG           the config file's absolute path (so a `scholard`
//                             run by the hook reads the same config)
// `config_path` empty = SCHOLARD_CONFIG is left out.
std::vector<EnvVar> hook_environment(const std::vector<std::filesystem::path>& changed_outputs,
                                     const std::filesystem::path& config_path);

}  // namespace scholard::daemon
