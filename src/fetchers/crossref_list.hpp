// Listing a researcher's works from the Crossref REST API by ORCID
// (discovery), through the HttpClient seam.
//
// One `GET {base}/works?filter=orcid:ID&rows=N&sort=published&order=desc
// &mailto=CONTACT` request (Request::source = "crossref-list", so the limits
// Crossref announces for lists apply, as for the DOI batches of
// crossref_fetcher.hpp). A researcher's works fit
// in one page: `rows` (default 200, at most 1000, Crossref's cap) bounds it,
// newest first, so a longer list loses its oldest works, which are the ones
// most likely listed already. The body is parsed with parse_crossref_work_list.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/record.hpp"
#include "net/http_client.hpp"

namespace scholard::fetchers {

struct CrossrefListOptions {
  std::string base_url = "https://api.crossref.org";
  std::string mailto;  // the contact address; omitted when empty
  std::string orcid;   // bare "0000-0002-1825-0097"
  int rows = 200;      // 1..1000
};

struct WorkListResult {
  std::vector<core::Record> records;  // in the answer's order
  int requests = 0;
  int attempts = 0;
  std::string error;  // "" = ok; else what went wrong, naming the host
};

using WorkListHandler = std::function<void(WorkListResult)>;

// The request URL (the ORCID and mailto percent-encoded).
std::string crossref_orcid_works_url(const CrossrefListOptions& options);

// Asks for the works; `done` runs once on the client's io thread. Must be
// called on that thread; `client` must outlive the request. An empty ORCID
// answers at once (before returning) with an error.
void list_crossref_works(net::HttpClient& client, CrossrefListOptions options, WorkListHandler done);

}  // namespace scholard::fetchers
