// Fetching papers from the Semantic Scholar Academic Graph API through the
// HttpClient seam.
//
// Ids are S2's prefixed ids: "ARXIV:<arXiv id>" (canonical, unversioned),
// "DOI:<doi>" (any DOI but arXiv's own 10.48550/arXiv.*, which is asked as
// ARXIV:) and "CorpusId:<digits>" (a manual entry's, core::parse_corpus_id). They are validated, de-duplicated and sent as
// `POST {base}/paper/batch?fields=<k_semanticscholar_fields>` with the JSON
// body {"ids":[...]}, up to `batch_size` (at most 500) ids per request, one
// request after another (requests carry Request::source = "semanticscholar",
// so the client's spacing applies whatever the host). With an API key, each
// request carries it in `x-api-key`; the key is never put in a URL, a log or
// a message.
//
// The answer is an array in request order: a paper → ok, null → not_found.
// A paper is taken for the id at its position only when its externalIds name
// that id (semanticscholar_answers): otherwise it is another paper (a shifted
// array, a proxy, a cache), an error for that id, transient; the kept record
// stays.
// Failures answer every id of the batch with an error (FetchOutcome):
//   - 429/503 (the shared pool is busy), 403 (the key refused), a 2xx HTML
//     page (blocked): transient and `source_refused`; the batches not yet sent
//     are not sent at all, their ids get the same kind of error ("not asked"):
//     the source's circuit breaker within one fetch;
//   - 400: not transient, with S2's message; other 4xx: not transient;
//   - 5xx, transport failures, malformed JSON, an array of the wrong length:
//     transient.
//
// `match_title` asks S2's title match (`GET {base}/paper/search/match`) for
// a paper known by its title only; same rules, and S2's 404 "Title match not
// found" is not_found.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"
#include "core/result.hpp"
#include "fetchers/fetch_result.hpp"
#include "net/http_client.hpp"

namespace scholard::fetchers {

// Ids per /paper/batch request at most (S2's limit).
inline constexpr std::size_t k_semanticscholar_max_batch = 500;

struct SemanticScholarOptions {
  std::string base_url = "https://api.semanticscholar.org/graph/v1";
  std::string api_key;                                   // sent as x-api-key; "" = none
  std::size_t batch_size = k_semanticscholar_max_batch;  // ids per request, 1..500
};

// "ARXIV:2308.03686" / "DOI:10.1093/..." in canonical form for an id in any
// spelling with either prefix (case-insensitive; the arXiv id may carry a
// version, which is dropped: S2 knows papers, not versions), and
// "CorpusId:<digits>" likewise. invalid_input for anything else, arXiv DOIs
// included.
core::Result<std::string> canonical_semanticscholar_id(std::string_view id);

// Whether `record` (a parsed S2 paper) is the paper the canonical id asked
// for: "ARXIV:X" needs the arXiv id X (unversioned), "DOI:D" the DOI D
// (case-insensitive), "CorpusId:N" the corpus id N. A paper that names no id
// of the kind asked is not.
bool semanticscholar_answers(const core::Record& record, std::string_view canonical_id);

// The batch request's URL and body for canonical ids.
std::string semanticscholar_batch_url(const SemanticScholarOptions& options);
std::string semanticscholar_batch_body(const std::vector<std::string>& ids);

// The title match's URL for `title`.
std::string semanticscholar_match_url(const SemanticScholarOptions& options, std::string_view title);

// Splits canonical ids into batches of at most batch_size (clamped to 1..500).
std::vector<std::vector<std::string>> plan_semanticscholar_batches(const SemanticScholarOptions& options,
                                                                   const std::vector<std::string>& ids);

class SemanticScholarFetcher {
 public:
  // `client` must outlive every fetch started here. batch_size is clamped to 1..500.
  SemanticScholarFetcher(net::HttpClient& client, SemanticScholarOptions options);

  // Fetches `ids` (each answered once per distinct string, in
  // FetchOutcome::requested). Must be called on the client's io thread;
  // handlers run on it. Invalid ids are reported before any request; when
  // nothing needs the network both handlers run before fetch() returns.
  void fetch(std::vector<std::string> ids, BatchHandler on_batch, DoneHandler on_done);

  const SemanticScholarOptions& options() const { return m_options; }

 private:
  net::HttpClient& m_client;
  SemanticScholarOptions m_options;
};

// Asks S2 for the paper best matching `title`. Must be called on the
// client's io thread; `done` runs on it, once, never inside this call's
// frame unless the title is empty (then not_found at once, no request).
void match_title(net::HttpClient& client, const SemanticScholarOptions& options, std::string title,
                 TitleMatchHandler done);

}  // namespace scholard::fetchers
