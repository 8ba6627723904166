// Crossref as a fetchers::Source (a DOI registry): asked by DOI, through
// CrossrefFetcher: in list requests of up to CrossrefOptions::batch_size DOIs
// (`/works?filter=doi:...`), or one `/works/{doi}` request per DOI when the
// batch size is 1; all issued at once (the HttpClient's Crossref policies,
// one for single works and one for lists, limit how many are in flight).
//
// Conditional requests: on the single route each FetchItem's validators go
// out as If-None-Match / If-Modified-Since, and a 304 comes back as
// FetchStatus::not_modified. A list answer carries no validators per work, so
// a DOI answered by a list is stored without any (docs/sources.md). No
// recorded Crossref answer carries an ETag or Last-Modified so far, so in
// practice there is nothing to send; the path is kept (and tested) for the
// day Crossref sends them. Crossref has no rule that must hold across
// processes (min_interval() is 0): its limits arrive in every answer's
// x-rate-limit-* headers.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "fetchers/crossref_fetcher.hpp"
#include "fetchers/crossref_parser.hpp"
#include "fetchers/source.hpp"
#include "net/http_client.hpp"
#include "net/options.hpp"

namespace scholard::fetchers {

// Requests in flight at most unless configured otherwise.
inline constexpr int k_crossref_concurrency = 3;
inline constexpr std::string_view k_crossref_display_name = "Crossref";

// The net policy for Crossref's requests: `concurrency` in flight at most
// (at least 1) and a sliding window of sends, both adapted to the
// x-rate-limit-* / x-concurrency-limit headers; retries from 1 s to 60 s.
net::HostPolicy crossref_policy(int concurrency = k_crossref_concurrency);
// The policy of list requests (key k_crossref_list_key): the same rules, with
// their own limiter, adapted to what list answers announce.
net::HostPolicy crossref_list_policy(int concurrency = k_crossref_concurrency);

// DOIs per list request unless configured otherwise.
inline constexpr int k_crossref_batch = 50;

class CrossrefSource final : public Source {
 public:
  // `client` must outlive every fetch started here.
  CrossrefSource(net::HttpClient& client, CrossrefOptions options);

  std::string_view name() const override { return k_crossref_source; }
  std::string_view display_name() const override { return k_crossref_display_name; }
  core::SourceKind kind() const override { return core::SourceKind::doi_registry; }

  // The paper's DOI, as given; "" without one, and for an arXiv DOI
  // (10.48550/arXiv.*): those are registered at DataCite, Crossref answers
  // 404 for them. A malformed DOI is returned as given, so the fetch reports
  // it invalid.
  std::string query_id(const PaperIds& ids) const override;
  // The requests for the distinct valid DOIs that are not arXiv DOIs, in the
  // spelling first passed in: plan_crossref_requests' lists and singles. A DOI
  // a list answer leaves out costs one more (single) request at fetch time.
  std::vector<std::vector<std::string>> batches(const std::vector<std::string>& ids) const override;
  void fetch(std::vector<FetchItem> items, BatchHandler on_batch, DoneHandler on_done) override;
  std::chrono::milliseconds min_interval() const override { return std::chrono::milliseconds(0); }

 private:
  CrossrefFetcher m_fetcher;
};

}  // namespace scholard::fetchers
