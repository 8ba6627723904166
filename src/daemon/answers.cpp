#include "daemon/answers.hpp"

#include <utility>

#include "core/identifier.hpp"

namespace scholard::daemon {

const std::string* answer_key(const KeyOfId& keys, const std::string& requested) {
  auto find = [&](const std::string& id) -> const std::string* {
    auto it = keys.find(id);
    return it == keys.end() ? nullptr : &it->second;
  };
  if (const std::string* key = find(requested)) return key;
  // The map holds canonical ids; a DOI never parses as an arXiv id and an
  // arXiv id never as a DOI, so trying both cannot pick the wrong paper.
  if (auto ax = core::parse_arxiv_id(requested)) {
    if (const std::string* key = find(ax->id)) return key;
  }
  if (auto d = core::parse_doi(requested)) return find(d->value);
  return nullptr;
}

store::StoredOutcome stored_outcome(fetchers::FetchStatus status) {
  using fetchers::FetchStatus;
  switch (status) {
    case FetchStatus::ok: return store::StoredOutcome::ok;
    case FetchStatus::not_modified: return store::StoredOutcome::not_modified;
    case FetchStatus::not_found: return store::StoredOutcome::not_found;
    case FetchStatus::invalid: return store::StoredOutcome::invalid;
    case FetchStatus::error: return store::StoredOutcome::error;
  }
  return store::StoredOutcome::error;
}

store::FetchResult stored_answer(const std::string& key, const std::string& source, fetchers::FetchOutcome&& o) {
  store::FetchResult r;
  r.paper_key = key;
  r.source = source;
  r.outcome = stored_outcome(o.status);
  if (o.status == fetchers::FetchStatus::ok) r.record = std::move(o.record);
  r.raw_hash = std::move(o.raw_hash);
  r.etag = std::move(o.validators.etag);
  r.last_modified = std::move(o.validators.last_modified);
  r.error = std::move(o.message);
  return r;
}

}  // namespace scholard::daemon
