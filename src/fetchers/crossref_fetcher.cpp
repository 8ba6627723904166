#include "fetchers/crossref_fetcher.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <utility>

#include "core/identifier.hpp"
#include "core/text.hpp"
#include "core/url.hpp"
#include "fetchers/crossref_parser.hpp"
#include "fetchers/http_util.hpp"
#include "net/retry_policy.hpp"

namespace scholard::fetchers {
namespace {

// An answer's DOI in the canonical form the DOIs asked are kept in, so the
// two compare alike (Crossref sends it bare and lower-cased).
std::string canonical_answer_doi(std::string_view doi) {
  auto parsed = core::parse_doi(doi);
  return parsed ? parsed->value : core::ascii_lower(doi);
}

// The meaning of one answer, for the (canonical) DOI it was asked for with `sent`.
FetchOutcome interpret(const net::Response& r, std::string_view host, std::string_view doi, const Validators& sent) {
  if (r.outcome == net::Outcome::not_modified) {
    // A 304 need not repeat the validators (RFC 9110 §15.4.5 lists ETag but
    // not Last-Modified): what it leaves out stays as sent, so the kept
    // answer can still be asked about conditionally next time.
    FetchOutcome o = make_outcome(FetchStatus::not_modified, {});
    o.validators = {r.etag.empty() ? sent.etag : r.etag, r.last_modified.empty() ? sent.last_modified : r.last_modified};
    return o;
  }
  if (r.status == 0 || failed_despite_status(r)) {
    return make_outcome(FetchStatus::error, describe_failure(r, host), net::is_retryable(r.outcome));
  }
  auto record = classify_crossref_response(r.status, r.body);
  if (record && canonical_answer_doi(record->doi) != doi) {
    // Valid JSON for another work (a proxy, a cache, a server bug): it says
    // nothing about the DOI asked, so the kept record stays. Asking again
    // later may meet the right answer. (An aliased DOI answered with its
    // prime DOI's work lands here too: the config should name the prime DOI.)
    return make_outcome(FetchStatus::error,
                        answered_for_other("Crossref", record->doi.empty() ? std::vector<std::string>{}
                                                                            : std::vector<std::string>{record->doi},
                                           doi),
                        true);
  }
  if (record) {
    FetchOutcome o = make_outcome(FetchStatus::ok, {});
    o.record = std::move(*record);
    o.raw_hash = content_hash(r.body);
    o.validators = {r.etag, r.last_modified};
    return o;
  }
  const core::Error& e = record.error();
  if (e.code == core::ErrorCode::not_found) return make_outcome(FetchStatus::not_found, e.message);
  const bool transient = e.code == core::ErrorCode::transient || e.code == core::ErrorCode::rate_limited ||
                         e.code == core::ErrorCode::invalid_input;
  return make_outcome(FetchStatus::error, e.message, transient);
}

// The works of a list answer, or the error every DOI of the batch gets.
core::Result<std::vector<ListedWork>> interpret_list(const net::Response& r, std::string_view host) {
  if (r.status == 0 || failed_despite_status(r)) {
    const core::ErrorCode code = net::is_retryable(r.outcome) ? core::ErrorCode::transient : core::ErrorCode::permanent;
    return core::fail(code, describe_failure(r, host));
  }
  return classify_crossref_list_response(r.status, r.body);
}

// One fetch in progress; kept alive by the handlers it gives the client.
class CrossrefRun : public std::enable_shared_from_this<CrossrefRun> {
 public:
  CrossrefRun(net::HttpClient& client, CrossrefOptions options, BatchHandler on_batch, DoneHandler on_done)
      : m_client(client),
        m_options(std::move(options)),
        m_host(core::host_of(m_options.base_url)),
        m_on_batch(std::move(on_batch)),
        m_on_done(std::move(on_done)) {}

  void start(const std::vector<CrossrefItem>& items);

 private:
  void send(const std::string& doi);
  void send_list(std::vector<std::string> dois);
  void on_response(const std::string& doi, const Validators& sent, const net::Response& response);
  void on_list_response(const std::vector<std::string>& dois, const net::Response& response);
  void deliver_for(const std::string& doi, const FetchOutcome& outcome, std::vector<FetchOutcome>& out);
  void deliver(std::vector<FetchOutcome> outcomes);
  void finish_request();

  net::HttpClient& m_client;
  CrossrefOptions m_options;
  std::string m_host;
  BatchHandler m_on_batch;
  DoneHandler m_on_done;
  std::map<std::string, std::vector<std::string>> m_requested;  // canonical DOI → as passed in
  std::map<std::string, Validators> m_validators;                // canonical DOI → validators to send
  FetchStats m_stats;
  std::size_t m_pending = 0;
};

void CrossrefRun::start(const std::vector<CrossrefItem>& items) {
  std::vector<FetchOutcome> rejected;
  std::vector<std::string> canonical;
  for (const CrossrefItem& item : items) {
    auto doi = core::parse_doi(item.doi);
    std::string reason = doi ? std::string{} : doi.error().message;
    if (doi) {
      if (auto ax = core::arxiv_id_from_doi(*doi)) {
        reason = "'" + doi->value + "' is an arXiv DOI (registered at DataCite): fetch it from arXiv as arXiv:" + ax->id;
      }
    }
    if (!reason.empty()) {
      FetchOutcome o = make_outcome(FetchStatus::invalid, std::move(reason));
      o.requested = item.doi;
      rejected.push_back(std::move(o));
      continue;
    }
    auto& originals = m_requested[doi->value];
    if (originals.empty()) {
      canonical.push_back(doi->value);
      m_validators[doi->value] = item.validators;
    }
    if (std::find(originals.begin(), originals.end(), item.doi) == originals.end()) originals.push_back(item.doi);
  }
  auto requests = plan_crossref_requests(m_options, canonical);
  m_pending = requests.size();
  if (!rejected.empty()) deliver(std::move(rejected));
  for (auto& dois : requests) {
    if (dois.size() == 1) {
      send(dois.front());
    } else {
      send_list(std::move(dois));
    }
  }
  if (canonical.empty() && m_on_done) m_on_done(m_stats);
}

void CrossrefRun::send(const std::string& doi) {
  const Validators& validators = m_validators[doi];
  net::Request request;
  request.url = crossref_work_url(m_options, doi);
  request.source = std::string(k_crossref_source);  // the client's Crossref pool limits apply, whatever the host
  request.headers.emplace_back("Accept", "application/json");
  request.etag = validators.etag;
  request.last_modified = validators.last_modified;
  ++m_stats.requests;
  m_client.get(std::move(request), [self = shared_from_this(), doi, validators](net::Response r) {
    self->on_response(doi, validators, r);
  });
}

void CrossrefRun::send_list(std::vector<std::string> dois) {
  net::Request request;
  request.url = crossref_list_url(m_options, dois);
  request.source = std::string(k_crossref_list_key);  // the list route's own limits
  request.headers.emplace_back("Accept", "application/json");
  ++m_stats.requests;
  m_client.get(std::move(request), [self = shared_from_this(), dois = std::move(dois)](net::Response r) {
    self->on_list_response(dois, r);
  });
}

void CrossrefRun::on_response(const std::string& doi, const Validators& sent, const net::Response& response) {
  m_stats.attempts += response.attempts;
  std::vector<FetchOutcome> outcomes;
  deliver_for(doi, interpret(response, m_host, doi, sent), outcomes);
  deliver(std::move(outcomes));
  finish_request();
}

void CrossrefRun::on_list_response(const std::vector<std::string>& dois, const net::Response& response) {
  m_stats.attempts += response.attempts;
  auto works = interpret_list(response, m_host);
  std::vector<FetchOutcome> outcomes;
  if (!works) {
    const core::Error& e = works.error();
    const bool transient = e.code != core::ErrorCode::permanent;
    const FetchOutcome failed = make_outcome(FetchStatus::error, e.message, transient);
    for (const std::string& doi : dois) deliver_for(doi, failed, outcomes);
    deliver(std::move(outcomes));
    finish_request();
    return;
  }
  // Items are matched by their DOI (Crossref lower-cases it, as parse_doi does);
  // the order of a list is not the order asked. An item for a DOI not asked
  // is given to no paper: the DOIs it may stand in for are missing from the
  // answer and are asked singly.
  std::map<std::string, ListedWork*> by_doi;
  for (ListedWork& w : *works) by_doi.emplace(canonical_answer_doi(w.record.doi), &w);
  std::vector<std::string> missing;
  for (const std::string& doi : dois) {
    auto it = by_doi.find(doi);
    if (it == by_doi.end()) {
      missing.push_back(doi);
      continue;
    }
    FetchOutcome o = make_outcome(FetchStatus::ok, {});
    o.record = std::move(it->second->record);
    o.raw_hash = std::move(it->second->raw_hash);
    by_doi.erase(it);  // its record is moved out; the list asks each DOI once
    deliver_for(doi, o, outcomes);
  }
  if (!outcomes.empty()) deliver(std::move(outcomes));
  m_pending += missing.size();  // each is asked singly before the list counts as answered
  for (const std::string& doi : missing) send(doi);
  finish_request();
}

void CrossrefRun::deliver_for(const std::string& doi, const FetchOutcome& outcome, std::vector<FetchOutcome>& out) {
  for (const std::string& original : m_requested[doi]) {
    out.push_back(outcome);
    out.back().requested = original;
  }
}

void CrossrefRun::finish_request() {
  if (--m_pending == 0 && m_on_done) m_on_done(m_stats);
}

void CrossrefRun::deliver(std::vector<FetchOutcome> outcomes) {
  for (const FetchOutcome& o : outcomes) m_stats.count(o);
  if (m_on_batch) m_on_batch(std::move(outcomes));
}

}  // namespace

std::string crossref_work_url(const CrossrefOptions& options, std::string_view doi) {
  std::string url = options.base_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += "/works/";
  url += core::percent_encode(doi);
  if (!options.mailto.empty()) url += "?mailto=" + core::percent_encode(options.mailto);
  return url;
}

std::string crossref_list_url(const CrossrefOptions& options, const std::vector<std::string>& dois) {
  std::string url = options.base_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += "/works?filter=";
  for (std::size_t i = 0; i < dois.size(); ++i) {
    if (i > 0) url += ',';
    url += "doi:" + core::percent_encode(dois[i]);
  }
  url += "&rows=" + std::to_string(dois.size());
  if (!options.mailto.empty()) url += "&mailto=" + core::percent_encode(options.mailto);
  return url;
}

std::vector<std::vector<std::string>> plan_crossref_requests(const CrossrefOptions& options,
                                                              const std::vector<std::string>& dois) {
  std::vector<std::vector<std::string>> out;
  const std::size_t batch = std::clamp<std::size_t>(options.batch_size, 1, k_crossref_max_batch);
  if (batch == 1) {
    for (const std::string& doi : dois) out.push_back({doi});
    return out;
  }
  // The URL's fixed part with the longest `rows` a batch can have; each DOI adds its clause.
  const std::size_t fixed = crossref_list_url(options, {}).size() + 3;
  std::vector<std::string> list;
  std::size_t length = fixed;
  auto close_list = [&] {
    if (!list.empty()) out.push_back(std::move(list));
    list.clear();
    length = fixed;
  };
  for (const std::string& doi : dois) {
    if (doi.find(',') != std::string::npos) {
      out.push_back({doi});  // a comma would split the filter: the single route
      continue;
    }
    const std::size_t clause = 5 + core::percent_encode(doi).size();  // ",doi:" + the encoded DOI
    if (!list.empty() && (list.size() == batch || length + clause > k_crossref_max_list_url)) close_list();
    list.push_back(doi);
    length += clause;
  }
  close_list();
  return out;
}

CrossrefFetcher::CrossrefFetcher(net::HttpClient& client, CrossrefOptions options)
    : m_client(client), m_options(std::move(options)) {}

void CrossrefFetcher::fetch(std::vector<CrossrefItem> items, BatchHandler on_batch, DoneHandler on_done) {
  auto run = std::make_shared<CrossrefRun>(m_client, m_options, std::move(on_batch), std::move(on_done));
  run->start(items);
}

void CrossrefFetcher::fetch(const std::vector<std::string>& dois, BatchHandler on_batch, DoneHandler on_done) {
  std::vector<CrossrefItem> items;
  items.reserve(dois.size());
  for (const std::string& d : dois) items.push_back({d, {}});
  fetch(std::move(items), std::move(on_batch), std::move(on_done));
}

}  // namespace scholard::fetchers
