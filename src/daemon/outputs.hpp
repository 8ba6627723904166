// Rendering every configured output from what the store holds, and writing
// the ones whose bytes changed (or, in a dry run, showing the diff).
// Shared by `sync`, `render` and `export`: outputs come from the store alone,
// so the same store always gives the same bytes.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/result.hpp"
#include "render/paper.hpp"
#include "render/screen.hpp"
#include "daemon/sources.hpp"
#include "store/types.hpp"

namespace scholard::daemon {

enum class WriteMode { write, dry_run };

struct OutputResult {
  config::OutputFormat format = config::OutputFormat::markdown;
  std::filesystem::path path;
  bool changed = false;               // written (or, dry run, would be written)
  std::string diff;                   // dry run: unified diff (folder outputs: one per file)
  std::vector<std::string> removed;   // academicpages: files removed (or to remove)
  std::vector<std::string> skipped;   // academicpages: files in the way it did not write
  std::string error;                  // non-empty when this output failed
  core::ErrorCode error_code = core::ErrorCode::io;
};

// A listed paper left out of every output because nothing can be shown for
// it yet (render/screen.hpp), and why.
struct WaitingPaper {
  std::string key;
  // "arXiv has no such paper — typo?", "arXiv unreachable (HTTP 503), will retry",
  // "not fetched yet" ...
  std::string reason;
  bool tried = false;  // a source was asked (false: never fetched yet)
};

// What the researcher should hear about the list itself: papers left out,
// papers that look like somebody else's, papers listed twice.
struct PaperNotes {
  std::vector<WaitingPaper> waiting;
  std::vector<render::ForeignPaper> foreign;
  std::vector<render::DuplicatePaper> duplicates;
  bool empty() const { return waiting.empty() && foreign.empty() && duplicates.empty(); }
  // One line per note, each starting with the paper's key:
  // "2412.99999: not on the page yet: arXiv has no such paper — typo?",
  // "2403.01977: none of the authors matches your profile (Jane Benton, ...); typo? (...)",
  // "10.1093/x: the same paper as 2211.03595 (the same DOI 10.1093/x): rendered once ...".
  std::vector<std::string> lines() const;
};

// Why a source has given a paper no record yet, for a person, from its
// fetch state: "arXiv has no such paper — typo?" (not_found), "arXiv
// unreachable (HTTP 503), will retry" (error) ...; "" after a success or
// before any attempt. `source` is nullptr for a source this run does not
// know (then it is named by `name`).
std::string waiting_reason(const SourceInfo* source, std::string_view name, const store::FetchState& state);

// What the outputs show: the merged papers left after screening, with the notes.
struct PublishedList {
  std::vector<render::MergedPaper> papers;
  PaperNotes notes;
};

// Merges (merged_papers) and screens (render::screen_papers) the list; the
// reasons for waiting papers come from their fetch states in `stored`.
// Records of sources not in `sources` are left out.
PublishedList published_papers(const config::Config& cfg, const std::vector<store::PaperDetail>& stored,
                               const SourceList& sources = registry_source_list());

struct RenderReport {
  std::vector<OutputResult> outputs;
  PaperNotes notes;  // about the papers every output was rendered from
  int changed() const;
  int failed() const;
  // Paths of the outputs that changed, for the hook's environment.
  std::vector<std::filesystem::path> changed_paths() const;
};

// Merges the config's papers with the stored records (sorted, keys assigned).
// The records go to the merge in the order of `sources`; others are left out.
std::vector<render::MergedPaper> merged_papers(const config::Config& cfg,
                                               const std::vector<store::PaperDetail>& stored,
                                               const SourceList& sources = registry_source_list());

// The bytes of one output for the given papers. For markdown this is the
// whole page (the block replaced inside the current file); academicpages is
// not a single file and is refused (invalid_input). Errors: the page or the
// template cannot be read (io / not_found), markers missing, template invalid
// (invalid_input).
core::Result<std::string> render_single(const config::Output& out, const std::vector<render::MergedPaper>& papers);

// Renders and writes (or diffs) every output from published_papers (so a
// waiting paper or a second listing is in none of them). One output failing does not
// stop the others; its error is in its OutputResult.
RenderReport render_outputs(const config::Config& cfg, const std::vector<store::PaperDetail>& stored,
                            WriteMode mode, const SourceList& sources = registry_source_list());

}  // namespace scholard::daemon
