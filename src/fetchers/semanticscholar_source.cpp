#include "fetchers/semanticscholar_source.hpp"

#include <map>
#include <utility>

#include "core/identifier.hpp"

namespace scholard::fetchers {

net::HostPolicy semanticscholar_policy(std::chrono::milliseconds min_interval) {
  net::HostPolicy p;
  p.limiter = {min_interval + min_interval / 20, 1, net::Adaptation::fixed};
  p.retry = {3, min_interval * 2, min_interval * 60};
  // S2's busy pool says 429 with no Retry-After: asking again within seconds
  // only adds load. The next pass asks again (the engine backs the source off).
  p.retry.retry_rate_limited_without_retry_after = false;
  // As arXiv's: a request libcurl re-sends at once on a fresh connection when
  // a kept-alive one died would break the spacing.
  p.reuse_connections = false;
  return p;
}

SemanticScholarSource::SemanticScholarSource(net::HttpClient& client, SemanticScholarOptions options,
                                             std::chrono::milliseconds min_interval)
    : m_client(client), m_fetcher(client, std::move(options)), m_min_interval(min_interval) {}

std::string SemanticScholarSource::query_id(const PaperIds& ids) const {
  if (!ids.arxiv_id.empty()) {
    auto ax = core::parse_arxiv_id(ids.arxiv_id);
    return "ARXIV:" + (ax ? ax->id : ids.arxiv_id);
  }
  if (!ids.doi.empty()) {
    auto doi = core::parse_doi(ids.doi);
    if (doi && core::arxiv_id_from_doi(*doi)) return {};
    return "DOI:" + (doi ? doi->value : ids.doi);
  }
  return ids.corpus_id;
}

std::vector<std::vector<std::string>> SemanticScholarSource::batches(const std::vector<std::string>& ids) const {
  std::map<std::string, std::string> first_spelling;  // canonical → as passed in
  std::vector<std::string> canonical;
  for (const std::string& text : ids) {
    auto id = canonical_semanticscholar_id(text);
    if (!id) continue;
    if (first_spelling.emplace(*id, text).second) canonical.push_back(*id);
  }
  auto planned = plan_semanticscholar_batches(m_fetcher.options(), canonical);
  for (auto& batch : planned) {
    for (std::string& id : batch) id = first_spelling[id];
  }
  return planned;
}

void SemanticScholarSource::fetch(std::vector<FetchItem> items, BatchHandler on_batch, DoneHandler on_done) {
  std::vector<std::string> ids;
  ids.reserve(items.size());
  for (FetchItem& item : items) ids.push_back(std::move(item.id));  // S2 sends no validators
  m_fetcher.fetch(std::move(ids), std::move(on_batch), std::move(on_done));
}

void SemanticScholarSource::match_title(std::string title, TitleMatchHandler done) {
  fetchers::match_title(m_client, m_fetcher.options(), std::move(title), std::move(done));
}

}  // namespace scholard::fetchers
