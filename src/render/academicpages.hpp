// academicpages output: one Markdown file per paper for a Jekyll
// `_publications/` folder, with the front matter that template reads
// (title, collection, category, permalink, excerpt, date, venue, paperurl,
// citation), and the folder sync that writes them.
//
// File names are `YYYY-MM-DD-slug.md` (`undated-slug.md` without a year):
// ASCII [a-z0-9-], no `/`, `..` or NUL, at most 100 bytes, unique within one
// render. Every file's second line is k_generated_marker, so the sync can
// remove the files IT wrote for papers no longer listed and never touches a
// file it did not write.
//
// render_academicpages is pure. sync_publication_folder is the I/O edge
// (through output_file.hpp and std::filesystem, never outside the folder).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "render/markdown.hpp"
#include "render/paper.hpp"

namespace scholard::render {

inline constexpr std::string_view k_generated_marker = "# scholard:generated";
inline constexpr std::size_t k_max_file_name = 100;

struct GeneratedFile {
  std::string name;   // a bare file name (is_safe_file_name)
  std::string bytes;
  friend bool operator==(const GeneratedFile&, const GeneratedFile&) = default;
};

// True for names this module may create or delete: 1..100 bytes of
// [A-Za-z0-9._-], not starting with '.', without "..", ending in ".md".
bool is_safe_file_name(std::string_view name);

// True when `bytes` (a file's start is enough) carries the marker line.
bool has_generated_marker(std::string_view bytes);

// The paper key a generated file names on its marker line
// ("# scholard:generated for KEY: ..."); "" when `bytes` (the file's first
// line is enough) has no marker or names no key.
std::string generated_key(std::string_view bytes);

// One file per visible paper, in the order given. Names that would collide
// get "-2", "-3" ... before ".md".
std::vector<GeneratedFile> render_academicpages(const std::vector<MergedPaper>& papers,
                                                const MarkdownOptions& options);

struct FolderSync {
  std::vector<std::string> written;    // created or changed
  std::vector<std::string> unchanged;  // same bytes already there: untouched
  std::vector<std::string> removed;    // marked files of papers no longer listed
  std::vector<std::string> skipped;    // a file without the marker (or a non-file) is in the way
};

// Writes `files` into `folder` (created if missing), each only when its
// bytes differ, each atomically (StagedWrites, output_file.hpp: one flush for
// all of them), then deletes every regular `*.md` file in the folder (not
// below it, never through a symlink) that carries the marker and is not
// among `files`. A paper whose file changes name (its title or date
// changed) has its old file moved to the new name before the new bytes
// replace it, so a crash at any point leaves each paper in one file, never
// two (the old name removed after the new one is written listed it twice).
// An existing entry without the marker is never overwritten:
// it is reported in `skipped`. Errors: invalid_input for an unsafe file name
// (nothing is written then); io when a file cannot be written or flushed
// (nothing is replaced then), or cannot be renamed or removed, or the folder
// cannot be listed (files handled before the error stay done).
core::Result<FolderSync> sync_publication_folder(const std::filesystem::path& folder,
                                                 const std::vector<GeneratedFile>& files);

}  // namespace scholard::render
