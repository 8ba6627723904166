// What a running pass tells its ProgressHandler (engine.hpp's Progress): the
// engine's own counts (planned, answered, failed per source) joined with what
// the HTTP client reports of its lanes (requests sent, waiting for a limit or
// a retry). No drawing here: `sync` draws it (cli/status_line.hpp).
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "daemon/engine.hpp"
#include "daemon/sources.hpp"
#include "net/http_client.hpp"

namespace scholard::daemon {

class PassProgress {
 public:
  // One entry per source of the pass, in its order.
  void begin(const SourceList& sources);
  // `n` more paper fetches planned of source `index` (the plan, a followed link).
  void planned(std::size_t index, int n);
  // `n` more requests (one per batch) planned of source `index`.
  void requests_planned(std::size_t index, int n);
  // One answer of source `index`; `failed` when it counts as a failure.
  void answered(std::size_t index, bool failed);
  // A client lane changed: a source's own lane (its name), its second route
  // (the registry's route key) or a lane no source owns (discovery's hosts).
  void lane(const net::LaneActivity& activity);

  const Progress& counts() const { return m_counts; }
  int due() const { return m_counts.due; }

 private:
  // The entry of the source owning lane `key`; a new entry when none does.
  SourceProgress& owner_of(const std::string& key);
  void refresh(SourceProgress& entry);

  Progress m_counts;
  std::map<std::string, std::string> m_owner;          // lane key -> entry name
  std::map<std::string, net::LaneActivity> m_lanes;    // by lane key
  std::map<std::string, int> m_requests_planned;       // by entry name
};

}  // namespace scholard::daemon
