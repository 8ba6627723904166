#include "config/paths.hpp"

#include <cstdio>
#include <cstdlib>
#include <system_error>
#include <vector>

#include "core/digest.hpp"

namespace scholard::config {
namespace {

namespace fs = std::filesystem;

// Characters of a default store name taken from the config's folder and file.
constexpr std::size_t k_store_label_max = 40;

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

namespace {

// `given` itself when it is a file, else `given`/scholard.toml when that is
// one (a folder given where a file is expected), else nullopt.
std::optional<fs::path> file_or_folder_config(const fs::path& given, const FileExists& exists) {
  if (exists(given)) return given;
  fs::path inside = (given / "scholard.toml").lexically_normal();
  if (exists(inside)) return inside;
  return std::nullopt;
}

}  // namespace

core::Result<fs::path> find_config_path(std::string_view explicit_path, const Environment& env,
                                        const FileExists& exists) {
  if (!explicit_path.empty()) {
    fs::path p = absolute_in(env.cwd, fs::path(explicit_path));
    if (auto found = file_or_folder_config(p, exists)) return *found;
    return core::fail(core::ErrorCode::not_found, "config file " + p.string() +
                                                      " (given with --config) does not exist, nor does " +
                                                      (p / "scholard.toml").lexically_normal().string());
  }
  if (auto from_env = env.get("SCHOLARD_CONFIG")) {
    fs::path p = absolute_in(env.cwd, fs::path(*from_env));
    if (auto found = file_or_folder_config(p, exists)) return *found;
    return core::fail(core::ErrorCode::not_found, "config file " + p.string() +
                                                      " (named by $SCHOLARD_CONFIG) does not exist, nor does " +
                                                      (p / "scholard.toml").lexically_normal().string());
  }
  // The current folder, then each one above it, as git looks for .git: a
  // command run anywhere inside a site's folder finds the site's config.
  const fs::path start = env.cwd.lexically_normal();
  for (fs::path dir = start;; dir = dir.parent_path()) {
    fs::path p = (dir / "scholard.toml").lexically_normal();
    if (exists(p)) return p;
    if (dir == dir.parent_path() || dir.empty()) break;
  }
  std::vector<fs::path> candidates;
  if (auto xdg = xdg_dir(env, "XDG_CONFIG_HOME")) {
    candidates.push_back(*xdg / "scholard" / "scholard.toml");
  } else if (auto home = env.get("HOME")) {
    candidates.push_back(fs::path(*home) / ".config" / "scholard" / "scholard.toml");
  }
  candidates.emplace_back("/etc/scholard/scholard.toml");
  std::string looked = "\n  " + (start / "scholard.toml").lexically_normal().string() +
                       (start.has_relative_path() ? " and in each folder above it" : "");
  for (const fs::path& c : candidates) {
    fs::path p = c.lexically_normal();
    if (exists(p)) return p;
    looked += "\n  " + p.string();
  }
  return core::fail(core::ErrorCode::not_found,
                    "no config file found; give one with --config or $SCHOLARD_CONFIG, or create one of:" + looked);
}

core::Result<fs::path> default_store_dir(const Environment& env) {
  if (auto state = env.get("STATE_DIRECTORY")) {
    // systemd exports a colon-separated list when StateDirectory= names several.
    std::string first = state->substr(0, state->find(':'));
    if (!first.empty()) return fs::path(first).lexically_normal();
  }
  if (auto xdg = xdg_dir(env, "XDG_STATE_HOME")) return (*xdg / "scholard").lexically_normal();
  if (auto home = env.get("HOME")) return (fs::path(*home) / ".local" / "state" / "scholard").lexically_normal();
  return core::fail(core::ErrorCode::invalid_input,
                    "no default store path: STATE_DIRECTORY, XDG_STATE_HOME and HOME are all unset; "
                    "set [store] path in the config");
}

fs::path config_identity(const fs::path& config_file) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(config_file, ec);
  if (ec || canonical.empty()) return config_file.lexically_normal();
  return canonical.lexically_normal();
}

std::string default_store_name(const fs::path& identity) {
  std::string label = identity.parent_path().filename().string();
  const std::string stem = identity.stem().string();
  if (identity.filename() != "scholard.toml" || label.empty()) label += (label.empty() ? "" : "-") + stem;
  for (char& c : label) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '_' || c == '.';
    if (!plain) c = '_';
  }
  // No hidden file (a site's ".scholard" folder) and no overlong name.
  label.erase(0, label.find_first_not_of('.'));
  if (label.size() > k_store_label_max) label.resize(k_store_label_max);
  if (label.empty()) label = "config";
  char hash[16];
  std::snprintf(hash, sizeof hash, "%012llx",
                static_cast<unsigned long long>(core::xxh3(identity.string()) >> 16));
  return label + "-" + hash + ".db";
}

core::Result<fs::path> default_store_path(const Environment& env, const fs::path& identity) {
  auto dir = default_store_dir(env);
  if (!dir) return dir;
  return *dir / default_store_name(identity);
}

core::Result<fs::path> legacy_store_path(const Environment& env) {
  auto dir = default_store_dir(env);
  if (!dir) return dir;
  return *dir / "scholard.db";
}

fs::path resolve_path(const fs::path& base_dir, std::string_view text) {
  return absolute_in(base_dir, fs::path(text));
}

}  // namespace scholard::config
