// PassRunner that runs each pass in a child process: `scholard daemon-pass`,
// spawned by the supervisor (scholard-daemon) when a pass is due and gone when
// it ends. The supervisor itself never loads libcurl, TLS, the parsers or the
// renderers, so between passes the daemon holds only what scheduling needs
// (docs/benchmarks.md, "The idle daemon").
//
// The child gets:
//  - stdin: the config bytes the supervisor validated (a SIGHUP that brings an
//    invalid file keeps the old config, for passes too);
//  - fd 3: a pipe for its report, one line per item: "summary\t<line>",
//    "failure\t<line>", "accepted\t<n>";
//  - its own process group, so a terminal's Ctrl-C and systemd's
//    KillMode=mixed SIGTERM reach only the supervisor, which lets the pass
//    finish within the stop grace and then kills the group;
//  - stdout/stderr: the supervisor's (the journal under systemd).
// The exit status is the pass's (as `scholard sync`); a child killed by a
// signal counts as fatal (3).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "daemon/pass_runner.hpp"
#include "daemon/service.hpp"

namespace scholard::daemon {

struct WorkerCommand {
  std::filesystem::path scholard;        // the scholard binary
  std::vector<std::string> global_args;  // before the subcommand, e.g. {"--log-level", "debug"}
  std::filesystem::path store;           // the store path pinned at start-up
};

// The child's argv: scholard --config FILE <global args> daemon-pass --parent PID --store PATH.
std::vector<std::string> worker_argv(const WorkerCommand& command, const std::filesystem::path& config_file,
                                     pid_t parent);

// Reads a child's report ("summary\t...", "failure\t...", "accepted\t...")
// and its wait status into an outcome.
PassOutcome outcome_from_report(const std::string& report, int wait_status);

// Writes `outcome` as such a report (the child side). Newlines inside a line
// become spaces.
std::string report_text(const PassOutcome& outcome);

// For ServiceOptions::make_runner: a WorkerRunner per service.
RunnerFactory worker_runner_factory(WorkerCommand command);

}  // namespace scholard::daemon
