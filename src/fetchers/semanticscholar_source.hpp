// Semantic Scholar as a fetchers::Source (a bibliographic index: it links a
// preprint to where it was published). Asked by "ARXIV:<id>" for a paper
// with an arXiv id, else by "DOI:<doi>" (not arXiv's own DOIs), else by the
// "CorpusId:<n>" a manual entry carries; a paper known by its title only is
// not batch-fetched (match_title() proposes a corpus id for it). Up to 500 ids per POST
// /paper/batch, one request at a time, at least min_interval apart, also
// across processes (min_interval()). S2 sends no validators.
//
// Politeness by construction (docs/sources.md, "Semantic Scholar"): a 429 or
// 503 without Retry-After is not retried within the pass (the policy gives up
// at once), and a refusal stops the fetch's remaining batches (their ids
// are answered source_refused, "not asked").
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "fetchers/semanticscholar_fetcher.hpp"
#include "fetchers/semanticscholar_parser.hpp"
#include "fetchers/source.hpp"
#include "net/http_client.hpp"
#include "net/options.hpp"

namespace scholard::fetchers {

// S2's rule for a key (1 request per second); the keyless pool is kept to it too.
inline constexpr std::chrono::milliseconds k_semanticscholar_min_interval{1000};
inline constexpr std::string_view k_semanticscholar_display_name = "Semantic Scholar";

// The net policy for S2's requests: one in flight, at least `min_interval`
// (plus 5 %) apart, a fresh connection each; transient failures (5xx,
// timeouts) up to 3 attempts, backing off from 2 to 60 intervals; a 429/503
// without Retry-After is not retried (a Retry-After within 60 intervals is
// waited for).
net::HostPolicy semanticscholar_policy(std::chrono::milliseconds min_interval = k_semanticscholar_min_interval);

class SemanticScholarSource final : public Source {
 public:
  // `client` must outlive every fetch started here.
  SemanticScholarSource(net::HttpClient& client, SemanticScholarOptions options,
                        std::chrono::milliseconds min_interval = k_semanticscholar_min_interval);

  std::string_view name() const override { return k_semanticscholar_source; }
  std::string_view display_name() const override { return k_semanticscholar_display_name; }
  core::SourceKind kind() const override { return core::SourceKind::bibliographic_index; }

  // "ARXIV:<id>" for an arXiv id (unversioned when it parses), else
  // "DOI:<doi>" for a DOI that is not arXiv's (10.48550/...), else the
  // corpus id, else "".
  std::string query_id(const PaperIds& ids) const override;
  // Batches of up to batch_size distinct valid ids, in the spelling first
  // passed in: the requests fetch() sends when every one is answered.
  std::vector<std::vector<std::string>> batches(const std::vector<std::string>& ids) const override;
  void fetch(std::vector<FetchItem> items, BatchHandler on_batch, DoneHandler on_done) override;
  std::chrono::milliseconds min_interval() const override { return m_min_interval; }
  // S2's /paper/search/match (fetchers::match_title), under the same key and spacing.
  bool matches_titles() const override { return true; }
  void match_title(std::string title, TitleMatchHandler done) override;

 private:
  net::HttpClient& m_client;
  SemanticScholarFetcher m_fetcher;
  std::chrono::milliseconds m_min_interval;
};

}  // namespace scholard::fetchers
