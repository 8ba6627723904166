// Which listed paper an answer belongs to.
//
// A pass asks the fetchers for canonical arXiv ids and DOIs and keeps, per
// source, a map from that id to the paper's key. A fetcher reports each
// answer under the id it was given (`FetchOutcome::requested`), which may be
// spelled differently (a version suffix, a DOI's case or URL form): the
// lookup canonicalises it the same way the pass did before asking.
#pragma once

#include <map>
#include <string>

#include "core/record.hpp"

namespace scholard::daemon {

// canonical arXiv id or DOI -> paper key
using KeyOfId = std::map<std::string, std::string>;

// The paper key of an answer for `requested` at `source`, from `keys`;
// nullptr when no listed paper asked for that id. An id that does not parse
// is looked up as given.
const std::string* answer_key(const KeyOfId& keys, core::SourceKind source, const std::string& requested);

}  // namespace scholard::daemon
