#include "daemon/pass_progress.hpp"

#include <algorithm>

#include "fetchers/registry.hpp"

namespace scholard::daemon {

void PassProgress::begin(const SourceList& sources) {
  m_counts = Progress{};
  m_owner.clear();
  m_lanes.clear();
  m_requests_planned.clear();
  for (const auto& s : sources) {
    SourceProgress p;
    p.name = s.name;
    p.display_name = s.display_name;
    m_counts.sources.push_back(std::move(p));
    m_owner[s.name] = s.name;
    // A source's second route (Crossref's lists) has a lane of its own.
    if (const fetchers::SourceEntry* entry = fetchers::find_source(s.name); entry && !entry->route_key.empty()) {
      m_owner[std::string(entry->route_key)] = s.name;
    }
  }
}

void PassProgress::planned(std::size_t index, int n) {
  if (index >= m_counts.sources.size()) return;
  m_counts.sources[index].due += n;
  m_counts.due += n;
}

void PassProgress::requests_planned(std::size_t index, int n) {
  if (index >= m_counts.sources.size()) return;
  SourceProgress& entry = m_counts.sources[index];
  m_requests_planned[entry.name] += n;
  refresh(entry);
}

void PassProgress::answered(std::size_t index, bool failed) {
  if (index >= m_counts.sources.size()) return;
  ++m_counts.done;
  if (failed) {
    ++m_counts.failed;
    ++m_counts.sources[index].failed;
  } else {
    ++m_counts.sources[index].answered;
  }
}

void PassProgress::lane(const net::LaneActivity& activity) {
  m_lanes[activity.key] = activity;
  refresh(owner_of(activity.key));
  long total = 0;
  for (const auto& [key, a] : m_lanes) total += a.requests;
  m_counts.requests = static_cast<int>(total);
}

SourceProgress& PassProgress::owner_of(const std::string& key) {
  auto it = m_owner.find(key);
  if (it == m_owner.end()) it = m_owner.emplace(key, key).first;
  for (auto& entry : m_counts.sources) {
    if (entry.name == it->second) return entry;
  }
  SourceProgress other;
  other.name = key;
  other.display_name = key;
  m_counts.sources.push_back(std::move(other));
  return m_counts.sources.back();
}

// Joins the entry's lanes: requests summed; waiting only when none of them
// has a request in flight, until the earliest of their waits.
void PassProgress::refresh(SourceProgress& entry) {
  long requests = 0;
  long first_attempts = 0;
  bool busy = false;
  entry.waiting = net::WaitReason::none;
  entry.until.reset();
  entry.backing_off = 0;
  for (const auto& [key, a] : m_lanes) {
    const auto owner = m_owner.find(key);
    if (owner == m_owner.end() || owner->second != entry.name) continue;
    requests += a.requests;
    first_attempts += a.requests - a.retries;
    entry.backing_off += a.backing_off;
    if (a.in_flight > 0) busy = true;
    if (key == entry.name) entry.per_request = a.per_request;
    if (a.waiting != net::WaitReason::none && a.until && (!entry.until || *a.until < *entry.until)) {
      entry.until = a.until;
      entry.waiting = a.waiting;
    }
  }
  if (busy) {
    entry.waiting = net::WaitReason::none;
    entry.until.reset();
  }
  entry.requests = static_cast<int>(requests);
  const auto planned = m_requests_planned.find(entry.name);
  const long planned_n = planned == m_requests_planned.end() ? 0 : planned->second;
  entry.requests_left = static_cast<int>(std::max(0L, planned_n - first_attempts));
}

}  // namespace scholard::daemon
