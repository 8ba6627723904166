#include "fetchers/arxiv_fetcher.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <utility>

#include "core/identifier.hpp"
#include "core/text.hpp"
#include "core/url.hpp"
#include "fetchers/arxiv_match.hpp"
#include "fetchers/arxiv_parser.hpp"
#include "fetchers/http_util.hpp"
#include "net/retry_policy.hpp"

namespace scholard::fetchers {
namespace {

constexpr std::string_view k_id_list = "id_list=";
constexpr std::string_view k_max_results = "&max_results=";

// A failed exchange may succeed later unless the client called it permanent;
// an "ok" exchange with a bad body (truncated, garbled) is worth a retry too.
bool retry_may_help(const net::Response& r) { return r.outcome == net::Outcome::ok || net::is_retryable(r.outcome); }

// One fetch in progress. Owned by the response handlers it hands to the
// client, so it lives exactly as long as a request is outstanding.
class ArxivRun : public std::enable_shared_from_this<ArxivRun> {
 public:
  ArxivRun(net::HttpClient& client, ArxivOptions options, BatchHandler on_batch, DoneHandler on_done)
      : m_client(client),
        m_options(std::move(options)),
        m_host(core::host_of(m_options.base_url)),
        m_on_batch(std::move(on_batch)),
        m_on_done(std::move(on_done)) {}

  void start(const std::vector<std::string>& ids);

 private:
  void next();
  void on_response(std::vector<std::string> batch, net::Response response);
  void on_feed(const std::vector<std::string>& batch, ArxivFeed&& feed, const net::Response& response);
  void on_rejected(std::vector<std::string> batch, const ArxivFeedError& error);
  void add(const std::string& canonical, FetchOutcome outcome);
  void fail_all(const std::vector<std::string>& batch, const std::string& message, bool transient);
  void deliver();

  net::HttpClient& m_client;
  ArxivOptions m_options;
  std::string m_host;
  BatchHandler m_on_batch;
  DoneHandler m_on_done;
  std::map<std::string, std::vector<std::string>> m_requested;  // canonical → as passed in
  std::deque<std::vector<std::string>> m_queue;
  std::vector<FetchOutcome> m_ready;
  FetchStats m_stats;
  int m_split_requests = 0;
};

void ArxivRun::start(const std::vector<std::string>& ids) {
  std::vector<std::string> canonical;
  for (const std::string& text : ids) {
    auto id = core::parse_arxiv_id(text);
    if (!id) {
      FetchOutcome o = make_outcome(FetchStatus::invalid, id.error().message);
      o.requested = text;
      m_stats.count(o);
      m_ready.push_back(std::move(o));
      continue;
    }
    auto& originals = m_requested[id->versioned()];
    if (originals.empty()) canonical.push_back(id->versioned());
    if (std::find(originals.begin(), originals.end(), text) == originals.end()) originals.push_back(text);
  }
  for (auto& batch : plan_arxiv_batches(m_options, canonical)) m_queue.push_back(std::move(batch));
  deliver();
  next();
}

void ArxivRun::next() {
  if (m_queue.empty()) {
    if (m_on_done) m_on_done(m_stats);
    return;
  }
  std::vector<std::string> batch = std::move(m_queue.front());
  m_queue.pop_front();
  net::Request request;
  request.url = arxiv_query_url(m_options, batch);
  request.source = std::string(k_arxiv_source);  // the client's rate rule: one request per 3 s, one connection
  request.headers.emplace_back("Accept", "application/atom+xml");
  ++m_stats.requests;
  m_client.get(std::move(request), [self = shared_from_this(), batch = std::move(batch)](net::Response r) mutable {
    self->on_response(std::move(batch), std::move(r));
  });
}

void ArxivRun::on_response(std::vector<std::string> batch, net::Response response) {
  m_stats.attempts += response.attempts;
  const std::string_view content_type = response.header("content-type");
  const bool retry = retry_may_help(response);
  if (response.status == 0 || response.body.empty() || failed_despite_status(response)) {
    fail_all(batch, describe_failure(response, m_host), retry);
  } else if (!content_type.empty() && core::ascii_lower(content_type).find("xml") == std::string::npos) {
    fail_all(batch, describe_failure(response, m_host) + " (" + std::string(content_type) + ", not Atom)", retry);
  } else if (auto feed = parse_arxiv_feed(response.body); !feed) {
    fail_all(batch, describe_failure(response, m_host) + ": " + feed.error().message, retry);
  } else if (feed->error && net::is_retryable(response.outcome)) {
    // arXiv's 5xx answers come as an error feed too ("internal error"): that
    // is the service failing, not a verdict on the ids, so no id is marked
    // invalid and the batch is not split into more requests.
    fail_all(batch, describe_failure(response, m_host) + ": " + feed->error->message, true);
  } else if (feed->error) {
    on_rejected(std::move(batch), *feed->error);
  } else if (response.outcome != net::Outcome::ok) {
    fail_all(batch, describe_failure(response, m_host), retry);
  } else {
    on_feed(batch, std::move(*feed), response);
  }
  deliver();
  next();
}

void ArxivRun::on_feed(const std::vector<std::string>& batch, ArxivFeed&& feed, const net::Response& response) {
  for (EntryMatch& m : match_entries(batch, std::move(feed))) {
    FetchOutcome o;
    if (m.status == MatchStatus::found) {
      o.status = FetchStatus::ok;
      o.record = std::move(m.entry.record);
      o.raw_hash = std::move(m.entry.raw_hash);
      o.validators = {response.etag, response.last_modified};
    } else if (m.status == MatchStatus::not_found) {
      o.status = FetchStatus::not_found;
      o.message = "arXiv has no paper " + m.requested;
    } else if (m.status == MatchStatus::other_paper) {
      // Said nothing about the id asked: a failure (the kept record stays),
      // worth asking again once whatever answered for another paper is gone.
      o = make_outcome(FetchStatus::error, answered_for_other("arXiv", m.answered, m.requested), true);
    } else {
      o.status = FetchStatus::invalid;
      o.message = m.reason;
    }
    add(m.requested, std::move(o));
  }
}

void ArxivRun::on_rejected(std::vector<std::string> batch, const ArxivFeedError& error) {
  const std::string message = "arXiv rejected the id: " + error.message;
  auto named = core::parse_arxiv_id(error.offending_id);
  auto it = named ? std::find(batch.begin(), batch.end(), named->versioned()) : batch.end();
  if (batch.size() == 1 || it != batch.end()) {
    if (it == batch.end()) it = batch.begin();
    add(*it, make_outcome(FetchStatus::invalid, message));
    batch.erase(it);
    if (batch.empty()) return;
    if (m_split_requests + 1 <= m_options.max_split_requests) {
      ++m_split_requests;
      m_queue.push_front(std::move(batch));
      return;
    }
  } else if (m_split_requests + 2 <= m_options.max_split_requests) {
    m_split_requests += 2;
    const auto half = static_cast<std::ptrdiff_t>(batch.size() / 2);
    m_queue.emplace_front(batch.begin() + half, batch.end());
    m_queue.emplace_front(batch.begin(), batch.begin() + half);
    return;
  }
  fail_all(batch, "arXiv rejected the batch and the split budget is spent: " + error.message, false);
}

void ArxivRun::add(const std::string& canonical, FetchOutcome outcome) {
  for (const std::string& original : m_requested[canonical]) {
    FetchOutcome o = outcome;
    o.requested = original;
    m_stats.count(o);
    m_ready.push_back(std::move(o));
  }
}

void ArxivRun::fail_all(const std::vector<std::string>& batch, const std::string& message, bool transient) {
  for (const std::string& id : batch) add(id, make_outcome(FetchStatus::error, message, transient));
}

void ArxivRun::deliver() {
  if (m_ready.empty()) return;
  std::vector<FetchOutcome> ready;
  ready.swap(m_ready);
  if (m_on_batch) m_on_batch(std::move(ready));
}

}  // namespace

std::string arxiv_query_url(const ArxivOptions& options, const std::vector<std::string>& ids) {
  std::string url = options.base_url;
  url += options.base_url.find('?') == std::string::npos ? '?' : '&';
  url += k_id_list;
  url += core::join(ids, ",");
  url += k_max_results;
  url += std::to_string(options.batch_size);
  return url;
}

std::vector<std::vector<std::string>> plan_arxiv_batches(const ArxivOptions& options,
                                                         const std::vector<std::string>& ids) {
  const std::size_t fixed = options.base_url.size() + 1 + k_id_list.size() + k_max_results.size() +
                            std::to_string(options.batch_size).size();
  const std::size_t per_batch = std::max<std::size_t>(options.batch_size, 1);
  std::vector<std::vector<std::string>> batches;
  std::vector<std::string> current;
  std::size_t length = fixed;
  for (const std::string& id : ids) {
    const std::size_t extra = id.size() + (current.empty() ? 0 : 1);
    if (!current.empty() && (current.size() >= per_batch || length + extra > options.max_url_length)) {
      batches.push_back(std::move(current));
      current.clear();
      length = fixed;
    }
    length += id.size() + (current.empty() ? 0 : 1);
    current.push_back(id);
  }
  if (!current.empty()) batches.push_back(std::move(current));
  return batches;
}

ArxivFetcher::ArxivFetcher(net::HttpClient& client, ArxivOptions options)
    : m_client(client), m_options(std::move(options)) {
  // max_results=0 makes arXiv fail with HTTP 500, and pages above 2000 are discouraged
  // (docs/upstream-apis.md, "Batches and paging").
  m_options.batch_size = std::clamp<std::size_t>(m_options.batch_size, 1, k_max_batch_size);
}

void ArxivFetcher::fetch(std::vector<std::string> ids, BatchHandler on_batch, DoneHandler on_done) {
  auto run = std::make_shared<ArxivRun>(m_client, m_options, std::move(on_batch), std::move(on_done));
  run->start(ids);
}

}  // namespace scholard::fetchers
