// sync_publication_folder (academicpages.hpp): the one place in render that
// lists and removes files. Writes go through write_if_changed.
#include <algorithm>
#include <fstream>
#include <set>
#include <system_error>

#include "render/academicpages.hpp"
#include "render/output_file.hpp"

namespace scholard::render {
namespace fs = std::filesystem;
using core::ErrorCode;
using core::fail;

namespace {

// The first bytes of a regular file (enough for the marker), "" on error.
std::string file_head(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(k_generated_marker.size() + 8, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

// May we (over)write folder/name? Only when nothing is there, or a regular
// file (not a symlink) that we wrote earlier.
bool ours_or_free(const fs::path& path) {
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  if (ec || status.type() == fs::file_type::not_found) return true;
  return status.type() == fs::file_type::regular && has_generated_marker(file_head(path));
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
  for (const auto& f : files) {
    const fs::path path = folder / f.name;
    if (!ours_or_free(path)) {
      sync.skipped.push_back(f.name);
      continue;
    }
    auto written = write_if_changed(path, f.bytes, FolderUpkeep::by_caller);
    if (!written) {
      sync_folder(folder);
      return tl::unexpected(written.error());
    }
    (*written == WriteResult::written ? sync.written : sync.unchanged).push_back(f.name);
  }
  auto removed = remove_stale(folder, names, sync);
  sync_folder(folder);
  if (!removed) return tl::unexpected(removed.error());
  return sync;
}

}  // namespace scholard::render
