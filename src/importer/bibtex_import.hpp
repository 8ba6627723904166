// BibTeX entries → proposals. Ids, most certain first: the `eprint` field
// (when archivePrefix / eprinttype is arXiv or absent), an `arxiv` /
// `arxivid` field, the `doi` field, an arXiv or DOI link in `url`, DBLP's
// `journal = {CoRR}, volume = {abs/ID}`; then, as "likely", an "arXiv:ID" in
// journal / note / howpublished. TeX in titles and names is decoded with
// core::latex_to_text. al-folio's own fields (selected, abbr, pdf, code) are
// carried over, so migrating an al-folio papers.bib loses nothing. Pure;
// never fails.
#pragma once

#include <vector>

#include "importer/bibtex.hpp"
#include "importer/proposal.hpp"

namespace scholard::importer {

// The venue a BibTeX entry names: journal, booktitle, school (theses),
// institution (reports), publisher (books), howpublished; "" otherwise.
std::string bibtex_venue(const BibEntry& entry);

Proposal proposal_from_bibtex(const BibEntry& entry);

std::vector<Proposal> proposals_from_bibtex(const std::vector<BibEntry>& entries);

}  // namespace scholard::importer
