// The Markdown publication list: the block scholard writes between the
// `<!-- scholard:begin -->` / `<!-- scholard:end -->` markers of a page.
//
// Default style (the seed page's), one paragraph per paper, blank-line
// separated, hidden papers left out:
//   [Title](url). Author, **Joe Benton**\*, Author. _Venue_, 86(2):286–301, 2024.
// A cut list ends "Name et al. _Venue_ …". Every piece of text goes through
// markdown_text (escape.hpp), every URL through markdown_url, so no title or
// name can break the Markdown, inject HTML or run Liquid.
//
// A Mustache template (mstch) may replace the default style; its context is
// documented in docs/output-formats.md. Renderers are pure: bytes out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "render/paper.hpp"

namespace scholard::render {

inline constexpr int k_default_max_authors = 15;

enum class YearGrouping { none, headings };
enum class MathStyle { plain, keep };

struct MarkdownOptions {
  int max_authors = k_default_max_authors;  // a paper's own max_authors wins; 0 = no limit
  YearGrouping grouping = YearGrouping::none;  // headings: "### 2025" before each year
  MathStyle math = MathStyle::plain;          // keep: TeX math spans left verbatim in titles
  // The text after a cut author list (a paper's own et_al wins); "" = " et al.".
  // A final period merges with the one that ends the author list.
  std::string et_al = {};
  // The dash of a source's page range ("286−301"); "" = en dash. The config's
  // own pages are shown as written whatever this says.
  std::string range_dash = {};
};

// The escaped title, with a DOI registry's <i>/<em> spans as _emphasis_.
std::string markdown_title(const MergedPaper& paper, MathStyle math);

// "A, **B**\*, C" or "A, B et al" (no final period), after the et-al cut;
// options give the default max_authors and et-al text.
std::string markdown_authors(const MergedPaper& paper, const MarkdownOptions& options);

// "86(2):286–301", "86:12", "286–301", "86" or "" (not escaped); a source's
// range with `range_dash` ("" = en dash), the config's pages as written.
std::string publication_details(const MergedPaper& paper, std::string_view range_dash = {});

// publication_details appended to `out`.
void append_publication_details(std::string& out, const MergedPaper& paper);

// One paper in the default style, without a trailing newline.
std::string render_markdown_entry(const MergedPaper& paper, const MarkdownOptions& options);

// render_markdown_entry appended to `out` (academicpages writes it into each
// file's text).
void append_markdown_entry(std::string& out, const MergedPaper& paper, const MarkdownOptions& options);

// The whole block: the papers in the given order (merge_papers sorts them),
// hidden ones skipped, entries separated by a blank line, no trailing newline
// (replace_marked_block adds the line breaks around it). "" for no papers.
std::string render_markdown(const std::vector<MergedPaper>& papers, const MarkdownOptions& options);

// render_markdown appended to `out`: a caller-owned buffer, so one allocation
// can serve every output of a render (daemon::render_outputs clears and
// reuses it) instead of each output faulting in fresh megabytes. Every
// append_* renderer first reserves room for the largest output
// (output_size_estimate, paper.hpp), so whichever comes first sizes the
// buffer for all of them.
void append_markdown(std::string& out, const std::vector<MergedPaper>& papers, const MarkdownOptions& options);

// The block rendered with a Mustache template instead of the default style.
// Every value in the context is already Markdown-escaped; `{{x}}` and
// `{{{x}}}` print the same. Error: invalid_input when mstch rejects the
// template. Not thread-safe against other mstch users (it swaps mstch's
// global escape function for the duration of the call).
core::Result<std::string> render_markdown_template(const std::vector<MergedPaper>& papers,
                                                   std::string_view template_text,
                                                   const MarkdownOptions& options);

}  // namespace scholard::render
