// BibTeX output (al-folio's _bibliography/papers.bib, LaTeX users).
//
// One entry per visible paper, in the order given (merge_papers sorts them),
// keyed by MergedPaper::citation_key (stable across runs, see merge.hpp).
// Entry types: @article (journal), @inproceedings (proceedings),
// @incollection (chapter), @misc (preprints and everything else).
// Fields, in this order, when known: title, author ("Family, Given and …",
// "and others" when the list is incomplete), journal / booktitle /
// howpublished, year, volume, number, pages ("286--301"), doi, url, eprint,
// archivePrefix, primaryClass, arxiv (al-folio's badge field), then al-folio's
// own fields from the config: selected = {true}, abbr, pdf, code, and
// bibtex_show = {true} when the output asks for it.
// Text fields (abbr too) are LaTeX-escaped (escape.hpp latex_text); doi,
// eprint and a pdf file name are verbatim fields with only the characters
// that would break BibTeX %-encoded; url, code and a pdf link are http(s)
// URLs made safe by markdown_url (their own %XX escapes are kept as they
// are). Pure; deterministic; never fails.
#pragma once

#include <string>
#include <vector>

#include "render/markdown.hpp"
#include "render/paper.hpp"

namespace scholard::render {

struct BibtexOptions {
  // keep: a title that came from TeX (arXiv, config) is written as that TeX
  // source (math and accents as the authors wrote them) when its braces
  // balance; plain: the plain-text title, escaped.
  MathStyle math = MathStyle::plain;
  // Adds bibtex_show = {true} to every entry (al-folio's "Bib" button).
  bool bibtex_show = false;
};

std::string render_bibtex_entry(const MergedPaper& paper, const BibtexOptions& options);

// All visible papers, entries separated by a blank line, ending in "\n"
// ("" when there is none).
std::string render_bibtex(const std::vector<MergedPaper>& papers, const BibtexOptions& options);

// render_bibtex appended to `out` (a caller-owned, reusable buffer; see
// append_markdown).
void append_bibtex(std::string& out, const std::vector<MergedPaper>& papers, const BibtexOptions& options);

}  // namespace scholard::render
