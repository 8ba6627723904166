// Fetching works from the Crossref REST API through the HttpClient seam.
//
// Two routes (docs/sources.md, "Crossref"):
//  - single: `GET {base}/works/{doi}?mailto=CONTACT`, one DOI a request, its
//    requests under Request::source = "crossref" (Crossref's single-record
//    limits). The DOI is percent-encoded outside RFC 3986 unreserved
//    characters, "/" included;
//  - list: `GET {base}/works?filter=doi:A,doi:B,...&rows=N&mailto=CONTACT`,
//    up to `batch_size` DOIs a request (a repeated filter name is ORed), under
//    Request::source = "crossref-list": Crossref announces lower limits for
//    lists, and the client keeps a policy and limiter per source key.
// With batch_size 1 every DOI goes to the single route, as it always did.
// Otherwise DOIs go in lists of up to batch_size whose URL stays under
// k_crossref_max_list_url bytes; a list of one DOI, and a DOI with a comma
// (which would split the filter), go to the single route. All requests are
// issued at once: the HttpClient enforces each route's concurrency and rate.
// A DOI under 10.48550/arXiv. is never sent: arXiv DOIs live at DataCite,
// Crossref answers 404 for them, and the paper is fetched from arXiv.
//
// Each single answer becomes one FetchOutcome: 200 → ok when the work's DOI
// is the DOI asked (case-insensitive; a work for another DOI, or without
// one, is a transient error naming both: docs/sources.md, "An answer is
// matched to what was asked"), 304 → not_modified
// (its validators those of the 304, or the ones sent where it repeats none),
// 404 → not_found for that DOI only, anything else → error (transient for
// 429/5xx/transport failures and for a 200 whose body is not the expected
// JSON; a 2xx/3xx the client failed, e.g. a redirect it refused, keeps the
// client's message). A list answer gives ok to each DOI among its items,
// matched by DOI (no validators: a list carries none per work; an item for a
// DOI not asked goes to no one); a DOI it leaves out is asked on the single
// route before it can be not_found (an index lag must not drop a paper). A
// list that fails (after the client's retries), or whose answer is not a
// work list, gives every DOI of it an error (transient unless Crossref
// rejected the request), so their kept records stay; an HTML page is an
// error ("blocked"), never "not found". Validators are sent on the single
// route only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "fetchers/fetch_result.hpp"
#include "net/http_client.hpp"

namespace scholard::fetchers {

// The net policy key of list requests (Request::source), next to the
// source's own name "crossref" for single works.
inline constexpr std::string_view k_crossref_list_key = "crossref-list";

// The largest batch: Crossref's `rows` goes to 1000, but with 100 DOIs a list
// URL is already about 4 KB (a DOI is ~25-60 bytes once encoded).
inline constexpr std::size_t k_crossref_max_batch = 100;
// A list URL is cut before it passes this many bytes, whatever the batch
// size: servers and proxies commonly refuse request lines over 8 KB, and the
// length Crossref accepts is not documented.
inline constexpr std::size_t k_crossref_max_list_url = 4096;

struct CrossrefOptions {
  std::string base_url = "https://api.crossref.org";
  std::string mailto;          // the contact address; omitted from the URL when empty
  std::size_t batch_size = 1;  // DOIs per list request; 1 = single route only
};

// A DOI to fetch, with the validators of the last answer (may be empty).
struct CrossrefItem {
  std::string doi;
  Validators validators;
};

// The request URL for one canonical (lower-case, bare) DOI.
std::string crossref_work_url(const CrossrefOptions& options, std::string_view doi);

// The list request URL for canonical DOIs (`rows` = their number).
std::string crossref_list_url(const CrossrefOptions& options, const std::vector<std::string>& dois);

// How canonical, distinct DOIs are asked: each inner vector is one request,
// a list request when it holds more than one DOI, else a single one. In the
// order given.
std::vector<std::vector<std::string>> plan_crossref_requests(const CrossrefOptions& options,
                                                              const std::vector<std::string>& dois);

class CrossrefFetcher {
 public:
  // `client` must outlive every fetch started here.
  CrossrefFetcher(net::HttpClient& client, CrossrefOptions options);

  // Fetches every item (DOIs in any form parse_doi accepts; answered once per
  // distinct string). Must be called on the client's io thread; handlers run
  // on it. Invalid DOIs and arXiv DOIs are reported as invalid before any
  // request; when nothing needs the network both handlers run before fetch()
  // returns.
  void fetch(std::vector<CrossrefItem> items, BatchHandler on_batch, DoneHandler on_done);
  void fetch(const std::vector<std::string>& dois, BatchHandler on_batch, DoneHandler on_done);

  const CrossrefOptions& options() const { return m_options; }

 private:
  net::HttpClient& m_client;
  CrossrefOptions m_options;
};

}  // namespace scholard::fetchers
