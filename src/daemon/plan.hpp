// Planning: which paper is asked of which source, and when.
//
// The one rule for "is this due" (docs/sources.md, "When a source is asked":
// a paper is due when its last successful fetch is older than [schedule]
// refresh; a failing one when its backed-off retry time has come), used by a sync pass (plan_pass), by
// `scholard status` (schedule_of: what is due next) and by the daemon's
// timer (earliest_due). Pure functions of the config, the sources, the
// stored due states and `now`: no clock, store or network.
//
// A paper is asked of a source when the source can answer for it: the
// source's query_id for the paper's ids (the config's arXiv id and DOI, and
// a DOI a stored record of the paper names) is not empty. Manual and hidden
// papers are never fetched.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "fetchers/source.hpp"
#include "store/store.hpp"
#include "store/types.hpp"

namespace scholard::daemon {

// When a source is due for one paper, from what the store keeps: never
// attempted -> the epoch (due now); failing -> the stored next_due; else the
// last success + refresh (the CURRENT refresh, so a config change takes
// effect at once).
core::SysTime due_at(const store::DueState& state, config::Duration refresh);

// A paper's stored due states (nullptr: none stored), and of those the one
// of `source` (nullptr: never fetched from it, or `states` is nullptr).
const store::PaperDueStates* states_of(const std::unordered_map<std::string, store::PaperDueStates>& states,
                                       const std::string& key);
const store::DueState* state_at(const store::PaperDueStates* states, std::string_view source);

// The ids a config paper is known by, with the DOI a stored record names
// when the config gives none (an arXiv record naming its published DOI).
fetchers::PaperIds paper_ids(const config::Paper& paper, const store::PaperDueStates* states);

// One paper at one source.
struct ScheduledFetch {
  std::string paper_key;
  std::string source;    // the source's name
  std::string id;        // what the source is asked for (its query_id)
  core::SysTime due;     // due_at, or the epoch when never fetched
  int failures = 0;      // consecutive, as stored
  fetchers::Validators validators;  // of the kept answer, sent back for a conditional request
  bool never_fetched = true;
};

// Every listed paper at every source that can answer for it, in config order
// and, per paper, in the order of `sources`.
std::vector<ScheduledFetch> schedule_of(const config::Config& cfg, const std::vector<std::string>& keys,
                                        const std::vector<const fetchers::Source*>& sources,
                                        const std::unordered_map<std::string, store::PaperDueStates>& states);

struct PlanOptions {
  bool force = false;             // everything, due or not
  std::vector<std::string> only;  // paper keys: these only, whatever their backoff; empty = all
};

// What one pass asks of one source.
struct SourcePlan {
  const fetchers::Source* source = nullptr;
  std::vector<ScheduledFetch> fetches;
};

struct PassPlan {
  std::vector<SourcePlan> sources;  // one per source, in the order given, empty ones included
  std::size_t size() const;         // fetches over all sources
};

// The fetches a pass makes at `now`: those due (or all with force, or the
// papers in `only`), grouped by source.
PassPlan plan_pass(const config::Config& cfg, const std::vector<std::string>& keys,
                   const std::vector<const fetchers::Source*>& sources,
                   const std::unordered_map<std::string, store::PaperDueStates>& states, core::SysTime now,
                   const PlanOptions& options);

// Whether `source` is due for a paper with these stored states: the rule
// plan_pass applies, and the engine for an id a pass learns on the way.
bool is_due(const store::PaperDueStates* states, std::string_view source, config::Duration refresh, core::SysTime now,
            const PlanOptions& options, const std::string& paper_key);

// `scholard status`: the first `limit` entries of `schedule`, never fetched
// first, then soonest due, then config order (sources in their order).
std::vector<store::DueFetch> next_fetches(const std::vector<ScheduledFetch>& schedule, std::size_t limit);

// The daemon's timer: the earliest due time over every listed paper and
// source the store has fetched; nullopt when there is none (or the store
// cannot be read: logged). Papers never fetched are the next pass's anyway.
std::optional<core::SysTime> earliest_due(store::Store& store, config::Duration refresh);

}  // namespace scholard::daemon
