#include "referee.hpp"

#include <algorithm>
#include <ctime>
#include <utility>

#include <fmt/format.h>

#include "core/json.hpp"

namespace scholard::fakeapi {

Referee::Referee(RefereeRules rules) : m_rules(rules) {}

const PoolLimits& Referee::limits(Pool pool, CrossrefRoute route) const {
  if (route == CrossrefRoute::list) return pool == Pool::polite ? m_rules.polite_list : m_rules.public_list;
  return pool == Pool::polite ? m_rules.polite : m_rules.public_pool;
}

std::vector<std::string> Referee::record(std::vector<std::string> found) {
  m_violations.insert(m_violations.end(), found.begin(), found.end());
  return found;
}

std::vector<std::string> Referee::arxiv_started(SteadyTime now, WallTime wall) {
  std::vector<std::string> found;
  ++m_arxiv.requests;
  if (m_have_arxiv_start) {
    const auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(now - m_last_arxiv_start);
    m_arxiv.min_gap_ms = m_arxiv.min_gap_ms < 0 ? gap.count() : std::min(m_arxiv.min_gap_ms, gap.count());
    if (gap < m_rules.arxiv_interval) {
      found.push_back(fmt::format("arxiv: requests {} s apart (< {} s) at {}", format_seconds(gap),
                                  format_seconds(m_rules.arxiv_interval), format_wall_time(wall)));
    }
  }
  m_have_arxiv_start = true;
  m_last_arxiv_start = now;
  ++m_arxiv.in_flight;
  m_arxiv.max_in_flight = std::max(m_arxiv.max_in_flight, m_arxiv.in_flight);
  if (m_arxiv.in_flight > 1) {
    found.push_back(fmt::format("arxiv: {} requests in flight at once (> 1 connection) at {}",
                                m_arxiv.in_flight, format_wall_time(wall)));
  }
  return record(std::move(found));
}

void Referee::arxiv_finished() {
  if (m_arxiv.in_flight > 0) --m_arxiv.in_flight;
}

std::vector<std::string> Referee::crossref_started(SteadyTime now, WallTime wall, Pool pool, CrossrefRoute route) {
  std::vector<std::string> found;
  const PoolLimits& pool_limits = limits(pool, route);
  const bool list = route == CrossrefRoute::list;
  const std::string pool_name = std::string(pool == Pool::polite ? "polite" : "public") + (list ? " list" : "");
  ++m_crossref.requests;
  ++m_crossref.in_flight;
  m_crossref.max_in_flight = std::max(m_crossref.max_in_flight, m_crossref.in_flight);
  int in_flight = 0;
  if (list) {
    ++m_crossref_list.requests;
    in_flight = ++m_crossref_list.in_flight;
    m_crossref_list.max_in_flight = std::max(m_crossref_list.max_in_flight, in_flight);
  } else {
    in_flight = ++m_crossref_single_in_flight;
  }
  if (in_flight > pool_limits.concurrency) {
    found.push_back(fmt::format("crossref: {} requests in flight (> x-concurrency-limit {}, pool {}) at {}",
                                in_flight, pool_limits.concurrency, pool_name, format_wall_time(wall)));
  }
  std::deque<SteadyTime>& window = list ? m_crossref_list_window : m_crossref_window;
  while (!window.empty() && now - window.front() >= pool_limits.interval) window.pop_front();
  window.push_back(now);
  const auto in_window = static_cast<long>(window.size());
  if (in_window > pool_limits.rate_limit) {
    found.push_back(fmt::format("crossref: {} requests within {} s (> x-rate-limit-limit {}, pool {}) at {}",
                                in_window, format_seconds(pool_limits.interval), pool_limits.rate_limit,
                                pool_name, format_wall_time(wall)));
  }
  return record(std::move(found));
}

void Referee::crossref_finished(CrossrefRoute route) {
  if (m_crossref.in_flight > 0) --m_crossref.in_flight;
  int& in_flight = route == CrossrefRoute::list ? m_crossref_list.in_flight : m_crossref_single_in_flight;
  if (in_flight > 0) --in_flight;
}

void Referee::reset() {
  // Requests still open stay counted as in flight so their finish balances.
  const int arxiv_open = m_arxiv.in_flight;
  const int crossref_open = m_crossref.in_flight;
  const int list_open = m_crossref_list.in_flight;
  m_arxiv = RouteStats{};
  m_crossref = RouteStats{};
  m_crossref_list = RouteStats{};
  m_arxiv.in_flight = arxiv_open;
  m_crossref.in_flight = crossref_open;
  m_crossref_list.in_flight = list_open;
  m_have_arxiv_start = false;
  m_crossref_window.clear();
  m_crossref_list_window.clear();
  m_violations.clear();
  const int s2_open = m_s2.in_flight;
  m_s2 = RouteStats{};
  m_s2.in_flight = s2_open;
  m_s2_counts = S2Counts{};
  m_have_s2_start = false;
}

std::string Referee::stats_json() const {
  std::string out = fmt::format(
      R"({{"arxiv":{{"requests":{},"min_gap_ms":{},"max_in_flight":{}}},)"
      R"("crossref":{{"requests":{},"max_in_flight":{}}},)"
      R"("crossref_list":{{"requests":{},"max_in_flight":{}}},"violations":[)",
      m_arxiv.requests, m_arxiv.min_gap_ms, m_arxiv.max_in_flight, m_crossref.requests,
      m_crossref.max_in_flight, m_crossref_list.requests, m_crossref_list.max_in_flight);
  out.insert(out.rfind(R"("violations":[)"), semanticscholar_json() + ",");
  for (std::size_t i = 0; i < m_violations.size(); ++i) {
    if (i > 0) out += ',';
    out += core::json_quote(m_violations[i]);
  }
  out += "]}";
  return out;
}

std::vector<std::string> Referee::semanticscholar_started(SteadyTime now, WallTime wall, S2Endpoint endpoint,
                                                          KeyUse key) {
  std::vector<std::string> found;
  ++m_s2.requests;
  switch (endpoint) {
    case S2Endpoint::batch: ++m_s2_counts.batch; break;
    case S2Endpoint::paper: ++m_s2_counts.paper; break;
    case S2Endpoint::match: ++m_s2_counts.match; break;
    case S2Endpoint::other: ++m_s2_counts.other; break;
  }
  ++(key.sent ? m_s2_counts.with_key : m_s2_counts.without_key);
  if (key.rejected) ++m_s2_counts.rejected_key;
  if (m_have_s2_start) {
    const auto gap = std::chrono::duration_cast<std::chrono::milliseconds>(now - m_last_s2_start);
    m_s2.min_gap_ms = m_s2.min_gap_ms < 0 ? gap.count() : std::min(m_s2.min_gap_ms, gap.count());
    if (gap < m_rules.s2_interval) {
      found.push_back(fmt::format("semanticscholar: requests {} s apart (< {} s) at {}", format_seconds(gap),
                                  format_seconds(m_rules.s2_interval), format_wall_time(wall)));
    }
  }
  m_have_s2_start = true;
  m_last_s2_start = now;
  ++m_s2.in_flight;
  m_s2.max_in_flight = std::max(m_s2.max_in_flight, m_s2.in_flight);
  if (m_s2.in_flight > 1) {
    found.push_back(fmt::format("semanticscholar: {} requests in flight at once (> 1) at {}", m_s2.in_flight,
                                format_wall_time(wall)));
  }
  return record(std::move(found));
}

void Referee::semanticscholar_finished() {
  if (m_s2.in_flight > 0) --m_s2.in_flight;
}

std::string Referee::semanticscholar_json() const {
  return fmt::format(R"("semanticscholar":{{"requests":{},"min_gap_ms":{},"max_in_flight":{},"batch":{},)"
                     R"("paper":{},"match":{},"other":{},"with_key":{},"without_key":{},"rejected_key":{}}})",
                     m_s2.requests, m_s2.min_gap_ms, m_s2.max_in_flight, m_s2_counts.batch, m_s2_counts.paper,
                     m_s2_counts.match, m_s2_counts.other, m_s2_counts.with_key, m_s2_counts.without_key,
                     m_s2_counts.rejected_key);
}

std::string format_wall_time(std::chrono::system_clock::time_point when) {
  const auto since_epoch = when.time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds);
  const std::time_t t = static_cast<std::time_t>(seconds.count());
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis.count());
}

std::string format_seconds(std::chrono::milliseconds duration) {
  const long long ms = duration.count();
  std::string text = fmt::format("{}", ms / 1000);
  long long frac = ms % 1000;
  if (frac < 0) frac = -frac;
  if (frac != 0) {
    std::string digits = fmt::format("{:03}", frac);
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    text += "." + digits;
  }
  return text;
}

}  // namespace scholard::fakeapi
