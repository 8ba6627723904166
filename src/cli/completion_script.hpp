// Shell completion scripts for bash, zsh and fish, written from the command
// line as CLI11 knows it (so a new command or option is completable without
// touching the scripts). What an option's or positional's value is (a file,
// a paper id, one of a few words) comes from a small table in
// completion_script.cpp. Paper ids are asked of `scholard __complete ids`
// at completion time, with the --config the command line being completed
// names (docs/user-guide.md, "Shell completion").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace scholard::cli {

enum class Shell { bash, zsh, fish };

// What to offer for a value.
enum class ValueKind {
  none,        // a flag: no value
  any,         // a value, nothing to propose
  file,        // a path
  directory,   // a folder
  ids,         // the config's papers (`scholard __complete ids`)
  candidates,  // the store's pending discovered papers (`scholard __complete candidates`)
  words,       // one of a fixed list
};

struct OptionSpec {
  std::vector<std::string> names;  // "-c", "--config"
  std::string help;                // one line
  ValueKind kind = ValueKind::none;
  std::string words;  // ValueKind::words: space-separated
};

struct CommandSpec {
  std::string name;  // "" for the global options
  std::string help;
  std::vector<OptionSpec> options;
  ValueKind positional = ValueKind::none;  // the command's operand, if it has one
  std::string positional_words;
};

// The global options (first element, name "") and every visible subcommand
// of `app`, in the order `scholard --help` lists them.
std::vector<CommandSpec> describe_commands(const CLI::App& app);

// The completion script for `shell`, for a program named `program`.
std::string completion_script(Shell shell, const std::vector<CommandSpec>& commands, std::string_view program);

}  // namespace scholard::cli
