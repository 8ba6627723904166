#include "daemon/render_stamp.hpp"

#include <sys/stat.h>

#include "core/digest.hpp"
#include "render/output_file.hpp"

namespace scholard::daemon {
namespace fs = std::filesystem;

namespace {

std::int64_t ns_of(const struct timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + static_cast<std::int64_t>(t.tv_nsec);
}

// "DEV INO SIZE MTIME CTIME": what changes whenever the file does.
std::string stat_fields(const struct stat& st) {
  return std::to_string(st.st_dev) + " " + std::to_string(st.st_ino) + " " + std::to_string(st.st_size) + " " +
         std::to_string(ns_of(st.st_mtim)) + " " + std::to_string(ns_of(st.st_ctim));
}

std::string file_line(const char* kind, const fs::path& path) {
  struct stat st {};
  std::string line = std::string(kind) + " " + path.string() + " ";
  if (::stat(path.c_str(), &st) != 0) return line + "missing\n";
  return line + stat_fields(st) + "\n";
}

// The folder's own stat: it moves when a file in it is created, deleted or
// renamed (also over an old one, which is how scholard, git, sed -i and most
// editors save). One stat instead of one per file: a stat per file of a
// large folder would cost as much as the rest of a nothing-due sync.
std::string folder_line(const fs::path& path) {
  struct stat st {};
  std::string line = "folder " + path.string() + " ";
  if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return line + "missing\n";
  return line + stat_fields(st) + "\n";
}

}  // namespace

std::string config_text_digest(std::string_view text) { return core::content_digest(text); }

std::string file_digest(const fs::path& path) {
  auto bytes = render::read_file(path);
  if (!bytes) return {};
  return config_text_digest(*bytes);
}

// Bumped whenever the same config and store data render differently (a new
// rule about what is published), so that outputs written under the old rule
// are rendered again once, not only after the next change.
constexpr std::string_view k_render_rules = "render-rules 2";

std::string render_stamp(const config::Config& cfg, std::string_view config_digest, std::int64_t generation) {
  std::string stamp = "scholard " SCHOLARD_VERSION "\n";
  stamp += std::string(k_render_rules) + "\n";
  stamp += "config " + std::string(config_digest) + "\n";
  stamp += "data " + std::to_string(generation) + "\n";
  for (const auto& out : cfg.outputs) {
    if (out.format == config::OutputFormat::academicpages) {
      stamp += folder_line(out.path);
      continue;
    }
    stamp += file_line("file", out.path);
    if (out.template_path) stamp += file_line("template", *out.template_path);
  }
  return stamp;
}

}  // namespace scholard::daemon
