// Where the config file and the store live: the config lookup order of
// docs/user-guide.md ("2. Configure"), the default store path (one per config file), and
// resolution of relative paths.
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
inline constexpr std::array<std::string_view, 7> k_environment_variables = {
    "SCHOLARD_CONFIG", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "STATE_DIRECTORY", "HOME",
    "SCHOLARD_S2_API_KEY", "CREDENTIALS_DIRECTORY"};

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

// The config file to use, in the user guide's order ("2. Configure"): `explicit_path` (--config,
// empty when not given), else $SCHOLARD_CONFIG, else scholard.toml in the
// current folder or the nearest folder above it that has one (as git finds
// .git), else $XDG_CONFIG_HOME/scholard/scholard.toml (XDG_CONFIG_HOME
// defaulting to $HOME/.config), else /etc/scholard/scholard.toml. A folder
// given by --config or $SCHOLARD_CONFIG stands for its scholard.toml.
// Relative paths are taken against env.cwd; the result is absolute and
// lexically normal.
// Errors (not_found): an explicit path or $SCHOLARD_CONFIG naming neither a
// file nor a folder holding scholard.toml (no fallback: the user asked for
// that file), or no candidate existing; the message lists the places looked at.
core::Result<std::filesystem::path> find_config_path(std::string_view explicit_path, const Environment& env,
                                                     const FileExists& exists);

// Where stores live when the config has no [store] path: $STATE_DIRECTORY
// under systemd (the first entry when it holds a colon-separated list), else
// $XDG_STATE_HOME/scholard, else $HOME/.local/state/scholard. Relative XDG
// values are ignored, as the XDG spec requires. Error (invalid_input) when
// none of them is usable.
core::Result<std::filesystem::path> default_store_dir(const Environment& env);

// What a config file is known by in its store (store/owner.hpp): its absolute
// path with symlinks resolved, so two spellings of one file are one config.
// Where the file system cannot tell (a missing folder), the lexically normal
// path. Never fails.
std::filesystem::path config_identity(const std::filesystem::path& config_file);

// The file name of the default store of the config known as `identity`:
// a readable label (the config's folder name, then its file name unless that
// is "scholard.toml") and 12 hex digits of the XXH3 of the whole path, e.g.
// "mysite-3f09a1c2d4e5.db" for /home/ada/mysite/scholard.toml. Two configs
// thus never share a default store, and `ls` still tells whose each one is.
std::string default_store_name(const std::filesystem::path& identity);

// The store used when the config has no [store] path: default_store_dir(env)
// / default_store_name(identity). Errors: as default_store_dir.
core::Result<std::filesystem::path> default_store_path(const Environment& env, const std::filesystem::path& identity);

// The one store every config without [store] path shared before stores knew
// their config: default_store_dir(env) / "scholard.db". Errors: as
// default_store_dir.
core::Result<std::filesystem::path> legacy_store_path(const Environment& env);

// `text` as a path relative to `base_dir` (unless absolute), lexically normal.
std::filesystem::path resolve_path(const std::filesystem::path& base_dir, std::string_view text);

}  // namespace scholard::config
