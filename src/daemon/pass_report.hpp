// What one pass of the engine reports (engine.hpp runs the pass): counts,
// failures, deferred sources, what was rendered and what the hook did; its
// exit status, summary line and failure lines (pass_report.cpp). Apart from
// the engine so that whoever only reads or prints a report does not compile
// the engine's Boost.Asio dependencies.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "daemon/hook.hpp"
#include "daemon/kept_text.hpp"
#include "daemon/outputs.hpp"
#include "discovery/discovery.hpp"
#include "discovery/title_match.hpp"
#include "store/types.hpp"

namespace scholard::daemon {

// How one paper's fetch from one source failed, for the message and `status`.
struct PassFailure {
  std::string paper_key;
  std::string source;  // the source's name
  std::string message;
  store::StoredOutcome outcome = store::StoredOutcome::error;  // not_found, invalid or error
};

// HTTP requests a pass made to one source (retries included).
struct SourceRequests {
  std::string source;        // name
  std::string display_name;  // "arXiv"
  int requests = 0;
};

// A source that refused to serve us (deferral.hpp): not asked again before `until`.
struct DeferredSource {
  std::string source;        // name
  std::string display_name;  // "Semantic Scholar"
  std::string reason;        // the refusal's message (this pass's, or the one that opened the breaker)
  core::SysTime until;
  int not_asked = 0;         // paper fetches of this pass it did not answer (they wait for it)
  bool refused_now = false;  // this pass was refused; false: deferred by an earlier refusal
};

struct PassReport {
  int papers = 0;              // listed in the config
  int due = 0;                 // paper-source fetches attempted
  std::vector<SourceRequests> requests;  // one per source of the pass, in its order
  int not_modified = 0;
  int changed = 0;             // papers whose stored records changed
  bool reached_any = true;     // false when every request failed in transport
  bool rendered = false;       // outputs were rendered (and written unless dry run), or found unchanged
  bool render_skipped = false; // ... found unchanged by the render stamp: nothing was rendered or read
  bool dry_run = false;
  std::vector<PassFailure> failures;
  RenderReport render;
  HookReport hook;
  discovery::DiscoveryReport discovery;   // ran = false when no search was due (or dry run / --only)
  // A source changed a field the config overrides (kept_text.hpp): said once,
  // in the pass that stored the change.
  std::vector<KeptTextNotice> kept_text;
  // Sources deferred by their circuit breaker (deferral.hpp): what the store
  // holds from them is used; not a failure of any paper (exit status 0).
  std::vector<DeferredSource> deferred;
  std::string fatal;           // non-empty: the pass could not run (store, lock)
  core::ErrorCode fatal_code = core::ErrorCode::io;
  // Manual entries matched by title this pass (title_match.hpp); its
  // requests are counted in `requests` under the index's name.
  discovery::TitleMatchReport title_matches;

  int requests_to(std::string_view source) const;  // 0 for a source not asked
  int total_requests() const;
  // Adds `n` requests to `source` (a new entry for a source not listed yet).
  void add_requests(std::string_view source, int n);

  // The exit statuses of scholard(1) (EXIT STATUS): 0 ok; 1 some papers failed or wait (left
  // out of the outputs: RenderReport::notes); 2 an output's
  // configuration is wrong (markers, template); 3 fatal (store, output not writable).
  int exit_code() const;
  // "sync: 23 papers, 2 requests to arXiv, 3 to <the next source> ... (1 not modified), 1 changed,
  // research.md rewritten" (every source of the pass named, in its order)
  std::string summary_line(const std::string& command) const;
  // The failures grouped by source and reason, one line each:
  // "arXiv: export.arxiv.org: could not resolve host (no network?): 15 papers (2506.15740, 2505.05410, ...)";
  // then one line per deferred source ("Semantic Scholar refused: ...; not
  // asked again before 17:12 UTC, its kept records are used"); then the
  // render's notes on the list (PaperNotes::lines). Up to five
  // waiting papers get their own line instead of their failures'; more are
  // named in one line after the grouped failures.
  std::vector<std::string> failure_lines() const;
};

}  // namespace scholard::daemon
