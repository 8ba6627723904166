// `scholard import FILE`: the proposals for a Markdown publication list or a
// BibTeX file, the duplicate filter against the config, and the text the
// command prints or appends. The command (src/cli/cmd_import.cpp) does the
// I/O; everything here is pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "core/result.hpp"
#include "importer/markdown_page.hpp"
#include "importer/proposal.hpp"

namespace scholard::importer {

enum class SourceKind { markdown, bibtex };

// BibTeX when the name ends in .bib / .bibtex or the first non-blank,
// non-% character is '@'; Markdown otherwise.
SourceKind detect_kind(std::string_view text, std::string_view name);

struct ImportResult {
  SourceKind kind = SourceKind::markdown;
  std::vector<Proposal> proposals;      // in the source's order
  std::optional<PublicationList> list;  // Markdown only: where the list is
  std::vector<std::string> warnings;    // "line 30: not a publication, but inside the list ..." (marked
                                        // pages), "line 40: 3 more entries that look like papers are not ..."
};

// Parses `text`. `name` (the file name as the user gave it) prefixes errors.
// Errors: invalid_input from the BibTeX reader (NAME:LINE: ...) or when a
// page has no publication list (no run of paper-like entries; the message
// says how to place the markers by hand).
core::Result<ImportResult> import_text(std::string_view text, std::string_view name);

// The author written in bold most often (the page's owner), or "".
std::string guess_profile_name(const std::vector<Proposal>& proposals);

struct Selection {
  std::vector<Proposal> fresh;  // to propose / append
  std::vector<std::pair<Proposal, int>> duplicates;  // with the config line (0: earlier in this import)
};

// Splits proposals into new ones and those already listed in `known` (or
// earlier in the same list).
Selection select_new(const std::vector<Proposal>& proposals, KnownPapers known);

// The [[paper]] tables of `proposals`, blank-line separated, ending in a newline.
std::string format_proposals(const std::vector<Proposal>& proposals, std::string_view source_name);

}  // namespace scholard::importer
