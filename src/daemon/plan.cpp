#include "daemon/plan.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include <spdlog/spdlog.h>

#include "daemon/deferral.hpp"

namespace scholard::daemon {

core::SysTime due_at(const store::DueState& state, config::Duration refresh) {
  if (state.failures > 0 && state.next_due) return *state.next_due;
  if (state.last_success) {
    return *state.last_success + std::chrono::duration_cast<core::SysTime::duration>(refresh);
  }
  return state.next_due.value_or(core::SysTime{});
}

fetchers::PaperIds paper_ids(const config::Paper& paper, const store::PaperDueStates* states) {
  fetchers::PaperIds ids;
  if (paper.arxiv) ids.arxiv_id = paper.arxiv->id;
  if (paper.doi) ids.doi = paper.doi->value;
  if (ids.doi.empty() && states != nullptr) ids.doi = states->record_doi;
  ids.title = paper.title;
  ids.corpus_id = paper.semanticscholar;
  return ids;
}

const store::PaperDueStates* states_of(const std::unordered_map<std::string, store::PaperDueStates>& states,
                                       const std::string& key) {
  const auto it = states.find(key);
  return it == states.end() ? nullptr : &it->second;
}

const store::DueState* state_at(const store::PaperDueStates* states, std::string_view source) {
  if (states == nullptr) return nullptr;
  const auto it = states->by_source.find(source);
  return it == states->by_source.end() ? nullptr : &it->second;
}

namespace {

// Calls `want(i, paper_states, source)` for every listed, fetched-from-sources
// paper i and source, and for those it accepts whose id the source can answer
// by, `take(scheduled fetch)`; the ids are worked out only for a paper some
// source was wanted for. In config order and, per paper, in `sources`' order.
// (A nothing-due pass wants nothing, so it builds no ScheduledFetch at all.)
template <typename Want, typename Take>
void scan_fetches(const config::Config& cfg, const std::vector<std::string>& keys,
                  const std::vector<const fetchers::Source*>& sources,
                  const std::unordered_map<std::string, store::PaperDueStates>& states, Want want, Take take) {
  for (std::size_t i = 0; i < cfg.papers.size() && i < keys.size(); ++i) {
    const auto& paper = cfg.papers[i];
    // A manual entry is fetched only when Semantic Scholar tracks it.
    if ((paper.is_manual() && paper.semanticscholar.empty()) || paper.hidden) continue;
    const store::PaperDueStates* paper_states = states_of(states, keys[i]);
    std::optional<fetchers::PaperIds> ids;
    for (const fetchers::Source* source : sources) {
      if (!want(i, paper_states, *source)) continue;
      if (!ids) ids = paper_ids(paper, paper_states);
      std::string id = source->query_id(*ids);
      if (id.empty()) continue;
      ScheduledFetch f;
      f.paper_key = keys[i];
      f.source = std::string(source->name());
      f.id = std::move(id);
      if (const store::DueState* st = state_at(paper_states, f.source)) {
        f.due = due_at(*st, cfg.schedule.refresh);
        f.failures = st->failures;
        f.validators = {st->etag, st->last_modified};
        f.never_fetched = false;
      }
      take(std::move(f));
    }
  }
}

}  // namespace

std::vector<ScheduledFetch> schedule_of(const config::Config& cfg, const std::vector<std::string>& keys,
                                        const std::vector<const fetchers::Source*>& sources,
                                        const std::unordered_map<std::string, store::PaperDueStates>& states) {
  std::vector<ScheduledFetch> out;
  out.reserve(cfg.papers.size() * sources.size());
  scan_fetches(
      cfg, keys, sources, states, [](std::size_t, const store::PaperDueStates*, const fetchers::Source&) { return true; },
      [&out](ScheduledFetch f) { out.push_back(std::move(f)); });
  return out;
}

std::size_t PassPlan::size() const {
  std::size_t n = 0;
  for (const auto& s : sources) n += s.fetches.size();
  return n;
}

PassPlan plan_pass(const config::Config& cfg, const std::vector<std::string>& keys,
                   const std::vector<const fetchers::Source*>& sources,
                   const std::unordered_map<std::string, store::PaperDueStates>& states, core::SysTime now,
                   const PlanOptions& options) {
  PassPlan plan;
  for (const fetchers::Source* s : sources) plan.sources.push_back({s, {}});
  // The due rule first: a paper not due at a source costs no ids and no copies.
  scan_fetches(
      cfg, keys, sources, states,
      [&](std::size_t i, const store::PaperDueStates* paper_states, const fetchers::Source& source) {
        return is_due(paper_states, source.name(), cfg.schedule.refresh, now, options, keys[i]);
      },
      [&plan](ScheduledFetch f) {
        auto it = std::find_if(plan.sources.begin(), plan.sources.end(),
                               [&](const SourcePlan& p) { return p.source->name() == f.source; });
        it->fetches.push_back(std::move(f));
      });
  return plan;
}

bool is_due(const store::PaperDueStates* states, std::string_view source, config::Duration refresh, core::SysTime now,
            const PlanOptions& options, const std::string& paper_key) {
  // --only names papers the researcher wants fetched now, backoff or not.
  if (!options.only.empty()) {
    return std::find(options.only.begin(), options.only.end(), paper_key) != options.only.end();
  }
  if (options.force) return true;
  const store::DueState* st = state_at(states, source);
  return st == nullptr || due_at(*st, refresh) <= now;
}

std::vector<store::DueFetch> next_fetches(const std::vector<ScheduledFetch>& schedule, std::size_t limit) {
  std::vector<const ScheduledFetch*> order;
  order.reserve(schedule.size());
  for (const auto& f : schedule) order.push_back(&f);
  // schedule_of gives config order: a stable sort keeps it among equals.
  std::stable_sort(order.begin(), order.end(), [](const ScheduledFetch* a, const ScheduledFetch* b) {
    if (a->never_fetched != b->never_fetched) return a->never_fetched;
    return !a->never_fetched && a->due < b->due;
  });
  std::vector<store::DueFetch> out;
  for (std::size_t i = 0; i < order.size() && i < limit; ++i) {
    const ScheduledFetch& f = *order[i];
    out.push_back({f.paper_key, f.source, f.never_fetched ? std::nullopt : std::optional<core::SysTime>(f.due),
                   f.failures});
  }
  return out;
}

std::optional<core::SysTime> earliest_due(store::Store& store, config::Duration refresh) {
  auto overview = store.fetch_overview();
  if (!overview) {
    spdlog::error("store: {}", overview.error().message);
    return std::nullopt;
  }
  std::optional<core::SysTime> earliest;
  // A deferred source (deferral.hpp) is due no earlier than its breaker
  // allows: else the daemon would wake at once, again and again, to ask a
  // source it must not ask yet.
  std::map<std::string, std::optional<core::SysTime>, std::less<>> deferred_until;
  for (const auto& [key, paper] : *overview) {
    for (const auto& [source, state] : paper.by_source) {
      auto d = deferred_until.find(source);
      if (d == deferred_until.end()) {
        auto loaded = load_deferral(store, source);
        d = deferred_until.emplace(source, loaded ? std::optional<core::SysTime>(loaded->until) : std::nullopt).first;
      }
      auto at = due_at(state, refresh);
      if (d->second && *d->second > at) at = *d->second;
      if (!earliest || at < *earliest) earliest = at;
    }
  }
  return earliest;
}

}  // namespace scholard::daemon
