#include "fetchers/arxiv_source.hpp"

#include <map>
#include <utility>

#include "core/identifier.hpp"
#include "fetchers/arxiv_parser.hpp"

namespace scholard::fetchers {

net::HostPolicy arxiv_policy(std::chrono::milliseconds min_interval) {
  net::HostPolicy p;
  // 5 % on top. The interval counts from the moment the previous request was
  // sent (after its connect), so the margin only covers a request taking
  // longer to reach the server than the next one does (network jitter).
  p.limiter = {min_interval + min_interval / 20, 1, net::Adaptation::fixed};
  // Backoff scales with the interval: 30 s to 15 min at arXiv's 3 s, and
  // proportionally less against a test server whose interval is scaled down.
  p.retry = {4, min_interval * 10, min_interval * 300};
  // With seconds between requests reuse saves little, and when a server drops
  // a kept-alive connection libcurl re-sends the request at once on a new
  // one, breaking the "one request every 3 s" rule.
  p.reuse_connections = false;
  return p;
}

ArxivSource::ArxivSource(net::HttpClient& client, ArxivOptions options, std::chrono::milliseconds min_interval)
    : m_fetcher(client, std::move(options)), m_min_interval(min_interval) {}

std::string ArxivSource::query_id(const PaperIds& ids) const { return ids.arxiv_id; }

std::vector<std::vector<std::string>> ArxivSource::batches(const std::vector<std::string>& ids) const {
  // The same canonical form and order ArxivFetcher::fetch plans with, so the
  // batches are the requests it makes (before any split of a rejected batch).
  std::map<std::string, std::string> first_spelling;  // canonical → as passed in
  std::vector<std::string> canonical;
  for (const std::string& text : ids) {
    auto id = core::parse_arxiv_id(text);
    if (!id) continue;
    if (first_spelling.emplace(id->versioned(), text).second) canonical.push_back(id->versioned());
  }
  auto planned = plan_arxiv_batches(m_fetcher.options(), canonical);
  for (auto& batch : planned) {
    for (std::string& id : batch) id = first_spelling[id];
  }
  return planned;
}

void ArxivSource::fetch(std::vector<FetchItem> items, BatchHandler on_batch, DoneHandler on_done) {
  std::vector<std::string> ids;
  ids.reserve(items.size());
  for (FetchItem& item : items) ids.push_back(std::move(item.id));  // validators: arXiv sends none
  m_fetcher.fetch(std::move(ids), std::move(on_batch), std::move(on_done));
}

}  // namespace scholard::fetchers
