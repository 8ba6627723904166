// Where the config file and the store live: the config lookup order of
// interface.md, the default store path, and resolution of relative paths.
//
// The process environment and the file system are injected (Environment,
// FileExists) so tests never depend on the machine they run on.
#pragma once

#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scholard::config {

// The variables scholard reads, snapshotted by Environment::from_process().
inline constexpr std::array<std::string_view, 5> k_environment_variables = {
    "SCHOLARD_CONFIG", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "STATE_DIRECTORY", "HOME"};

// A snapshot of the environment: variable values and the working directory.
struct Environment {
  std::map<std::string, std::string, std::less<>> variables;
  std::filesystem::path cwd = "/";

  // Reads k_environment_variables and the current directory. Never fails: an
  // unreadable current directory leaves cwd at "/".
  static Environment from_process();

  // The value, or nullopt when the variable is unset or empty (an empty
  // XDG_* variable means "use the default" per the XDG spec).
  std::optional<std::string> get(std::string_view name) const;
};

using FileExists = std::function<bool(const std::filesystem::path&)>;

// True when `path` names something that can be opened as a file (a regular
// file or a symlink to one). Never throws; errors count as "does not exist".
bool file_exists_on_disk(const std::filesystem::path& path);

// The config file to use, in interface.md's order: `explicit_path` (--config,
// empty when not given), else $SCHOLARD_CONFIG, else ./scholard.toml, else
// $XDG_CONFIG_HOME/scholard/scholard.toml (XDG_CONFIG_HOME defaulting to
// $HOME/.config), else /etc/scholard/scholard.toml. Relative paths are taken
// against env.cwd; the result is absolute and lexically normal.
// Errors (not_found): an explicit path or $SCHOLARD_CONFIG naming a missing file
// (no fallback: the user asked for that file), or no candidate existing; the
// message lists every place looked at.
core::Result<std::filesystem::path> find_config_path(std::string_view explicit_path, const Environment& env,
                                                     const FileExists& exists);

// The store path used when the config has no [store] path:
// $STATE_DIRECTORY/scholard.db under systemd (the first entry when it holds a
// colon-separated list), else $XDG_STATE_HOME/scholard/scholard.db, else
// $HOME/.local/state/scholard/scholard.db. Relative XDG values are ignored, as
// the XDG spec requires. Error (invalid_input) when none of them is usable.
core::Result<std::filesystem::path> default_store_path(const Environment& env);

// `text` as a path relative to `base_dir` (unless absolute), lexically normal.
std::filesystem::path resolve_path(const std::filesystem::path& base_dir, std::string_view text);

}  // namespace scholard::config
