// arXiv as a fetchers::Source (a preprint server): asked by arXiv id, in
// id_list batches through ArxivFetcher, one request at a time spaced by
// arXiv's rule, which also holds across processes (min_interval()).
//
// arXiv sends no validators (no ETag or Last-Modified in any recorded answer,
// see docs/sources.md), so FetchItem::validators are not sent: every fetch is
// a full answer.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "fetchers/arxiv_fetcher.hpp"
#include "fetchers/arxiv_parser.hpp"
#include "fetchers/source.hpp"
#include "net/http_client.hpp"
#include "net/options.hpp"

namespace scholard::fetchers {

// arXiv's terms (docs/upstream-apis.md, "Terms: one request every 3 s").
inline constexpr std::chrono::milliseconds k_arxiv_min_interval{3000};
inline constexpr std::string_view k_arxiv_display_name = "arXiv";

// The net policy for arXiv's requests: one request per `min_interval` (plus
// 5 %), one connection, not kept alive; retries start after at least 10
// intervals (30 s at 3 s) and back off to 300 intervals (15 min).
net::HostPolicy arxiv_policy(std::chrono::milliseconds min_interval = k_arxiv_min_interval);

class ArxivSource final : public Source {
 public:
  // `client` must outlive every fetch started here.
  ArxivSource(net::HttpClient& client, ArxivOptions options,
              std::chrono::milliseconds min_interval = k_arxiv_min_interval);

  std::string_view name() const override { return k_arxiv_source; }
  std::string_view display_name() const override { return k_arxiv_display_name; }
  core::SourceKind kind() const override { return core::SourceKind::preprint_server; }

  // The paper's arXiv id, as given; "" without one (a DOI, even an arXiv
  // DOI, is not followed here: the engine asks with what the config names).
  std::string query_id(const PaperIds& ids) const override;
  // id_list batches of the distinct valid ids (plan_arxiv_batches), each id
  // in the spelling first passed in.
  std::vector<std::vector<std::string>> batches(const std::vector<std::string>& ids) const override;
  void fetch(std::vector<FetchItem> items, BatchHandler on_batch, DoneHandler on_done) override;
  std::chrono::milliseconds min_interval() const override { return m_min_interval; }

 private:
  ArxivFetcher m_fetcher;
  std::chrono::milliseconds m_min_interval;
};

}  // namespace scholard::fetchers
