// sync_publication_folder (academicpages.hpp): the one place in render that
// lists and removes files. Changed files are written through StagedWrites
// (output_file.hpp): one flush for the whole folder, not one fsync per file.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <system_error>

#include "render/academicpages.hpp"
#include "render/output_file.hpp"

namespace scholard::render {
namespace fs = std::filesystem;
using core::ErrorCode;
using core::fail;

namespace {

// Enough of a file's start for its marker line with the paper's key.
constexpr std::size_t k_key_head = 512;

// The first `n` bytes of a regular file (by default enough for the marker),
// "" on error.
std::string file_head(const fs::path& path, std::size_t n = k_generated_marker.size() + 8) {
  std::ifstream in(path, std::ios::binary);
  std::string head(n, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

// What is at folder/NAME, as far as writing NAME is concerned.
enum class Existing {
  none,       // nothing: a new file
  same,       // our file with exactly the bytes to write: left alone
  different,  // our file (it carries the marker) with other bytes
  not_ours,   // a symlink, a non-file, a file without the marker, or unreadable
};

// Reads up to `n` bytes of `fd` into `buffer` (resized to what was read).
void read_up_to(int fd, std::size_t n, std::string& buffer) {
  buffer.resize(n);
  std::size_t got = 0;
  while (got < n) {
    const ssize_t r = ::read(fd, buffer.data() + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += static_cast<std::size_t>(r);
  }
  buffer.resize(got);
}

// One open per file: never through a symlink, never blocking on a FIFO. The
// whole file is read only when its size equals the new bytes' (else the
// head, for the marker). `mode` gets an existing file's permission bits.
Existing inspect(const fs::path& path, std::string_view bytes, std::string& buffer, unsigned& mode) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? Existing::none : Existing::not_ours;
  struct stat st {};
  Existing result = Existing::not_ours;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    mode = st.st_mode & 07777;
    const auto size = static_cast<std::size_t>(st.st_size);
    const bool same_size = size == bytes.size();
    read_up_to(fd, same_size ? size : k_generated_marker.size() + 8, buffer);
    if (has_generated_marker(buffer)) result = same_size && buffer == bytes ? Existing::same : Existing::different;
  }
  ::close(fd);
  return result;
}

// The generated files in `folder` by the paper they name (generated_key),
// for the papers whose file changes name. A folder that cannot be listed
// gives none: the files are then written as new ones, as before.
std::map<std::string, std::string> generated_by_key(const fs::path& folder) {
  std::map<std::string, std::string> by_key;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    std::error_code sec;
    if (!is_safe_file_name(name) || entry.symlink_status(sec).type() != fs::file_type::regular || sec) continue;
    std::string key = generated_key(file_head(entry.path(), k_key_head));
    if (!key.empty()) by_key.emplace(std::move(key), name);
  }
  return by_key;
}

// The old file of `f`'s paper when the paper's file changes name: it is
// moved to the new name rather than removed after it (sync_publication_folder).
// Not when the old name is itself written this render (another paper's new
// name). `mode` gets the old file's permission bits.
std::string renamed_from(const std::map<std::string, std::string>& old_names, const std::set<std::string>& names,
                         const GeneratedFile& f, const fs::path& folder, unsigned& mode) {
  const std::string key = generated_key(f.bytes);
  const auto it = key.empty() ? old_names.end() : old_names.find(key);
  if (it == old_names.end() || it->second == f.name || names.count(it->second) != 0) return {};
  struct stat st {};
  if (::lstat((folder / it->second).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  mode = st.st_mode & 07777;
  return it->second;
}

core::Result<void> remove_stale(const fs::path& folder, const std::set<std::string>& keep, FolderSync& sync) {
  std::error_code ec;
  fs::directory_iterator it(folder, ec);
  if (ec) return fail(ErrorCode::io, folder.string() + ": cannot list the folder: " + ec.message());
  std::vector<fs::path> stale;
  for (const auto& entry : it) {
    const std::string name = entry.path().filename().string();
    if (keep.count(name) != 0 || !is_safe_file_name(name)) continue;
    std::error_code sec;
    if (entry.symlink_status(sec).type() != fs::file_type::regular || sec) continue;
    if (has_generated_marker(file_head(entry.path()))) stale.push_back(entry.path());
  }
  std::sort(stale.begin(), stale.end());
  for (const auto& path : stale) {
    if (!fs::remove(path, ec) && ec) {
      return fail(ErrorCode::io, path.string() + ": cannot remove: " + ec.message());
    }
    sync.removed.push_back(path.filename().string());
  }
  return {};
}

}  // namespace

core::Result<FolderSync> sync_publication_folder(const fs::path& folder, const std::vector<GeneratedFile>& files) {
  std::set<std::string> names;
  for (const auto& f : files) {
    if (!is_safe_file_name(f.name)) {
      return fail(ErrorCode::invalid_input, "refusing to write an unsafe publication file name: \"" + f.name + "\"");
    }
    if (!names.insert(f.name).second) {
      return fail(ErrorCode::invalid_input, "publication file name given twice: " + f.name);
    }
  }
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return fail(ErrorCode::io, folder.string() + ": cannot create the folder: " + ec.message());
  FolderSync sync;
  sweep_stale_temporaries(folder);
  // Listed only when a file is new: a render that renames nothing (most of
  // them) reads no file twice.
  std::optional<std::map<std::string, std::string>> old_names;
  StagedWrites staged(folder);
  std::string buffer;  // reused for every file read
  for (const auto& f : files) {
    unsigned mode = 0644;
    std::string moved_from;
    switch (inspect(folder / f.name, f.bytes, buffer, mode)) {
      case Existing::same: sync.unchanged.push_back(f.name); continue;
      case Existing::not_ours: sync.skipped.push_back(f.name); continue;
      case Existing::none:
        if (!old_names) old_names = generated_by_key(folder);
        moved_from = renamed_from(*old_names, names, f, folder, mode);
        break;
      case Existing::different: break;
    }
    if (auto s = staged.stage(f.name, f.bytes, mode, moved_from); !s) return tl::unexpected(s.error());
    sync.written.push_back(f.name);
  }
  if (auto c = staged.commit(); !c) return tl::unexpected(c.error());
  auto removed = remove_stale(folder, names, sync);
  if (!sync.removed.empty()) sync_folder(folder);
  if (!removed) return tl::unexpected(removed.error());
  return sync;
}

}  // namespace scholard::render
