// `scholard import`'s comparison of a page entry with what the first sync
// would render for it, and the overrides that keep the page's text.
//
// Both sides are Proposals read by the same Markdown entry parser: the
// page's entry as written, and the entry the merge of the sources with the
// proposed overrides renders (read back with parse_markdown_entry). Reading
// both the same way is what makes presentation no difference: `*x*` and
// `_x_`, whitespace, Markdown escaping, bold names and equal-contribution
// marks parse to the same values, and "et al." is a max_authors question,
// not a list of names. What remains is a difference a sync would make on the
// page: a title's case or words, an author's spelling, a venue, a year or
// month, volume, issue, or pages ("1−83" against "1–83"). Pure.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "importer/proposal.hpp"

namespace scholard::importer {

// One field where the rendered entry would differ from the page.
struct FieldDifference {
  std::string field;   // "title", "author 3", "authors", "venue", "year", "month", "volume", "issue", "pages"
  std::string page;    // as the page writes it
  std::string synced;  // as the first sync would write it
};

// The differences beyond presentation between `page` (the page's entry) and
// `synced` (the rendered entry read back), in the order title, authors,
// venue, year, month, volume, issue, pages.
std::vector<FieldDifference> compare_entries(const Proposal& page, const Proposal& synced);

// Records in page.kept (and page.max_authors) the overrides that keep the
// page's text for `differences` (from compare_entries(page, synced));
// `source_of(field)` names where the other text came from ("arXiv",
// "Crossref"), for the comment that says why the override is there.
// Authors: the same number of names gives one author_names entry per
// spelling that differs (the rest of the list keeps following the sources);
// a page that lists more names than the render shows gets max_authors;
// a list that differs otherwise is kept whole. Returns what it could not
// keep (a field the page leaves out but the sources give: an override
// cannot remove it).
std::vector<FieldDifference> keep_page_text(Proposal& page, const Proposal& synced,
                                            const std::vector<FieldDifference>& differences,
                                            const std::function<std::string(const std::string&)>& source_of);

}  // namespace scholard::importer
