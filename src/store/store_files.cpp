// The store's files as files: creating the store privately, whether this
// process may write it, its -wal/-shm side files, and its size and mtime for
// the clean-close stamp. (store.cpp opens the store with these.)
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "store/detail.hpp"

namespace scholard::store::detail {

using core::ErrorCode;
using core::Result;

namespace {

// Creates the missing folders above `path` one by one with mode 0700.
Result<void> create_private_parents(const std::filesystem::path& path) {
  std::filesystem::path parent = path.parent_path();
  if (parent.empty()) return {};
  std::vector<std::filesystem::path> missing;
  for (auto p = parent; !p.empty() && !std::filesystem::exists(p); p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) {
      return core::fail(ErrorCode::io, "cannot create folder " + it->string() + ": " + std::strerror(errno));
    }
  }
  return {};
}

std::string mode_text(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

}  // namespace

// sqlite would create the file with 0644 & ~umask; create it first, 0600.
// Its -wal and -shm files inherit the main file's permissions.
Result<void> create_private_file(const std::string& path) {
  if (auto ok = create_private_parents(path); !ok) return ok;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return {};
  }
  if (errno == EEXIST) return {};
  return core::fail(ErrorCode::io, "cannot create store " + path + ": " + std::strerror(errno));
}

// The store file's size and mtime now; nullopt when it cannot be stat'ed.
std::optional<CleanClose> file_stamp(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return CleanClose{static_cast<std::int64_t>(st.st_size),
                    static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

// A writer needs to write the store file itself: refused here, before
// sqlite opens it, because sqlite would fall back to reading it and create
// its -wal and -shm files with the file's read-only mode, which would keep
// the store unusable after the file is made writable again.
Result<void> check_writable_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd >= 0) {
    ::close(fd);
    return {};
  }
  const int err = errno;
  struct stat st {};
  std::string mode = ::stat(path.c_str(), &st) == 0 ? " (mode " + mode_text(st.st_mode) + ")" : std::string();
  return core::fail(ErrorCode::io, "cannot write the store " + path + mode + ": " + std::strerror(err) +
                                       "; make it writable (chmod u+w " + path + ") or run as its owner");
}

// The -wal and -shm files follow the store file's mode: left read-only by a
// run against a read-only store (or an older scholard), they would make
// every later write fail with "attempt to write a readonly database" after
// the store itself is fixed. Error: io naming the file when it stays
// unwritable (another user's file).
Result<void> align_side_files(const std::string& path) {
  struct stat main {};
  if (::stat(path.c_str(), &main) != 0) return {};
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string side = path + suffix;
    int fd = ::open(side.c_str(), O_RDWR | O_CLOEXEC);
    if (fd >= 0) {
      ::close(fd);
      continue;
    }
    if (errno == ENOENT) continue;
    struct stat st {};
    if (::stat(side.c_str(), &st) == 0 && (st.st_mode & 07777) != (main.st_mode & 07777) &&
        ::chmod(side.c_str(), main.st_mode & 07777) == 0) {
      fd = ::open(side.c_str(), O_RDWR | O_CLOEXEC);
      if (fd >= 0) {
        ::close(fd);
        continue;
      }
    }
    return core::fail(ErrorCode::io, "cannot write the store's " + side + ": " + std::strerror(errno) +
                                         "; give it the store file's mode and owner (or remove it while no "
                                         "scholard runs: it holds nothing a clean close left)");
  }
  return {};
}

// Whether a reader can use WAL mode's side files here: they exist, or the
// folder lets this process create them.
bool reader_can_use_side_files(const std::string& path) {
  std::error_code ec;
  const bool have_both = std::filesystem::exists(path + "-wal", ec) && std::filesystem::exists(path + "-shm", ec);
  if (have_both) return true;
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (folder.empty()) folder = ".";
  return ::access(folder.c_str(), W_OK) == 0;
}

}  // namespace scholard::store::detail
