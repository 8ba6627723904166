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

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "daemon/outputs.hpp"
#include "daemon/pass_report.hpp"
#include "daemon/schedule.hpp"
#include "daemon/sources.hpp"
#include "net/asio_fwd.hpp"
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

// One source's (or one other lane's, e.g. discovery's) part of a pass so far.
struct SourceProgress {
  std::string name;          // the source's name; a lane no source owns: its key
  std::string display_name;  // "arXiv"
  int due = 0;               // paper fetches planned (grows when links are followed)
  int answered = 0;          // answers that are no failure (ok, not modified, an index's "not found")
  int failed = 0;            // errors, invalid answers, a preprint server's "not found", refusals
  int requests = 0;          // HTTP requests sent (retries and redirect hops included)
  // Requests planned (one per batch) not started yet: an estimate, for an ETA.
  int requests_left = 0;
  // What the source's requests wait for (net::LaneActivity): set only while
  // none is in flight and the next one waits for a time.
  net::WaitReason waiting = net::WaitReason::none;
  std::optional<core::SteadyTime> until;
  std::chrono::milliseconds per_request{0};  // the least time between sends its limits allow
  int backing_off = 0;                       // requests waiting out a retry delay
};

// What the engine wants to tell whoever watches a long pass. Sent when an
// answer arrives and whenever a source's requests change state (sent,
// answered, waiting for a limit or a retry), so it can come often.
struct Progress {
  int due = 0;        // paper-source fetches planned (grows when links are followed)
  int done = 0;       // answered so far, failures included
  int failed = 0;     // of those, failures
  int requests = 0;   // HTTP requests issued so far
  std::vector<SourceProgress> sources;  // the pass's sources in their order, then other lanes
};
using ProgressHandler = std::function<void(const Progress&)>;

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
  // The same, taking the config over instead of copying it (a long list's
  // config is megabytes).
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
