// Screening a merged list before it is published: which papers may appear
// in an output at all, and what looks wrong with the list.
//
//  - A paper with nothing to show is left out ("waiting"): no source has
//    ever given it a record and the config gives it no title. A title in the
//    config is enough to render (a manual entry has nothing else; an id with
//    a title renders the researcher's own words and links to the id), so a
//    paper is never published as an empty entry, "[](link)" with no title,
//    authors or year.
//  - A paper whose authors come from a source and include nobody the
//    profile names (name, aliases, ORCID: NameMatcher's highlighting) is
//    flagged as foreign — a typo'd id lands on somebody else's paper. It is
//    still rendered: the researcher listed it. `not_an_author` on the paper
//    silences it; authors written in the config are never flagged.
//  - The same paper listed twice is rendered once, as the entry listed first:
//    two entries sharing a DOI or an arXiv id once the sources link them (an
//    arXiv record naming a DOI another entry lists; a DOI registry's record naming
//    the preprint another entry lists), or two entries without ids whose
//    titles differ only in case, accents or punctuation.
// Hidden papers are never rendered and so never screened.
//
// Pure: no I/O, no clock.
#pragma once

#include <string>
#include <vector>

#include "render/paper.hpp"

namespace scholard::render {

// A listed paper none of whose (source-given) authors is the profile's person.
struct ForeignPaper {
  std::string key;
  std::vector<std::string> authors;  // the first few names, as merged
  std::size_t author_count = 0;      // how many the paper has
};

// A paper left out because another entry is the same paper.
struct DuplicatePaper {
  std::string key;       // the entry left out
  std::string kept_key;  // the entry rendered (listed first in the config)
  std::string why;       // "the same DOI 10.1093/...", "the same arXiv id 2211.03595", "the same title"
};

struct Screening {
  std::vector<std::string> waiting;  // keys left out: nothing to show yet (config order)
  std::vector<ForeignPaper> foreign;
  std::vector<DuplicatePaper> duplicates;
  bool empty() const { return waiting.empty() && foreign.empty() && duplicates.empty(); }
};

// True when `paper` has something to show: a source's record was merged, or
// the config gives it a title.
bool has_content(const MergedPaper& paper);

// Screens `papers` (merge_papers' output: sorted, keys assigned) in place:
// waiting papers and later duplicates are removed, the rest keep their order;
// when any was removed, citation keys are assigned again so that a left-out
// paper never gives another one a collision suffix. `profile` decides who is
// foreign; a profile with no name, alias or ORCID flags nobody.
Screening screen_papers(std::vector<MergedPaper>& papers, const Profile& profile);

}  // namespace scholard::render
