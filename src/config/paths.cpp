#include "config/paths.hpp"

#include <cstdlib>
#include <system_error>
#include <vector>

namespace scholard::config {
namespace {

namespace fs = std::filesystem;

fs::path absolute_in(const fs::path& cwd, const fs::path& p) {
  return (p.is_absolute() ? p : cwd / p).lexically_normal();
}

// An XDG base directory variable, honoured only when absolute.
std::optional<fs::path> xdg_dir(const Environment& env, std::string_view name) {
  auto value = env.get(name);
  if (!value) return std::nullopt;
  fs::path p(*value);
  if (!p.is_absolute()) return std::nullopt;
  return p;
}

}  // namespace

Environment Environment::from_process() {
  Environment env;
  for (std::string_view name : k_environment_variables) {
    // getenv needs a NUL-terminated name; the constants are literals.
    if (const char* value = std::getenv(std::string(name).c_str())) env.variables.emplace(name, value);
  }
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (!ec) env.cwd = cwd;
  return env;
}

std::optional<std::string> Environment::get(std::string_view name) const {
  auto it = variables.find(name);
  if (it == variables.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

bool file_exists_on_disk(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

core::Result<fs::path> find_config_path(std::string_view explicit_path, const Environment& env,
                                        const FileExists& exists) {
  if (!explicit_path.empty()) {
    fs::path p = absolute_in(env.cwd, fs::path(explicit_path));
    if (exists(p)) return p;
    return core::fail(core::ErrorCode::not_found, "config file " + p.string() + " (given with --config) does not exist");
  }
  if (auto from_env = env.get("SCHOLARD_CONFIG")) {
    fs::path p = absolute_in(env.cwd, fs::path(*from_env));
    if (exists(p)) return p;
    return core::fail(core::ErrorCode::not_found,
                      "config file " + p.string() + " (named by $SCHOLARD_CONFIG) does not exist");
  }
  std::vector<fs::path> candidates{absolute_in(env.cwd, "scholard.toml")};
  if (auto xdg = xdg_dir(env, "XDG_CONFIG_HOME")) {
    candidates.push_back(*xdg / "scholard" / "scholard.toml");
  } else if (auto home = env.get("HOME")) {
    candidates.push_back(fs::path(*home) / ".config" / "scholard" / "scholard.toml");
  }
  candidates.emplace_back("/etc/scholard/scholard.toml");
  std::string looked;
  for (const fs::path& c : candidates) {
    fs::path p = c.lexically_normal();
    if (exists(p)) return p;
    looked += "\n  " + p.string();
  }
  return core::fail(core::ErrorCode::not_found,
                    "no config file found; give one with --config or $SCHOLARD_CONFIG, or create one of:" + looked);
}

core::Result<fs::path> default_store_path(const Environment& env) {
  if (auto state = env.get("STATE_DIRECTORY")) {
    // systemd exports a colon-separated list when StateDirectory= names several.
    std::string first = state->substr(0, state->find(':'));
    if (!first.empty()) return (fs::path(first) / "scholard.db").lexically_normal();
  }
  if (auto xdg = xdg_dir(env, "XDG_STATE_HOME")) return (*xdg / "scholard" / "scholard.db").lexically_normal();
  if (auto home = env.get("HOME")) {
    return (fs::path(*home) / ".local" / "state" / "scholard" / "scholard.db").lexically_normal();
  }
  return core::fail(core::ErrorCode::invalid_input,
                    "no default store path: STATE_DIRECTORY, XDG_STATE_HOME and HOME are all unset; "
                    "set [store] path in the config");
}

fs::path resolve_path(const fs::path& base_dir, std::string_view text) {
  return absolute_in(base_dir, fs::path(text));
}

}  // namespace scholard::config
