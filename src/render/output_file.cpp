#include "render/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace scholard::render {
namespace fs = std::filesystem;
using core::ErrorCode;
using core::fail;

namespace {

std::size_t line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::string sys_error(const fs::path& path, std::string_view what) {
  const bool full = errno == ENOSPC || errno == EDQUOT;
  return path.string() + ": " + std::string(what) + ": " + std::strerror(errno) + (full ? " (disk full?)" : "");
}

// Closes a descriptor on every path out of write_if_changed.
class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }
  int release() { return std::exchange(m_fd, -1); }

 private:
  int m_fd;
};

// Errors name `output`, the file the bytes are for (not its temporary).
core::Result<void> write_all(int fd, std::string_view bytes, const fs::path& output) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(ErrorCode::io, sys_error(output, "cannot write"));
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

// Temporary files of `target` left behind by a writer that was killed
// between creating and renaming them (a minute old: no live write takes that
// long). Removing them keeps killed syncs from littering the site folder.
// `.NAME.scholard-XXXXXX` (of `target` when given, else of any output).
bool is_temporary_name(const std::string& name, const fs::path& target) {
  constexpr std::string_view k_infix = ".scholard-";
  if (!target.empty()) {
    const std::string prefix = "." + target.filename().string() + std::string(k_infix);
    return name.rfind(prefix, 0) == 0 && name.size() == prefix.size() + 6;
  }
  const auto at = name.rfind(k_infix);
  return name.size() > 1 && name[0] == '.' && at != std::string::npos && at > 1 && name.size() == at + k_infix.size() + 6;
}

void remove_stale_temporaries(const fs::path& folder, const fs::path& target) {
  const auto cutoff = fs::file_time_type::clock::now() - std::chrono::minutes(1);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (!is_temporary_name(entry.path().filename().string(), target) || !entry.is_regular_file(ec)) continue;
    if (entry.last_write_time(ec) < cutoff && !ec) fs::remove(entry.path(), ec);
  }
}

// The file a write to `path` replaces: `path` itself, or, when it is a
// symbolic link, the file its chain of links ends at (which need not exist
// yet). Replacing the link by a regular file would cut the researcher's
// page off from wherever it really lives (docs/reliability.md).
core::Result<fs::path> link_target(const fs::path& path) {
  constexpr int k_max_hops = 40;  // as the kernel's ELOOP limit
  fs::path at = path;
  for (int hop = 0; hop < k_max_hops; ++hop) {
    std::error_code ec;
    if (fs::symlink_status(at, ec).type() != fs::file_type::symlink) return at;
    const fs::path to = fs::read_symlink(at, ec);
    if (ec) return fail(ErrorCode::io, at.string() + ": cannot read the symbolic link: " + ec.message());
    at = to.is_absolute() ? to : at.parent_path() / to;
  }
  return fail(ErrorCode::io, path.string() + ": too many levels of symbolic links");
}

// The crash-test hook of StagedWrites::commit: with
// SCHOLARD_TEST_KILL_AFTER_RENAMES=N in the environment, the process
// SIGKILLs itself right after its Nth rename, so a test can stop a folder's
// update between any two steps (tests/integration/faults/writes_test.cpp).
class CrashHook {
 public:
  CrashHook() {
    const char* text = std::getenv("SCHOLARD_TEST_KILL_AFTER_RENAMES");
    if (text != nullptr && *text != '\0') m_left = std::atol(text);
  }
  void renamed() {
    if (m_left > 0 && --m_left == 0) ::kill(::getpid(), SIGKILL);
  }

 private:
  long m_left = 0;  // 0: off
};

}  // namespace

void sweep_stale_temporaries(const fs::path& folder) { remove_stale_temporaries(folder, {}); }

void sync_folder(const fs::path& folder) {
  Fd dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());
}

core::Result<MarkedBlock> find_marked_block(std::string_view page, std::string_view name) {
  auto begin = page.find(k_begin_marker);
  auto end = page.find(k_end_marker);
  const std::string who(name);
  if (begin == std::string_view::npos) {
    return fail(ErrorCode::invalid_input,
                who + ": no `" + std::string(k_begin_marker) + "` marker; add the two scholard markers around the "
                      "publication list (or run `scholard import --write`)");
  }
  if (end == std::string_view::npos) {
    return fail(ErrorCode::invalid_input, who + ":" + std::to_string(line_of(page, begin)) + ": `" +
                                              std::string(k_begin_marker) + "` has no matching `" +
                                              std::string(k_end_marker) + "`");
  }
  if (end < begin) {
    return fail(ErrorCode::invalid_input, who + ":" + std::to_string(line_of(page, end)) + ": `" +
                                              std::string(k_end_marker) + "` comes before the begin marker");
  }
  if (page.find(k_begin_marker, begin + 1) != std::string_view::npos ||
      page.find(k_end_marker, end + 1) != std::string_view::npos) {
    return fail(ErrorCode::invalid_input, who + ": the scholard markers appear more than once; keep one pair");
  }
  return MarkedBlock{begin + k_begin_marker.size(), end};
}

core::Result<std::string> replace_marked_block(std::string_view page, std::string_view block, std::string_view name) {
  auto where = find_marked_block(page, name);
  if (!where) return tl::unexpected(where.error());
  std::string out;
  out.reserve(page.size() + block.size());
  out.append(page.substr(0, where->begin));
  out.push_back('\n');
  out.append(block);
  // A blank line before the end marker: Markdown (kramdown) would otherwise
  // fold the marker into the last entry's paragraph.
  if (!block.empty()) out.append(block.back() == '\n' ? "\n" : "\n\n");
  out.append(page.substr(where->end));
  return out;
}

core::Result<std::string> read_file(const fs::path& path) {
  std::error_code dir_ec;
  if (fs::is_directory(path, dir_ec)) return fail(ErrorCode::io, path.string() + ": is a folder, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return fail(ErrorCode::not_found, path.string() + ": no such file");
    return fail(ErrorCode::io, sys_error(path, "cannot open"));
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return fail(ErrorCode::io, sys_error(path, "read failed"));
  return std::move(buf).str();
}

core::Result<WriteResult> write_if_changed(const fs::path& output, std::string_view bytes, FolderUpkeep upkeep) {
  if (auto old = read_file(output); old && *old == bytes) return WriteResult::unchanged;
  // Through a link to its target, replaced in the target's own folder: a
  // rename is atomic only within one file system.
  const auto target = link_target(output);
  if (!target) return tl::unexpected(target.error());
  const fs::path& path = *target;
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return fail(ErrorCode::io, folder.string() + ": cannot create folder: " + ec.message());

  mode_t mode = 0644;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) mode = st.st_mode & 07777;

  if (upkeep == FolderUpkeep::per_file) remove_stale_temporaries(folder, path);
  std::string tmpl = (folder / ("." + path.filename().string() + ".scholard-XXXXXX")).string();
  Fd fd(::mkstemp(tmpl.data()));
  if (fd.get() < 0) return fail(ErrorCode::io, sys_error(path, "cannot create a temporary file beside it"));
  const fs::path tmp = tmpl;
  auto cleanup = [&](core::Error e) -> core::Result<WriteResult> {
    ::unlink(tmp.c_str());
    return tl::unexpected(std::move(e));
  };
  // Errors name the output, which is what was not written; its temporary is gone.
  if (auto w = write_all(fd.get(), bytes, path); !w) return cleanup(w.error());
  if (::fchmod(fd.get(), mode) != 0) return cleanup({ErrorCode::io, sys_error(path, "cannot set the mode")});
  if (::fsync(fd.get()) != 0) return cleanup({ErrorCode::io, sys_error(path, "cannot write (fsync)")});
  if (::close(fd.release()) != 0) return cleanup({ErrorCode::io, sys_error(path, "cannot write (close)")});
  if (::rename(tmp.c_str(), path.c_str()) != 0) return cleanup({ErrorCode::io, sys_error(path, "rename failed")});
  if (upkeep == FolderUpkeep::per_file) sync_folder(folder);
  return WriteResult::written;
}

StagedWrites::StagedWrites(fs::path folder) : m_folder(std::move(folder)) {}

StagedWrites::~StagedWrites() {
  for (const Staged& s : m_staged) ::unlink(s.tmp.c_str());
}

core::Result<void> StagedWrites::stage(const std::string& name, std::string_view bytes, unsigned mode,
                                       const std::string& moved_from) {
  const fs::path target = m_folder / name;
  std::string tmpl = (m_folder / ("." + name + ".scholard-XXXXXX")).string();
  Fd fd(::mkstemp(tmpl.data()));
  if (fd.get() < 0) return fail(ErrorCode::io, sys_error(target, "cannot create a temporary file beside it"));
  // from here on the destructor removes it
  m_staged.push_back({tmpl, target, moved_from.empty() ? fs::path() : m_folder / moved_from});
  if (auto w = write_all(fd.get(), bytes, target); !w) return w;
  if (::fchmod(fd.get(), static_cast<mode_t>(mode)) != 0) {
    return fail(ErrorCode::io, sys_error(target, "cannot set the mode"));
  }
  if (::close(fd.release()) != 0) return fail(ErrorCode::io, sys_error(target, "cannot write (close)"));
  return {};
}

core::Result<void> StagedWrites::commit() {
  if (m_staged.empty()) return {};
  Fd dir(::open(m_folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) return fail(ErrorCode::io, sys_error(m_folder, "cannot open the folder"));
  // One flush of the file system makes every temporary's bytes durable; it
  // reports write-back errors (Linux >= 5.8), and nothing is renamed then.
  if (::syncfs(dir.get()) != 0) return fail(ErrorCode::io, sys_error(m_folder, "cannot write (syncfs)"));
  CrashHook crash;
  std::size_t done = 0;
  std::string error;
  for (; done < m_staged.size(); ++done) {
    const Staged& s = m_staged[done];
    // The old name's file becomes the new name's first (one atomic rename:
    // the paper stays listed once), then gets the new bytes. Gone already
    // (ENOENT: removed by hand) is no reason to stop.
    if (!s.moved_from.empty()) {
      if (::rename(s.moved_from.c_str(), s.target.c_str()) != 0 && errno != ENOENT) {
        error = sys_error(s.moved_from, "rename failed");
        break;
      }
      crash.renamed();
    }
    if (::rename(s.tmp.c_str(), s.target.c_str()) != 0) {
      error = sys_error(s.target, "rename failed");
      break;
    }
    crash.renamed();
  }
  const bool failed = done < m_staged.size();
  m_staged.erase(m_staged.begin(), m_staged.begin() + static_cast<std::ptrdiff_t>(done));
  ::fsync(dir.get());
  if (failed) return fail(ErrorCode::io, error);
  return {};
}

core::Result<void> check_writable(const fs::path& output) {
  // A link is written through: what must be writable is its target's folder.
  const auto target = link_target(output);
  if (!target) return tl::unexpected(target.error());
  const fs::path& path = *target;
  std::error_code ec;
  if (fs::exists(path, ec)) {
    if (!fs::is_regular_file(path, ec)) return fail(ErrorCode::io, path.string() + ": exists but is not a regular file");
  }
  fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  while (!folder.empty() && !fs::exists(folder, ec)) {
    if (!folder.has_parent_path() || folder.parent_path() == folder) break;
    folder = folder.parent_path();
  }
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    return fail(ErrorCode::io, sys_error(folder, "folder is not writable"));
  }
  return {};
}

}  // namespace scholard::render
