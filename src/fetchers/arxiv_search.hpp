// Searching arXiv for papers by query (discovery: "au:Benton_J OR ..."),
// through the HttpClient seam.
//
// Pages of `page_size` results are requested one after another with
// `search_query`, `start`, `max_results` and newest first
// (sortBy=submittedDate&sortOrder=descending), until the feed's totalResults
// or `max_total` is reached or a page comes back empty. Every request carries
// Request::source = "arxiv", so it is spaced by arXiv's rule like every other
// arXiv request of the process. The feed is parsed with parse_arxiv_feed.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/record.hpp"
#include "net/http_client.hpp"

namespace scholard::fetchers {

struct ArxivSearchOptions {
  std::string base_url = "https://export.arxiv.org/api/query";
  std::string query;             // an arXiv search_query, e.g. "au:Benton_J OR au:Benton_Joe"
  std::size_t page_size = 100;   // max_results per request, 1..2000
  std::size_t max_total = 500;   // stop after this many results
};

struct SearchResult {
  std::vector<core::Record> records;  // in feed order (newest first), one per arXiv id
  long total_results = 0;             // what arXiv says matches
  int requests = 0;                   // requests issued
  int attempts = 0;                   // on the wire, retries included
  std::string error;                  // "" = complete; else why the search stopped
                                      // (records of earlier pages are kept)
};

using SearchHandler = std::function<void(SearchResult)>;

// The request URL of the page starting at `start` (the query percent-encoded).
std::string arxiv_search_url(const ArxivSearchOptions& options, std::size_t start);

// Runs the search; `done` runs once on the client's io thread. Must be called
// on that thread; `client` must outlive the search. An empty query answers at
// once (before returning) with an error.
void search_arxiv(net::HttpClient& client, ArxivSearchOptions options, SearchHandler done);

}  // namespace scholard::fetchers
