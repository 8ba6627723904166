#include "daemon/answers.hpp"

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

}  // namespace scholard::daemon
