// How a subcommand plugs into the command line.
//
// Each command lives in its own file (src/cli/cmd_<name>.cpp) and exposes one
// `void add_<name>_command(CLI::App& app, Context& ctx)` that adds a CLI11
// subcommand and registers what it runs with `ctx.on_run(sub, fn)`; `fn`
// returns the exit status. run() calls it after parsing and logging set-up.
// commands.cpp lists the registrars; main.cpp only calls run().
#pragma once

#include <functional>
#include <map>
#include <string>

#include <CLI/CLI.hpp>

namespace scholard::cli {

// Exit statuses (scholard(1), EXIT STATUS; docs/user-guide.md, "5. Troubleshooting").
enum ExitCode : int {
  k_exit_ok = 0,
  k_exit_partial = 1,  // some papers could not be fetched; outputs still consistent
  k_exit_usage = 2,    // usage or configuration error
  k_exit_fatal = 3,    // store unusable, output not writable, lock held too long
};

// Options shared by every command (set before the subcommand callback runs).
struct Context {
  std::string config_path;  // --config, empty when not given
  std::string log_level = "info";
  bool quiet = false;
  std::string color = "auto";  // --color: never, auto or always (cli/style.hpp)
  bool adopt_store = false;  // --adopt-store: use (and, writing, take over) another config's store

  using Action = std::function<int()>;
  std::map<const CLI::App*, Action> actions;
  void on_run(const CLI::App* sub, Action action) { actions[sub] = std::move(action); }
};

}  // namespace scholard::cli
