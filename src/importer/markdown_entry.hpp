// One publication as a Markdown page writes it, parsed into a Proposal.
//
// The shapes met on real pages (see tests/data/import/research-*.md):
//   [Title](url). A, **Me**\*, B et al. _Venue_, 86(2):286−301, 2024.
//   [Title](url). A, B, **Me**. *arXiv preprint arXiv:2506.15740*, 2025.
//   **Title**. A, B. _Venue_, 2023. [[arXiv](https://arxiv.org/abs/...)] [[pdf](...)]
// Venue in `_..._` or `*...*`; bold names and `\*` equal-contribution marks;
// "et al." with or without a comma; a month before the year.
//
// The id comes from the title link or another link of the entry (arXiv abs or
// pdf, doi.org, a publisher page with /doi/10.…), else from an "arXiv:ID" in
// the venue text (likely), else the entry is a manual one. Pure, never fails:
// what cannot be parsed stays as written.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "importer/proposal.hpp"

namespace scholard::importer {

// A Markdown link [text](url) found in an entry.
struct MarkdownLink {
  std::size_t begin = 0;  // offset of '['
  std::size_t end = 0;    // one past ')'
  std::string text;       // markdown escapes undone
  std::string url;
};

// How an entry gives its title (importer/paper_shape.hpp says why it matters).
enum class TitleForm {
  none,               // a plain sentence: "Title. Authors. Venue, 2024."
  linked,             // [Title](url). Authors. ...
  bold_with_id_link,  // **Title**. Authors. ... [[arXiv](https://arxiv.org/abs/...)]
  quoted,             // Authors. "Title." ... / “Title,” Authors, ...
};

// The title form of `text` (whitespace collapsed).
TitleForm title_form(std::string_view text);

// Every link of `text`, in order (images and reference-style links ignored).
std::vector<MarkdownLink> find_links(std::string_view text);

// Undoes Markdown backslash escapes (`\*` → `*`, `\[` → `[`).
std::string unescape_markdown(std::string_view text);

// The entry (its lines joined by '\n') as a proposal found at `line`.
Proposal parse_markdown_entry(std::string_view text, int line);

}  // namespace scholard::importer
