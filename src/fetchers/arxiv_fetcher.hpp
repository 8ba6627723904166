// Fetching papers from the arXiv API through the HttpClient seam.
//
// All requested ids are validated (core::parse_arxiv_id), de-duplicated and
// sent as `id_list` batches of at most `batch_size` ids (fewer when the URL
// would exceed `max_url_length`), with max_results = batch_size. Batches go
// out one after another: the next request is issued when the previous one has
// answered; the HttpClient spaces them to arXiv's rate rule (requests carry
// Request::source = "arxiv" so the rule applies whatever the base URL's host).
//
// When arXiv rejects a batch with its Atom error feed (HTTP 400 or the legacy
// 200), the offending id is isolated: if the message names an id of
// the batch, that id is marked invalid and the rest re-sent; otherwise the
// batch is split in halves recursively until single ids remain, each of which
// is then invalid with the server's message. `max_split_requests` bounds the
// extra requests per fetch; past it the remaining ids become errors.
// An error feed with a 5xx status ("internal error") is the service failing:
// the batch's ids are transient errors, nothing is split or marked invalid.
// A transport failure, a non-Atom body or an unparsable response marks every
// id of that batch as an error (message names the host, e.g.
// "export.arxiv.org: HTTP 503") and touches nothing else.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "fetchers/fetch_result.hpp"
#include "net/http_client.hpp"

namespace scholard::fetchers {

inline constexpr std::size_t k_max_batch_size = 2000;

struct ArxivOptions {
  std::string base_url = "https://export.arxiv.org/api/query";
  std::size_t batch_size = 100;      // ids per id_list request (and max_results); 1..2000
  std::size_t max_url_length = 4000; // batches shrink to keep URLs below this
  int max_split_requests = 32;       // extra requests spent isolating rejected ids
};

// The request URL for one batch of canonical ids.
std::string arxiv_query_url(const ArxivOptions& options, const std::vector<std::string>& ids);

// Splits canonical ids into batches that respect batch_size and max_url_length.
std::vector<std::vector<std::string>> plan_arxiv_batches(const ArxivOptions& options,
                                                         const std::vector<std::string>& ids);

class ArxivFetcher {
 public:
  // `client` must outlive every fetch started here. batch_size is clamped to 1..2000.
  ArxivFetcher(net::HttpClient& client, ArxivOptions options);

  // Fetches `ids` (any form parse_arxiv_id accepts; each answered once per
  // distinct string, in FetchOutcome::requested). `on_batch` receives the
  // outcomes of each response as it arrives, `on_done` runs once at the end.
  // Must be called on the client's io thread; handlers run on that thread.
  // Ids that are invalid are reported through `on_batch` before any request
  // is made, and when nothing needs the network both handlers run before
  // fetch() returns.
  void fetch(std::vector<std::string> ids, BatchHandler on_batch, DoneHandler on_done);

  const ArxivOptions& options() const { return m_options; }

 private:
  net::HttpClient& m_client;
  ArxivOptions m_options;
};

}  // namespace scholard::fetchers
