// A source's circuit breaker, kept across processes: when a source refuses
// to serve us at all (fetchers::FetchOutcome::source_refused: a 429 without
// Retry-After, a refused API key, an HTML page from a JSON API), the whole
// source is deferred, not the papers it was asked about. The next request
// waits out an exponential backoff from one minute, with jitter; a pass
// that gets answers again closes the breaker. One-shot `sync` never sleeps
// for it: it records the deferral and renders from the store; the daemon
// wakes when it ends (plan.hpp, earliest_due). docs/reliability.md.
//
// Kept in the store's meta, per source name: `<name>_deferred_until_ms`
// (unix milliseconds), `<name>_refusals` (in a row) and `<name>_refusal`
// (the last refusal's message).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace scholard::daemon {

class Random;

struct SourceDeferral {
  core::SysTime until;
  int refusals = 0;     // refusals in a row, this one included
  std::string reason;   // the refusal's message
};

// The backoff after `refusals` (>= 1) refusals in a row: d = min(6 h,
// 1 min * 2^(refusals-1)), jittered into (d/2, d] by `unit` in [0, 1).
std::chrono::milliseconds refusal_backoff(int refusals, double unit);

// The source's deferral as stored; nullopt when none is stored (or it is
// unreadable, which counts as none: the breaker is advice, not data).
std::optional<SourceDeferral> load_deferral(store::Store& store, std::string_view source);

// Records one more refusal of `source` at `now`: the deferral is the next
// backoff step after the stored one's. Returns what was stored.
core::Result<SourceDeferral> record_refusal(store::Store& store, std::string_view source, const std::string& reason,
                                            core::SysTime now, Random& random);

// The source answered again: the breaker closes (nothing stored).
core::Result<void> clear_deferral(store::Store& store, std::string_view source);

// True while `d` holds at `now`.
inline bool is_deferred(const std::optional<SourceDeferral>& d, core::SysTime now) { return d && now < d->until; }

}  // namespace scholard::daemon
