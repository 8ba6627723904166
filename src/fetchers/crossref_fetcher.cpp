#include "fetchers/crossref_fetcher.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <utility>

#include "core/identifier.hpp"
#include "fetchers/crossref_parser.hpp"
#include "fetchers/http_util.hpp"

namespace scholard::fetchers {
namespace {

FetchOutcome make_outcome(FetchStatus status, std::string message, bool transient = false) {
  FetchOutcome o;
  o.status = status;
  o.message = std::move(message);
  o.transient = transient;
  return o;
}

// The meaning of one answer, for the DOI it was asked for with `sent`.
FetchOutcome interpret(const net::Response& r, std::string_view host, const Validators& sent) {
  if (r.outcome == net::Outcome::not_modified) {
    // A 304 need not repeat the validators (RFC 9110 §15.4.5 lists ETag but
    // not Last-Modified): what it leaves out stays as sent, so the kept
    // answer can still be asked about conditionally next time.
    FetchOutcome o = make_outcome(FetchStatus::not_modified, {});
    o.validators = {r.etag.empty() ? sent.etag : r.etag, r.last_modified.empty() ? sent.last_modified : r.last_modified};
    return o;
  }
  if (r.status == 0) return make_outcome(FetchStatus::error, describe_failure(r, host), is_transient(r.outcome));
  auto record = classify_crossref_response(r.status, r.body);
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

// One fetch in progress; kept alive by the handlers it gives the client.
class CrossrefRun : public std::enable_shared_from_this<CrossrefRun> {
 public:
  CrossrefRun(net::HttpClient& client, CrossrefOptions options, BatchHandler on_batch, DoneHandler on_done)
      : m_client(client),
        m_options(std::move(options)),
        m_host(host_of(m_options.base_url)),
        m_on_batch(std::move(on_batch)),
        m_on_done(std::move(on_done)) {}

  void start(const std::vector<CrossrefItem>& items);

 private:
  void send(const std::string& doi, const Validators& validators);
  void on_response(const std::string& doi, const Validators& sent, const net::Response& response);
  void deliver(std::vector<FetchOutcome> outcomes);

  net::HttpClient& m_client;
  CrossrefOptions m_options;
  std::string m_host;
  BatchHandler m_on_batch;
  DoneHandler m_on_done;
  std::map<std::string, std::vector<std::string>> m_requested;  // canonical DOI → as passed in
  FetchStats m_stats;
  std::size_t m_pending = 0;
};

void CrossrefRun::start(const std::vector<CrossrefItem>& items) {
  std::vector<FetchOutcome> rejected;
  std::vector<const CrossrefItem*> to_send;
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
      to_send.push_back(&item);
    }
    if (std::find(originals.begin(), originals.end(), item.doi) == originals.end()) originals.push_back(item.doi);
  }
  m_pending = canonical.size();
  if (!rejected.empty()) deliver(std::move(rejected));
  for (std::size_t i = 0; i < canonical.size(); ++i) send(canonical[i], to_send[i]->validators);
  if (canonical.empty() && m_on_done) m_on_done(m_stats);
}

void CrossrefRun::send(const std::string& doi, const Validators& validators) {
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

void CrossrefRun::on_response(const std::string& doi, const Validators& sent, const net::Response& response) {
  m_stats.attempts += response.attempts;
  const FetchOutcome outcome = interpret(response, m_host, sent);
  std::vector<FetchOutcome> outcomes;
  for (const std::string& original : m_requested[doi]) {
    outcomes.push_back(outcome);
    outcomes.back().requested = original;
  }
  deliver(std::move(outcomes));
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
  url += percent_encode(doi);
  if (!options.mailto.empty()) url += "?mailto=" + percent_encode(options.mailto);
  return url;
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
