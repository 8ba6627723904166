#include "fetchers/crossref_source.hpp"

#include <map>
#include <utility>

#include "core/identifier.hpp"
#include "fetchers/crossref_parser.hpp"

namespace scholard::fetchers {

net::HostPolicy crossref_policy(int concurrency) {
  net::HostPolicy p;
  p.limiter = {std::chrono::milliseconds(0), concurrency < 1 ? 1 : concurrency, net::Adaptation::from_headers};
  p.retry = {4, std::chrono::seconds(1), std::chrono::seconds(60)};
  return p;
}

net::HostPolicy crossref_list_policy(int concurrency) {
  // The same adaptive policy: until its first answer announces the list
  // limits, the list route sends one request at a time (the limiter's probe),
  // which no announced limit is stricter than; then it keeps to what the
  // list answers announce, never above the configured concurrency.
  return crossref_policy(concurrency);
}

CrossrefSource::CrossrefSource(net::HttpClient& client, CrossrefOptions options)
    : m_fetcher(client, std::move(options)) {}

std::string CrossrefSource::query_id(const PaperIds& ids) const {
  if (ids.doi.empty()) return {};
  if (auto doi = core::parse_doi(ids.doi); doi && core::arxiv_id_from_doi(*doi)) return {};
  return ids.doi;
}

std::vector<std::vector<std::string>> CrossrefSource::batches(const std::vector<std::string>& ids) const {
  // The DOIs CrossrefFetcher::fetch sends (valid, not arXiv's, once each),
  // grouped as it groups them, each in the spelling first passed in.
  std::map<std::string, std::string> first_spelling;
  std::vector<std::string> canonical;
  for (const std::string& text : ids) {
    auto doi = core::parse_doi(text);
    if (!doi || core::arxiv_id_from_doi(*doi)) continue;
    if (first_spelling.emplace(doi->value, text).second) canonical.push_back(doi->value);
  }
  std::vector<std::vector<std::string>> out;
  for (const auto& request : plan_crossref_requests(m_fetcher.options(), canonical)) {
    auto& batch = out.emplace_back();
    for (const std::string& doi : request) batch.push_back(first_spelling.at(doi));
  }
  return out;
}

void CrossrefSource::fetch(std::vector<FetchItem> items, BatchHandler on_batch, DoneHandler on_done) {
  std::vector<CrossrefItem> work;
  work.reserve(items.size());
  for (FetchItem& item : items) work.push_back({std::move(item.id), std::move(item.validators)});
  m_fetcher.fetch(std::move(work), std::move(on_batch), std::move(on_done));
}

}  // namespace scholard::fetchers
