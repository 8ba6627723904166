// The sync engine: one pass of config → plan → fetch → store → render →
// outputs → hook. `scholard sync` runs one pass; `scholard daemon` runs passes
// from its scheduler. There is no second implementation.
//
// A pass, on the io_context thread:
//  1. reconcile the config's papers with the store;
//  2. plan (plan.hpp): what is due per paper and source (never fetched,
//     next_due passed, --force; with --only, the papers named, whatever their
//     backoff); hidden and manual papers are not fetched;
//  3. ask every source (fetchers::Source, made by the SourceFactory: the
//     registry's by default) concurrently, each within its own limits (the
//     HttpClient enforces them), storing the answers in transactions of up
//     to 100, at least once a second and all of them before step 4; a record
//     that names an id another source can answer by (an arXiv record's DOI)
//     gets that source asked in the same pass, when it is due;
//  3b. when [discover] is on and a search is due (not in a dry run or with
//     --only): discovery (discovery.hpp) stores candidates for `pending`;
//  4. render every output from the store and write those whose bytes changed —
//     unless nobody could be reached (every request failed in transport), in
//     which case every output is left byte-identical, or unless nothing can
//     have changed since the last render (same config bytes, same store data
//     generation, every output on disk as scholard left it: render_stamp.hpp),
//     in which case no output is rendered or read;
//  5. run the hook once if any output changed.
// A failed fetch never blanks the store (the store keeps the last good record).
// Dry run: fetch, but write neither the store nor any output; the report
// carries the diff of each output against the fetched data.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "daemon/hook.hpp"
#include "daemon/kept_text.hpp"
#include "daemon/outputs.hpp"
#include "daemon/schedule.hpp"
#include "daemon/sources.hpp"
#include "discovery/discovery.hpp"
#include "discovery/title_match.hpp"
#include "net/asio.hpp"
#include "net/http_client.hpp"
#include "net/options.hpp"
#include "store/store.hpp"

namespace scholard::daemon {

struct PassOptions {
  bool force = false;                 // fetch everything, due or not
  WriteMode mode = WriteMode::write;  // dry_run: no store or output writes
  std::vector<std::string> only;      // canonical paper keys; empty = all
  std::string command = "sync";       // recorded with the run
  // config_text_digest() of the config text `cfg` was parsed from
  // (render_stamp.hpp). Empty = unknown: the pass always renders and leaves
  // the render stamp alone. Ignored (always render) with force or dry_run.
  std::string config_digest;
};

// How one paper's fetch from one source failed, for the message and `status`.
struct PassFailure {
  std::string paper_key;
  std::string source;  // the source's name
  std::string message;
  store::StoredOutcome outcome = store::StoredOutcome::error;  // not_found, invalid or error
};

// What the engine wants to tell whoever watches a long pass.
struct Progress {
  int due = 0;        // paper-source fetches planned (grows when links are followed)
  int done = 0;       // answered so far
  int requests = 0;   // HTTP requests issued so far
};
using ProgressHandler = std::function<void(const Progress&)>;

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

  // interface.md's exit statuses: 0 ok; 1 some papers failed or wait (left
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

using PassHandler = std::function<void(PassReport)>;

// What a pass stopped by a signal leaves behind (Engine::interrupt).
struct Interruption {
  enum class Stage { none, fetching, hook };
  Stage stage = Stage::none;   // none: no pass was running
  int answers_kept = 0;        // answers this pass stored, all of them now
  bool dry_run = false;        // nothing was stored or written in any case
  // "12 answers kept in the store, outputs left as they were" and the like.
  std::string describe() const;
};

class Engine {
 public:
  // Everything passed in must outlive the engine and any pass it runs.
  // `sources` makes each pass's sources for its config (default: the
  // registry's); `random` draws the retry jitter (default: seeded from
  // entropy, one per engine).
  Engine(boost::asio::io_context& io, store::Store& store, net::HttpClient& client, const core::Clock& clock,
         SourceFactory sources = registry_sources, Random* random = nullptr);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Starts a pass for `cfg` (copied); `done` runs on the io thread when it has
  // finished, hook included. One pass at a time: a second call while one runs
  // is answered at once with a fatal report.
  void run_pass(const config::Config& cfg, PassOptions options, PassHandler done, ProgressHandler progress = {});
  // The same, taking the config over instead of copying it (10,000 papers:
  // a copy costs ~3 ms).
  void run_pass(config::Config&& cfg, PassOptions options, PassHandler done, ProgressHandler progress = {});

  bool busy() const;

  // For SIGINT/SIGTERM during `sync`, on the io thread: stores the answers
  // the running pass has not saved yet, records its run as interrupted (with
  // `signal_name` and what was kept) and reports where it was. The pass is
  // then abandoned: the caller exits without running the io_context again.
  // Before the render, every output is still as it was; during the hook the
  // outputs are written and the hook keeps running in its own process group.
  Interruption interrupt(const std::string& signal_name);

 private:
  struct Pass;
  boost::asio::io_context& m_io;
  store::Store& m_store;
  net::HttpClient& m_client;
  const core::Clock& m_clock;
  SourceFactory m_make_sources;
  std::unique_ptr<SeededRandom> m_own_random;
  Random* m_random = nullptr;
  std::shared_ptr<Pass> m_current;
};

}  // namespace scholard::daemon
