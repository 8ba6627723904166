// Which listed paper an answer belongs to, and the store row it becomes.
//
// A pass asks each source for canonical ids (arXiv ids, DOIs) and keeps, per
// source, a map from that id to the paper's key. A fetcher reports each
// answer under the id it was given (`FetchOutcome::requested`), which may be
// spelled differently (a version suffix, a DOI's case or URL form): the
// lookup canonicalises it the same way the pass did before asking.
#pragma once

#include <map>
#include <string>

#include "fetchers/fetch_result.hpp"
#include "store/types.hpp"

namespace scholard::daemon {

// canonical arXiv id or DOI -> paper key
using KeyOfId = std::map<std::string, std::string>;

// The paper key of an answer for `requested`, from one source's `keys`:
// the id as given, else its canonical arXiv id or DOI; nullptr when no
// listed paper asked that source for it.
const std::string* answer_key(const KeyOfId& keys, const std::string& requested);

// How the store keeps a fetcher's status.
store::StoredOutcome stored_outcome(fetchers::FetchStatus status);

// The row an answer `o` for paper `key` from source `source` becomes in the
// store: all of it but when the paper is next due, which the schedule decides
// (daemon/schedule.hpp). Moves the record, hash, validators and message out
// of `o`; the record is kept only for an ok answer.
store::FetchResult stored_answer(const std::string& key, const std::string& source, fetchers::FetchOutcome&& o);

}  // namespace scholard::daemon
