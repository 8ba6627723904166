// Which listed paper an answer belongs to.
//
// A pass asks each source for canonical ids (arXiv ids, DOIs) and keeps, per
// source, a map from that id to the paper's key. A fetcher reports each
// answer under the id it was given (`FetchOutcome::requested`), which may be
// spelled differently (a version suffix, a DOI's case or URL form): the
// lookup canonicalises it the same way the pass did before asking.
#pragma once

#include <map>
#include <string>


namespace scholard::daemon {

// canonical arXiv id or DOI -> paper key
using KeyOfId = std::map<std::string, std::string>;

// The paper key of an answer for `requested`, from one source's `keys`:
// the id as given, else its canonical arXiv id or DOI; nullptr when no
// listed paper asked that source for it.
const std::string* answer_key(const KeyOfId& keys, const std::string& requested);

}  // namespace scholard::daemon
