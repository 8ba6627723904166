// Shared by the Markdown and BibTeX importers: what a venue string and the
// text after it say about a paper (volume, issue, pages, year, an arXiv id).
// Pure; never fails.
#pragma once

#include <string>
#include <string_view>

#include "importer/proposal.hpp"

namespace scholard::importer {

// True when `venue` just says "this is an arXiv preprint" ("arXiv preprint
// arXiv:2506.15740", "arXiv preprint, arXiv:…", "arXiv", "CoRR", "ArXiv e-prints").
bool is_arxiv_venue(std::string_view venue);

// Sets p.arxiv (certainty likely) from an "arXiv:ID" or "arXiv preprint ID"
// in p.venue; leaves p alone when there is none or it does not parse.
void venue_arxiv_id(Proposal& p);

// Reads ", 86(2):286−301, 2024." / ", February 2024." / ", 24:1-83, 2023":
// VOL(ISSUE):PAGES and the last year. A month name left over ("February")
// becomes p.month; other words left over become a note.
void apply_details(std::string_view text, Proposal& p);

// Sets p.url to `url` unless it is the page a render links anyway (the arXiv
// abs page of an arXiv-only entry, the doi.org link of a DOI entry).
void keep_url_if_needed(const std::string& url, Proposal& p);

// An id entry whose author list ends in "others" (et al.) gets max_authors =
// the names shown, and loses the list (the source gives every author). Manual
// entries keep the list with its "others".
void cut_list_to_max_authors(Proposal& p);

// The last 4-digit year (1900-2099) standing alone in `text`, or 0.
int last_year(std::string_view text);

}  // namespace scholard::importer
