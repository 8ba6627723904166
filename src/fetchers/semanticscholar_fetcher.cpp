#include "fetchers/semanticscholar_fetcher.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include "core/identifier.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "core/url.hpp"
#include "fetchers/http_util.hpp"
#include "fetchers/semanticscholar_parser.hpp"
#include "net/retry_policy.hpp"

namespace scholard::fetchers {
namespace {

constexpr std::string_view k_arxiv_prefix = "ARXIV:";
constexpr std::string_view k_doi_prefix = "DOI:";

bool has_prefix(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && core::ascii_lower(text.substr(0, prefix.size())) == core::ascii_lower(prefix);
}

bool looks_like_html(const net::Response& r) {
  if (core::ascii_lower(r.header("content-type")).find("text/html") != std::string::npos) return true;
  const std::string_view t = core::trim(r.body);
  return !t.empty() && t.front() == '<';
}

// " (S2's message)" when the body carries one.
std::string s2_says(const net::Response& r) {
  const std::string m = semanticscholar_error_message(r.body);
  return m.empty() ? std::string() : " (" + m + ")";
}

// What an answer other than a usable 2xx JSON body means for every id of its
// request; nullopt when the body is to be parsed. `for_match`: a 404 with
// S2's JSON error is "no match".
std::optional<FetchOutcome> refusal_or_failure(const net::Response& r, std::string_view host, bool has_key,
                                               bool for_match) {
  const std::string where(host);
  if (r.status == 0) {
    // The client itself refused (a lane told to wait) or nothing came back.
    const bool refused = r.outcome == net::Outcome::rate_limited;
    return make_outcome(FetchStatus::error, describe_failure(r, host), net::is_retryable(r.outcome), refused);
  }
  if (failed_despite_status(r)) {
    return make_outcome(FetchStatus::error, describe_failure(r, host), net::is_retryable(r.outcome));
  }
  if (r.status >= 200 && r.status < 300) {
    if (looks_like_html(r)) {
      return make_outcome(FetchStatus::error,
                          where + " answered with an HTML page, not JSON (HTTP " + std::to_string(r.status) +
                              "): blocked?",
                          true, true);
    }
    return std::nullopt;
  }
  if (r.status == 403) {
    const std::string why = has_key
                                ? ": the API key was refused (check api_key_file / $SCHOLARD_S2_API_KEY)"
                                : ": refused without an API key";
    return make_outcome(FetchStatus::error, where + ": HTTP 403" + s2_says(r) + why, true, true);
  }
  if (r.status == 429 || r.status == 503) {
    const std::string why =
        has_key ? ": the API key's rate limit is exceeded; asked again on a later pass"
                : ": the shared pool (no API key) is busy; asked again on a later pass (an API key helps: "
                  "api_key_file or $SCHOLARD_S2_API_KEY)";
    return make_outcome(FetchStatus::error, where + ": HTTP " + std::to_string(r.status) + why, true, true);
  }
  if (r.status == 404 && for_match && !semanticscholar_error_message(r.body).empty()) {
    return make_outcome(FetchStatus::not_found, "Semantic Scholar has no match" + s2_says(r));
  }
  if (r.status >= 500) return make_outcome(FetchStatus::error, describe_failure(r, host) + s2_says(r), true);
  // 400 (S2 names what it rejects) and other 4xx: asking again will not help.
  return make_outcome(FetchStatus::error, where + ": HTTP " + std::to_string(r.status) + s2_says(r), false);
}

// The ids a paper's record names, as S2 ids, for messages: its arXiv id and
// DOI, else its S2 paperId.
std::vector<std::string> ids_of(const core::Record& record) {
  std::vector<std::string> ids;
  if (!record.arxiv_id.empty()) ids.push_back(std::string(k_arxiv_prefix) + record.arxiv_id);
  if (!record.doi.empty()) ids.push_back(std::string(k_doi_prefix) + record.doi);
  if (ids.empty()) {
    for (const core::Relation& r : record.relations) {
      if (r.type == "indexed-as" && r.id_type == "semanticscholar-corpus") ids.push_back(r.id);
    }
  }
  if (ids.empty()) {
    for (const core::Relation& r : record.relations) {
      if (r.type == "indexed-as" && r.id_type == k_semanticscholar_source) ids.push_back(r.id);
    }
  }
  return ids;
}

net::Request base_request(const SemanticScholarOptions& options, std::string url) {
  net::Request request;
  request.url = std::move(url);
  request.source = std::string(k_semanticscholar_source);  // the client's spacing: one request per min_interval
  request.headers.emplace_back("Accept", "application/json");
  if (!options.api_key.empty()) request.headers.emplace_back("x-api-key", options.api_key);
  return request;
}

// One fetch in progress; kept alive by the handler it gives the client.
class S2Run : public std::enable_shared_from_this<S2Run> {
 public:
  S2Run(net::HttpClient& client, SemanticScholarOptions options, BatchHandler on_batch, DoneHandler on_done)
      : m_client(client),
        m_options(std::move(options)),
        m_host(core::host_of(m_options.base_url)),
        m_on_batch(std::move(on_batch)),
        m_on_done(std::move(on_done)) {}

  void start(const std::vector<std::string>& ids);

 private:
  void next();
  void on_response(const std::vector<std::string>& batch, const net::Response& response);
  void add(const std::string& canonical, const FetchOutcome& outcome);
  void fail_all(const std::vector<std::string>& batch, const FetchOutcome& outcome);
  void deliver();

  net::HttpClient& m_client;
  SemanticScholarOptions m_options;
  std::string m_host;
  BatchHandler m_on_batch;
  DoneHandler m_on_done;
  std::map<std::string, std::vector<std::string>> m_requested;  // canonical → as passed in
  std::deque<std::vector<std::string>> m_queue;
  std::vector<FetchOutcome> m_ready;
  FetchStats m_stats;
};

void S2Run::start(const std::vector<std::string>& ids) {
  std::vector<std::string> canonical;
  for (const std::string& text : ids) {
    auto id = canonical_semanticscholar_id(text);
    if (!id) {
      FetchOutcome o = make_outcome(FetchStatus::invalid, id.error().message);
      o.requested = text;
      m_stats.count(o);
      m_ready.push_back(std::move(o));
      continue;
    }
    auto& originals = m_requested[*id];
    if (originals.empty()) canonical.push_back(*id);
    if (std::find(originals.begin(), originals.end(), text) == originals.end()) originals.push_back(text);
  }
  for (auto& batch : plan_semanticscholar_batches(m_options, canonical)) m_queue.push_back(std::move(batch));
  deliver();
  next();
}

void S2Run::next() {
  if (m_queue.empty()) {
    if (m_on_done) m_on_done(m_stats);
    return;
  }
  std::vector<std::string> batch = std::move(m_queue.front());
  m_queue.pop_front();
  net::Request request = base_request(m_options, semanticscholar_batch_url(m_options));
  request.body = semanticscholar_batch_body(batch);
  request.content_type = "application/json";
  ++m_stats.requests;
  m_client.get(std::move(request), [self = shared_from_this(), batch = std::move(batch)](net::Response r) {
    self->on_response(batch, r);
  });
}

void S2Run::on_response(const std::vector<std::string>& batch, const net::Response& response) {
  m_stats.attempts += response.attempts;
  if (auto failed = refusal_or_failure(response, m_host, !m_options.api_key.empty(), false)) {
    fail_all(batch, *failed);
    if (failed->source_refused) {
      // The breaker: S2 refused us, so the rest is not asked in this fetch.
      const FetchOutcome skipped =
          make_outcome(FetchStatus::error, "not asked: " + failed->message, true, true);
      for (const auto& rest : m_queue) fail_all(rest, skipped);
      m_queue.clear();
    }
  } else if (auto papers = parse_semanticscholar_batch(response.body); !papers) {
    fail_all(batch, make_outcome(FetchStatus::error, m_host + ": " + papers.error().message, true));
  } else if (papers->size() != batch.size()) {
    fail_all(batch, make_outcome(FetchStatus::error,
                                 m_host + ": answered " + std::to_string(papers->size()) + " papers for " +
                                     std::to_string(batch.size()) + " ids",
                                 true));
  } else {
    for (std::size_t i = 0; i < batch.size(); ++i) {
      auto& paper = (*papers)[i];
      if (!paper) {
        add(batch[i], make_outcome(FetchStatus::not_found, "Semantic Scholar does not know " + batch[i]));
        continue;
      }
      if (!semanticscholar_answers(paper->record, batch[i])) {
        add(batch[i], make_outcome(FetchStatus::error,
                                   answered_for_other("Semantic Scholar", ids_of(paper->record), batch[i]), true));
        continue;
      }
      FetchOutcome o = make_outcome(FetchStatus::ok, {});
      o.record = std::move(paper->record);
      o.raw_hash = std::move(paper->raw_hash);
      o.validators = {response.etag, response.last_modified};
      add(batch[i], o);
    }
  }
  deliver();
  next();
}

void S2Run::add(const std::string& canonical, const FetchOutcome& outcome) {
  for (const std::string& original : m_requested[canonical]) {
    FetchOutcome o = outcome;
    o.requested = original;
    m_stats.count(o);
    m_ready.push_back(std::move(o));
  }
}

void S2Run::fail_all(const std::vector<std::string>& batch, const FetchOutcome& outcome) {
  for (const std::string& id : batch) add(id, outcome);
}

void S2Run::deliver() {
  if (m_ready.empty()) return;
  std::vector<FetchOutcome> ready;
  ready.swap(m_ready);
  if (m_on_batch) m_on_batch(std::move(ready));
}

std::string trimmed_base(const SemanticScholarOptions& options) {
  std::string url = options.base_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

core::Result<std::string> canonical_semanticscholar_id(std::string_view id) {
  const std::string_view text = core::trim(id);
  if (has_prefix(text, k_arxiv_prefix)) {
    auto ax = core::parse_arxiv_id(text.substr(k_arxiv_prefix.size()));
    if (!ax) return tl::unexpected(ax.error());
    return std::string(k_arxiv_prefix) + ax->id;
  }
  if (has_prefix(text, k_doi_prefix)) {
    auto doi = core::parse_doi(text.substr(k_doi_prefix.size()));
    if (!doi) return tl::unexpected(doi.error());
    if (auto ax = core::arxiv_id_from_doi(*doi)) {
      return core::fail(core::ErrorCode::invalid_input,
                        "'" + doi->value + "' is an arXiv DOI: ask Semantic Scholar for ARXIV:" + ax->id);
    }
    return std::string(k_doi_prefix) + doi->value;
  }
  if (auto corpus = core::parse_corpus_id(text)) return std::move(*corpus);
  return core::fail(core::ErrorCode::invalid_input,
                    "'" + std::string(text) + "' is not a Semantic Scholar id (ARXIV:<id>, DOI:<doi> or CorpusId:<digits>)");
}

bool semanticscholar_answers(const core::Record& record, std::string_view canonical_id) {
  if (has_prefix(canonical_id, k_arxiv_prefix)) {
    auto asked = core::parse_arxiv_id(canonical_id.substr(k_arxiv_prefix.size()));
    auto named = core::parse_arxiv_id(record.arxiv_id);
    return asked && named && asked->id == named->id;
  }
  if (has_prefix(canonical_id, k_doi_prefix)) {
    return !record.doi.empty() &&
           core::ascii_lower(record.doi) == core::ascii_lower(canonical_id.substr(k_doi_prefix.size()));
  }
  if (auto corpus = core::parse_corpus_id(canonical_id)) {
    return std::any_of(record.relations.begin(), record.relations.end(), [&](const core::Relation& r) {
      return r.type == "indexed-as" && r.id_type == "semanticscholar-corpus" && r.id == *corpus;
    });
  }
  return false;
}

std::string semanticscholar_batch_url(const SemanticScholarOptions& options) {
  return trimmed_base(options) + "/paper/batch?fields=" + std::string(k_semanticscholar_fields);
}

std::string semanticscholar_batch_body(const std::vector<std::string>& ids) {
  std::string body = "{\"ids\":[";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) body.push_back(',');
    body += core::json_quote(ids[i]);
  }
  body += "]}";
  return body;
}

std::string semanticscholar_match_url(const SemanticScholarOptions& options, std::string_view title) {
  return trimmed_base(options) + "/paper/search/match?query=" + core::percent_encode(title) +
         "&fields=" + std::string(k_semanticscholar_fields);
}

std::vector<std::vector<std::string>> plan_semanticscholar_batches(const SemanticScholarOptions& options,
                                                                   const std::vector<std::string>& ids) {
  const std::size_t per_batch = std::clamp<std::size_t>(options.batch_size, 1, k_semanticscholar_max_batch);
  std::vector<std::vector<std::string>> batches;
  for (std::size_t i = 0; i < ids.size(); i += per_batch) {
    const auto end = std::min(ids.size(), i + per_batch);
    batches.emplace_back(ids.begin() + static_cast<std::ptrdiff_t>(i), ids.begin() + static_cast<std::ptrdiff_t>(end));
  }
  return batches;
}

SemanticScholarFetcher::SemanticScholarFetcher(net::HttpClient& client, SemanticScholarOptions options)
    : m_client(client), m_options(std::move(options)) {
  m_options.batch_size = std::clamp<std::size_t>(m_options.batch_size, 1, k_semanticscholar_max_batch);
}

void SemanticScholarFetcher::fetch(std::vector<std::string> ids, BatchHandler on_batch, DoneHandler on_done) {
  auto run = std::make_shared<S2Run>(m_client, m_options, std::move(on_batch), std::move(on_done));
  run->start(ids);
}

void match_title(net::HttpClient& client, const SemanticScholarOptions& options, std::string title,
                 TitleMatchHandler done) {
  const std::string query = core::collapse_whitespace(title);
  if (query.empty()) {
    TitleMatch m;
    m.outcome = make_outcome(FetchStatus::not_found, "no title to match");
    m.outcome.requested = std::move(title);
    if (done) done(std::move(m));
    return;
  }
  net::Request request = base_request(options, semanticscholar_match_url(options, query));
  client.get(std::move(request), [title = std::move(title), host = core::host_of(options.base_url),
                                  has_key = !options.api_key.empty(), done = std::move(done)](net::Response r) {
    TitleMatch m;
    if (auto failed = refusal_or_failure(r, host, has_key, true)) {
      m.outcome = std::move(*failed);
    } else if (auto match = parse_semanticscholar_match(r.body); !match) {
      m.outcome = make_outcome(FetchStatus::error, host + ": " + match.error().message, true);
    } else {
      m.outcome = make_outcome(FetchStatus::ok, {});
      m.outcome.record = std::move(match->paper.record);
      m.outcome.raw_hash = std::move(match->paper.raw_hash);
      m.match_score = match->match_score;
    }
    m.outcome.requested = title;
    if (done) done(std::move(m));
  });
}

}  // namespace scholard::fetchers
