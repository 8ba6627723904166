// Fetching works from the Crossref REST API through the HttpClient seam.
//
// One `GET {base}/works/{doi}?mailto=CONTACT` per distinct DOI, all issued at
// once: the HttpClient enforces Crossref's concurrency and rate limits
// (requests carry Request::source = "crossref"). The
// DOI is percent-encoded outside RFC 3986 unreserved characters, "/"
// included. A DOI under 10.48550/arXiv. is never sent: arXiv DOIs live at
// DataCite, Crossref answers 404 for them, and the paper is fetched from arXiv.
//
// Each answer becomes one FetchOutcome, delivered on its own through the
// BatchHandler as it arrives: 200 → ok, 304 → not_modified (its validators
// those of the 304, or the ones sent where it repeats none), 404 → not_found
// for that DOI only, anything else → error (transient for 429/5xx/transport
// failures and for a 200 whose body is not the expected JSON).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fetchers/fetch_result.hpp"
#include "net/http_client.hpp"

namespace scholard::fetchers {

struct CrossrefOptions {
  std::string base_url = "https://api.crossref.org";
  std::string mailto;  // the contact address; omitted from the URL when empty
};

// A DOI to fetch, with the validators of the last answer (may be empty).
struct CrossrefItem {
  std::string doi;
  Validators validators;
};

// The request URL for one canonical (lower-case, bare) DOI.
std::string crossref_work_url(const CrossrefOptions& options, std::string_view doi);

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
