// The politeness referee: counts requests per route and checks them against
// the rules the real services announce, so tests can assert that scholard
// was polite.
//
// arXiv: at most one request per `arxiv_interval` (measured between request
// STARTS, i.e. the arrival of request headers) and one open request at a time.
// Crossref: requests in flight vs the announced x-concurrency-limit, and
// requests per x-rate-limit-interval vs x-rate-limit-limit, per pool; the
// list route (/works?...) is refereed on its own against the list limits
// (Crossref announces lower ones for lists), the single-work route against
// the single limits.
// Semantic Scholar: at most one request per `s2_interval` (between starts)
// and one open request at a time, as S2 asks of a keyed client; requests
// are also counted per endpoint and by whether an x-api-key was sent.
//
// Pure: the caller passes the time of every event (a steady time point for
// the arithmetic and a wall-clock time point for the message). Each check
// returns the violations it found so the caller can log them.
#pragma once

#include <chrono>
#include <deque>
#include <string>
#include <vector>

#include "semanticscholar_route.hpp"

namespace scholard::fakeapi {

enum class Pool { polite, public_pool };

// Which Crossref route a request took: /works/{doi} or the /works list.
enum class CrossrefRoute { single, list };

struct PoolLimits {
  int rate_limit = 10;                            // x-rate-limit-limit
  std::chrono::milliseconds interval{1000};       // x-rate-limit-interval
  int concurrency = 3;                            // x-concurrency-limit
};

struct RefereeRules {
  std::chrono::milliseconds arxiv_interval{3000};
  PoolLimits polite{10, std::chrono::milliseconds{1000}, 3};
  PoolLimits public_pool{5, std::chrono::milliseconds{1000}, 1};
  PoolLimits polite_list{3, std::chrono::milliseconds{1000}, 1};  // lists (the "-array" pools)
  PoolLimits public_list{1, std::chrono::milliseconds{1000}, 1};
  std::chrono::milliseconds s2_interval{1000};
};

struct RouteStats {
  long requests = 0;
  long min_gap_ms = -1;  // arXiv only; -1 with fewer than two requests
  int in_flight = 0;
  int max_in_flight = 0;
};

// How a Semantic Scholar request used the API key (never the key itself).
struct KeyUse {
  bool sent = false;      // an x-api-key header was present
  bool rejected = false;  // answered 403: missing or not the server's --s2-api-key
};

struct S2Counts {
  long batch = 0;
  long paper = 0;
  long match = 0;
  long other = 0;
  long with_key = 0;      // an x-api-key header was sent
  long without_key = 0;
  long rejected_key = 0;  // sent or not, refused with 403 because it was not the --s2-api-key
};

class Referee {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;
  using WallTime = std::chrono::system_clock::time_point;

  explicit Referee(RefereeRules rules);

  // An arXiv request's headers arrived. Returns the violations it caused.
  std::vector<std::string> arxiv_started(SteadyTime now, WallTime wall);
  // That request was answered (or its connection dropped).
  void arxiv_finished();

  std::vector<std::string> crossref_started(SteadyTime now, WallTime wall, Pool pool,
                                            CrossrefRoute route = CrossrefRoute::single);
  void crossref_finished(CrossrefRoute route = CrossrefRoute::single);

  std::vector<std::string> semanticscholar_started(SteadyTime now, WallTime wall, S2Endpoint endpoint,
                                                   KeyUse key);
  void semanticscholar_finished();

  // Forgets counts and violations (POST /_control/reset).
  void reset();

  const RouteStats& arxiv() const { return m_arxiv; }
  const RouteStats& crossref() const { return m_crossref; }  // both routes
  const RouteStats& crossref_list() const { return m_crossref_list; }
  const RouteStats& semanticscholar() const { return m_s2; }
  const S2Counts& semanticscholar_counts() const { return m_s2_counts; }
  const std::vector<std::string>& violations() const { return m_violations; }
  const RefereeRules& rules() const { return m_rules; }
  const PoolLimits& limits(Pool pool, CrossrefRoute route = CrossrefRoute::single) const;

  // {"arxiv":{"requests":N,"min_gap_ms":G,"max_in_flight":M},
  //  "crossref":{"requests":N,"max_in_flight":M},
  //  "crossref_list":{"requests":N,"max_in_flight":M},"violations":[...]}
  // ("crossref" counts both routes, "crossref_list" the list route alone).
  // Also "semanticscholar":{"requests":N,"min_gap_ms":G,"max_in_flight":M,
  //  "batch":B,"paper":P,"match":Q,"other":O,"with_key":K,"without_key":W,"rejected_key":R}.
  std::string stats_json() const;

 private:
  std::vector<std::string> record(std::vector<std::string> found);
  std::string semanticscholar_json() const;

  RefereeRules m_rules;
  RouteStats m_arxiv;
  RouteStats m_crossref;
  RouteStats m_crossref_list;
  int m_crossref_single_in_flight = 0;
  bool m_have_arxiv_start = false;
  SteadyTime m_last_arxiv_start{};
  std::deque<SteadyTime> m_crossref_window;       // single-route starts within the last interval
  std::deque<SteadyTime> m_crossref_list_window;  // list-route starts within the last interval
  std::vector<std::string> m_violations;
  RouteStats m_s2;
  S2Counts m_s2_counts;
  bool m_have_s2_start = false;
  SteadyTime m_last_s2_start{};
};

// "2026-11-23T09:30:00.123Z".
std::string format_wall_time(std::chrono::system_clock::time_point when);

// Seconds with up to three decimals and no trailing zeros: 3000ms -> "3", 1200ms -> "1.2".
std::string format_seconds(std::chrono::milliseconds duration);

}  // namespace scholard::fakeapi
