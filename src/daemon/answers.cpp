#include "daemon/answers.hpp"

#include "core/identifier.hpp"

namespace scholard::daemon {

const std::string* answer_key(const KeyOfId& keys, core::SourceKind source, const std::string& requested) {
  auto find = [&](const std::string& id) -> const std::string* {
    auto it = keys.find(id);
    return it == keys.end() ? nullptr : &it->second;
  };
  if (source == core::SourceKind::arxiv) {
    if (auto ax = core::parse_arxiv_id(requested)) return find(ax->id);
  } else if (auto d = core::parse_doi(requested)) {
    return find(d->value);
  }
  return find(requested);
}

}  // namespace scholard::daemon
