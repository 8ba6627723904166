// Writing outputs safely: the scholard block of a page, atomic replacement,
// and "untouched unless the bytes change".
//
// Every output goes through write_if_changed: a temporary file in the same
// folder, written, fsync'd, renamed over the old file, then the folder
// fsync'd. If the bytes equal what is on disk, nothing is written and the
// mtime is kept, so a site generator watching the file is not woken.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace scholard::render {

inline constexpr std::string_view k_begin_marker = "<!-- scholard:begin -->";
inline constexpr std::string_view k_end_marker = "<!-- scholard:end -->";

// Where the block between the markers lies in a page: [begin, end) is the text
// strictly between the two marker lines' markers.
struct MarkedBlock {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Finds the markers. Errors (invalid_input, naming `name` and the line): no
// begin marker, no end marker, end before begin, a marker present twice.
core::Result<MarkedBlock> find_marked_block(std::string_view page, std::string_view name);

// The page with the text between the markers replaced by "\n" + block +
// "\n\n" (block is expected without surrounding blank lines; an empty block
// leaves a single newline). Same errors as above.
core::Result<std::string> replace_marked_block(std::string_view page, std::string_view block,
                                               std::string_view name);

enum class WriteResult { unchanged, written };

// Who sweeps the folder for a killed writer's temporaries and fsyncs it after
// the rename: write_if_changed itself (per_file), or a caller writing many
// files into one folder, once for all of them (by_caller: call
// sweep_stale_temporaries before and sync_folder after) — per file, both are
// a folder-wide cost and would make a folder of n files O(n²).
enum class FolderUpkeep { per_file, by_caller };

// Atomically replaces `path` with `bytes` unless it already holds exactly
// them. Creates missing parent folders. Keeps the old file's permission bits
// (new files get 0644). When `path` is a symbolic link (or a chain of them),
// the link stays and the file it points to is replaced, through a temporary
// in that file's folder. On any error the old file is left as it was
// (io error naming the path and the system's reason). Temporary files of the
// same target older than a minute (left by a killed writer) are removed.
core::Result<WriteResult> write_if_changed(const std::filesystem::path& path, std::string_view bytes,
                                          FolderUpkeep upkeep = FolderUpkeep::per_file);

// Removes scholard temporaries (`.NAME.scholard-XXXXXX`) older than a minute
// from `folder`. Errors are ignored: a leftover is harmless.
void sweep_stale_temporaries(const std::filesystem::path& folder);

// fsyncs a folder so the renames in it survive a power cut. Errors ignored.
void sync_folder(const std::filesystem::path& folder);

// Many files of one folder, each replaced atomically, with one flush for all
// of them instead of one fsync per file (a first academicpages sync writes
// thousands). stage() writes a file's new bytes to a temporary file beside it
// (not yet durable); commit() makes every staged temporary durable with one
// syncfs() of the folder's file system, then renames each over its target and
// fsyncs the folder once. A temporary is renamed only once it is durable, so a
// crash leaves every target old or new, never partial. Temporaries that were
// not renamed are removed by the destructor (and, if a crash leaves them, by
// sweep_stale_temporaries).
class StagedWrites {
 public:
  explicit StagedWrites(std::filesystem::path folder);
  ~StagedWrites();
  StagedWrites(const StagedWrites&) = delete;
  StagedWrites& operator=(const StagedWrites&) = delete;

  // Writes `bytes` to a temporary for folder/name, with permission bits
  // `mode`. `moved_from` (a name in the folder, or "") is the file this one
  // replaces under another name: commit() first renames it to `name`, then
  // the temporary over it, so the content is in one of the two names at
  // every moment, never in both or neither.
  // Error: io naming the temporary and the system's reason.
  core::Result<void> stage(const std::string& name, std::string_view bytes, unsigned mode,
                           const std::string& moved_from = {});
  // Flushes, renames and fsyncs as above. Errors: io when the flush fails
  // (nothing renamed) or a rename fails (the ones before it stay done).
  // The test hook SCHOLARD_TEST_KILL_AFTER_RENAMES=N (docs/reliability.md)
  // SIGKILLs the process after its Nth rename, as a crash would.
  core::Result<void> commit();

 private:
  struct Staged {
    std::filesystem::path tmp;
    std::filesystem::path target;
    std::filesystem::path moved_from;  // empty: none
  };
  std::filesystem::path m_folder;
  std::vector<Staged> m_staged;
};

// Reads a whole file. not_found when it does not exist, io on other errors.
core::Result<std::string> read_file(const std::filesystem::path& path);

// Can we create or replace `path`? Checks the nearest existing ancestor folder
// is writable and, if the file exists, that it is a regular file (for a link:
// of the file it points to, as write_if_changed writes there).
core::Result<void> check_writable(const std::filesystem::path& path);

}  // namespace scholard::render
