#include "fetchers/arxiv_search.hpp"

#include <algorithm>
#include <memory>
#include <set>
#include <utility>

#include "core/text.hpp"
#include "core/url.hpp"
#include "fetchers/arxiv_fetcher.hpp"
#include "fetchers/arxiv_parser.hpp"
#include "fetchers/http_util.hpp"

namespace scholard::fetchers {
namespace {

// One search in progress, kept alive by the handler it gives the client.
class SearchRun : public std::enable_shared_from_this<SearchRun> {
 public:
  SearchRun(net::HttpClient& client, ArxivSearchOptions options, SearchHandler done)
      : m_client(client), m_options(std::move(options)), m_host(core::host_of(m_options.base_url)), m_done(std::move(done)) {}

  void request(std::size_t start) {
    net::Request r;
    r.url = arxiv_search_url(m_options, start);
    r.source = std::string(k_arxiv_source);  // the same one-request-per-interval rule as id_list fetches
    r.headers.emplace_back("Accept", "application/atom+xml");
    ++m_result.requests;
    m_client.get(std::move(r), [self = shared_from_this(), start](net::Response resp) {
      self->on_response(start, std::move(resp));
    });
  }

 private:
  void on_response(std::size_t start, const net::Response& response) {
    m_result.attempts += response.attempts;
    // arXiv answers a bad query with its Atom error feed (HTTP 400): say what it said.
    auto feed = parse_arxiv_feed(response.body);
    if (feed && feed->error) return finish(m_host + ": arXiv rejected the query: " + feed->error->message);
    if (response.outcome != net::Outcome::ok || response.body.empty()) {
      return finish(describe_failure(response, m_host));
    }
    if (!feed) return finish(m_host + ": " + feed.error().message);
    m_result.total_results = feed->total_results;
    for (auto& entry : feed->entries) {
      if (m_seen.insert(entry.record.arxiv_id).second) m_result.records.push_back(std::move(entry.record));
    }
    const std::size_t next = start + feed->entries.size();
    const auto total = static_cast<std::size_t>(std::max(0L, feed->total_results));
    if (feed->entries.empty() || next >= total || next >= m_options.max_total) return finish({});
    request(next);
  }

  void finish(std::string error) {
    m_result.error = std::move(error);
    if (m_done) m_done(std::move(m_result));
  }

  net::HttpClient& m_client;
  ArxivSearchOptions m_options;
  std::string m_host;
  SearchHandler m_done;
  SearchResult m_result;
  std::set<std::string> m_seen;
};

}  // namespace

std::string arxiv_search_url(const ArxivSearchOptions& options, std::size_t start) {
  const std::size_t page = std::clamp<std::size_t>(options.page_size, 1, k_max_batch_size);
  std::string url = options.base_url;
  url += options.base_url.find('?') == std::string::npos ? '?' : '&';
  url += "search_query=" + core::percent_encode(core::collapse_whitespace(options.query));
  url += "&start=" + std::to_string(start);
  url += "&max_results=" + std::to_string(page);
  url += "&sortBy=submittedDate&sortOrder=descending";
  return url;
}

void search_arxiv(net::HttpClient& client, ArxivSearchOptions options, SearchHandler done) {
  if (core::trim(options.query).empty()) {
    SearchResult empty;
    empty.error = "no arXiv search query";
    if (done) done(std::move(empty));
    return;
  }
  auto run = std::make_shared<SearchRun>(client, std::move(options), std::move(done));
  run->request(0);
}

}  // namespace scholard::fetchers
