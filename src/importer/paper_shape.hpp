// Whether a paragraph or list item of a page is a paper.
//
// `import --write` puts the scholard markers around what it takes for the
// publication list, and the next `sync` replaces everything between them, so
// taking a bio paragraph, a list of talks or an awards section for papers
// destroys the researcher's text. An entry therefore counts as a paper only
// when it has all three parts of a citation:
//   - a title that is linked (`[Title](url)` at the start, or `**Title**.` at
//     the start with an arXiv/DOI link in the entry) or quoted (`"Title"`,
//     `“Title”`, at the start or after the author list);
//   - authors: a list of person-like names (capitalised words, initials,
//     particles such as "van der"; bold, `\*` marks and "et al." allowed);
//   - a year (1900-2099), or an arXiv id or DOI (in a link or in the text).
// A line with a plain, unlinked and unquoted title is not taken: such a list
// can be marked by hand (docs/import.md). Pure.
#pragma once

#include <string>
#include <string_view>

#include "importer/markdown_entry.hpp"

namespace scholard::importer {

struct PaperShape {
  TitleForm title = TitleForm::none;
  bool authors = false;      // at least one name, and nothing but names
  bool year_or_id = false;
  bool is_paper() const { return title != TitleForm::none && authors && year_or_id; }
  // How many of the three parts are there (0-3).
  int parts() const { return (title != TitleForm::none ? 1 : 0) + (authors ? 1 : 0) + (year_or_id ? 1 : 0); }
  // What is missing, e.g. "no linked or quoted title"; "" for a paper.
  std::string missing() const;
};

// The shape of an entry (its lines joined by '\n').
PaperShape paper_shape(std::string_view entry);

bool looks_like_paper(std::string_view entry);

// A person's name as an author list writes it: 1-6 words, each capitalised,
// an initial ("R.", "J.-P."), a lower-case particle ("van", "de", "d'Alembert")
// or non-ASCII; at least one capitalised word. Markup already removed.
bool looks_like_name(std::string_view name);

}  // namespace scholard::importer
