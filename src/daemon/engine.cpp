#include "daemon/engine.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <iterator>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/steady_timer.hpp>
#pragma GCC diagnostic pop

#include <spdlog/spdlog.h>

#include "daemon/answers.hpp"
#include "daemon/deferral.hpp"
#include "daemon/inputs.hpp"
#include "daemon/pass_progress.hpp"
#include "daemon/plan.hpp"
#include "daemon/render_stamp.hpp"
#include "daemon/venue_events.hpp"
#include "net/asio.hpp"

namespace scholard::daemon {
using fetchers::FetchOutcome;
using fetchers::FetchStatus;

// ------------------------------------------------------------------ a pass

namespace {

// Answers are stored in transactions of up to this many, at least this often
// (and all of them before rendering): a kill loses at most these, and their
// papers are simply due again.
constexpr std::size_t k_save_batch = 100;
constexpr auto k_save_delay = std::chrono::seconds(1);

// The meta key the render stamp (render_stamp.hpp) is kept under.
constexpr const char* k_render_stamp_key = "render_stamp";

// The meta key of a source's last request (unix milliseconds), for a source
// with a minimum interval between requests (Pass::interval_wait).
std::string last_request_key(std::string_view source) { return std::string(source) + "_last_request_ms"; }

// One line per key for a few, a count for many (the first sync adds them all).
void log_keys(const std::vector<std::string>& keys, const char* what) {
  if (keys.size() > 3) {
    spdlog::info("{} papers {}", keys.size(), what);
    return;
  }
  for (const auto& k : keys) spdlog::info("{}: {}", k, what);
}

// Whether a source's "not found" is news for the researcher (a typo'd id)
// or just the index not covering the paper (yet), which is no failure.
bool not_found_is_a_failure(core::SourceKind kind) {
  switch (kind) {
    case core::SourceKind::preprint_server:
    case core::SourceKind::doi_registry: return true;
    case core::SourceKind::bibliographic_index: return false;
  }
  return true;
}

}  // namespace

struct Engine::Pass : std::enable_shared_from_this<Engine::Pass> {
  // What the pass does with one source.
  struct SourceRun {
    std::unique_ptr<fetchers::Source> source;
    KeyOfId key_of_id;               // the id asked -> paper key
    std::set<std::string> planned;   // paper keys asked of this source this pass
    // The circuit breaker (deferral.hpp): deferred by an earlier refusal, or
    // refused in this pass (its first refusal's message); either way the
    // source is asked nothing more this pass.
    bool deferred = false;
    std::string refusal;
    int not_asked = 0;               // fetches a refusal left unanswered
    bool served = false;             // some answer came that was not a refusal
    bool closed() const { return deferred || !refusal.empty(); }
  };

  Engine& engine;
  config::Config cfg;
  PassOptions options;
  PassHandler done;
  ProgressHandler progress;
  PassReport report;
  PassProgress counts;
  std::optional<store::Store::WriterGuard> guard;
  std::int64_t run_id = 0;
  core::SysTime now;
  std::vector<SourceRun> runs;      // the pass's sources, in their order
  SourceList source_infos;          // the same, as the layers above the fetchers see them
  std::vector<std::string> keys;    // paper_keys(cfg)
  std::unordered_map<std::string, const config::Paper*> paper_of;  // key -> its [[paper]]
  std::unordered_map<std::string, store::PaperDueStates> states;  // as the pass began
  std::set<std::string> changed_keys;
  std::vector<store::RecordChange> record_changes;  // stored this pass: for the kept-text notices
  std::map<std::pair<std::string, std::string>, core::Record> fetched;  // dry run overlay: (key, source)
  int fetches_running = 0;
  int answers_saved = 0;
  bool hook_started = false;
  bool any_answer = false;
  // Answers not stored yet: a source that answers one id at a time would
  // otherwise cost a transaction per answer, more than the rest of storing it.
  std::vector<store::FetchResult> unsaved;
  std::chrono::steady_clock::time_point unsaved_since;
  // Saves `unsaved` k_save_delay after its first answer when no later answer
  // has: a source stalled on its next request must not hold back what the
  // others answered (a kill would lose it).
  std::optional<boost::asio::steady_timer> save_timer;

  Pass(Engine& e, config::Config c, PassOptions o, PassHandler d, ProgressHandler p)
      : engine(e), cfg(std::move(c)), options(std::move(o)), done(std::move(d)), progress(std::move(p)) {}

  bool dry_run() const { return options.mode == WriteMode::dry_run; }
  PlanOptions plan_options() const { return {options.force, options.only}; }

  void start();
  void plan_and_fetch();
  void start_source(std::size_t index, std::vector<ScheduledFetch> fetches);
  std::chrono::milliseconds interval_wait(const fetchers::Source& source) const;
  void after_interval(const fetchers::Source& source, std::function<void()> then);
  void note_request(std::size_t index);
  void fetch(std::size_t index, std::vector<fetchers::FetchItem> items);
  void on_outcomes(std::size_t index, std::vector<FetchOutcome> outcomes);
  void follow_ids(const std::string& key, const fetchers::PaperIds& learned,
                  std::vector<std::vector<ScheduledFetch>>& follow_ups);
  // When `key` is next due at `source` after this pass's answer (`success`:
  // ok or not modified), from its state as the pass began.
  core::SysTime next_due_after(const std::string& key, const std::string& source, bool success);
  void save_answers(std::vector<store::FetchResult> batch);
  void save_unsaved();
  void fetch_finished();
  void settle_breakers();
  void note_venue_changes();
  void note_kept_text();
  void defer(SourceRun& run);
  void match_titles();
  void render_and_hook();
  void explain_waiting();
  bool may_skip_render() const;
  bool outputs_as_last_rendered();
  void save_stamp();
  void run_hook_then_finish();
  store::RunSummary run_summary() const;  // outcome and message left to the caller
  void finish();
  void fail_fatal(const core::Error& e);
};

void Engine::Pass::fail_fatal(const core::Error& e) {
  report.fatal = e.message;
  report.fatal_code = e.code;
  finish();
}

void Engine::Pass::start() {
  now = engine.m_clock.now();
  report.papers = static_cast<int>(cfg.papers.size());
  report.dry_run = dry_run();
  auto sources = engine.m_make_sources(cfg, engine.m_client);
  source_infos = source_list(sources);
  for (const auto& s : source_infos) report.requests.push_back({s.name, s.display_name, 0});
  counts.begin(source_infos);
  if (progress) {
    engine.m_client.observe([weak = weak_from_this()](const net::LaneActivity& activity) {
      auto self = weak.lock();
      if (!self) return;
      self->counts.lane(activity);
      if (self->progress) self->progress(self->counts.counts());
    });
  }
  for (auto& source : sources) {
    SourceRun run;
    run.source = std::move(source);
    runs.push_back(std::move(run));
  }
  keys = paper_keys(cfg);
  for (std::size_t i = 0; i < keys.size(); ++i) paper_of.emplace(keys[i], &cfg.papers[i]);
  if (!dry_run()) {
    auto g = engine.m_store.lock_for_writing();
    if (!g) return fail_fatal(g.error());
    guard.emplace(std::move(*g));
    auto reconciled = engine.m_store.reconcile_papers(store_papers(cfg, keys));
    if (!reconciled) return fail_fatal(reconciled.error());
    log_keys(reconciled->added, "new in the configuration");
    log_keys(reconciled->removed, "no longer listed (its history is kept)");
    log_keys(reconciled->restored, "listed again (its history is back)");
    auto run = engine.m_store.begin_run(options.command);
    if (!run) return fail_fatal(run.error());
    run_id = *run;
  }
  plan_and_fetch();
}

void Engine::Pass::plan_and_fetch() {
  // Every state in one query: per paper and source, a query each was most of
  // a nothing-due sync.
  auto overview = engine.m_store.fetch_overview();
  if (!overview) return fail_fatal(overview.error());
  states = std::move(*overview);
  std::vector<const fetchers::Source*> sources;
  for (const auto& r : runs) sources.push_back(r.source.get());
  PassPlan plan = plan_pass(cfg, keys, sources, states, now, plan_options());
  for (std::size_t i = 0; i < plan.sources.size() && i < runs.size(); ++i) {
    const fetchers::Source& source = *runs[i].source;
    const auto deferral = load_deferral(engine.m_store, source.name());
    if (!is_deferred(deferral, now)) continue;
    runs[i].deferred = true;
    auto& fetches = plan.sources[i].fetches;
    report.deferred.push_back({std::string(source.name()), std::string(source.display_name()), deferral->reason,
                               deferral->until, static_cast<int>(fetches.size()), false});
    spdlog::info("{}: deferred after refusing ({}); not asked before the breaker closes", source.display_name(),
                 deferral->reason);
    fetches.clear();
  }
  for (std::size_t i = 0; i < plan.sources.size(); ++i) {
    counts.planned(i, static_cast<int>(plan.sources[i].fetches.size()));
  }
  if (progress) progress(counts.counts());
  fetches_running = 1;  // held until every source is started
  for (std::size_t i = 0; i < plan.sources.size(); ++i) start_source(i, std::move(plan.sources[i].fetches));
  fetch_finished();
}

// Asks source `index` for `fetches`, once its interval since the last
// request (of this process or an earlier one) has passed.
void Engine::Pass::start_source(std::size_t index, std::vector<ScheduledFetch> fetches) {
  if (fetches.empty()) return;
  SourceRun& run = runs[index];
  if (run.closed()) return;
  std::vector<fetchers::FetchItem> items;
  items.reserve(fetches.size());
  for (auto& f : fetches) {
    run.key_of_id[f.id] = f.paper_key;
    run.planned.insert(f.paper_key);
    items.push_back({std::move(f.id), std::move(f.validators)});
  }
  if (progress) {
    std::vector<std::string> ids;
    ids.reserve(items.size());
    for (const auto& item : items) ids.push_back(item.id);
    counts.requests_planned(index, static_cast<int>(run.source->batches(ids).size()));
  }
  ++fetches_running;
  after_interval(*run.source, [self = shared_from_this(), index, items = std::move(items)]() mutable {
    self->fetch(index, std::move(items));
  });
}

// Runs `then` once the source's interval since its last request (of this
// process or an earlier one) has passed: at once, or from a timer.
void Engine::Pass::after_interval(const fetchers::Source& source, std::function<void()> then) {
  const auto wait = interval_wait(source);
  if (wait <= std::chrono::milliseconds(0)) return then();
  spdlog::debug("{}: the previous process's last request was under {} ms ago; waiting {} ms", source.display_name(),
                source.min_interval().count(), wait.count());
  auto timer = std::make_shared<boost::asio::steady_timer>(engine.m_io, wait);
  timer->async_wait([timer, then = std::move(then)](const boost::system::error_code&) { then(); });
}

// A source's interval holds across processes too (two `sync`s back to back,
// or the daemon's passes, each a new process): its last request's time is
// kept in the store's meta. A time further ahead than one interval (a clock
// set back) is ignored.
std::chrono::milliseconds Engine::Pass::interval_wait(const fetchers::Source& source) const {
  const auto interval = source.min_interval();
  if (interval <= std::chrono::milliseconds(0)) return std::chrono::milliseconds(0);
  auto last = engine.m_store.get_meta(last_request_key(source.name()));
  if (!last || !*last) return std::chrono::milliseconds(0);
  std::int64_t last_ms = 0;
  const auto& text = **last;
  if (std::from_chars(text.data(), text.data() + text.size(), last_ms).ec != std::errc()) return std::chrono::milliseconds(0);
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const auto wait = std::chrono::milliseconds(last_ms + interval.count() - now_ms);
  if (wait > interval) return std::chrono::milliseconds(0);
  return wait;
}

// Source `index` has just been asked: its time is kept when the source has
// an interval to keep (interval_wait).
void Engine::Pass::note_request(std::size_t index) {
  if (dry_run()) return;  // a read-only store (see docs/reliability.md)
  const fetchers::Source& source = *runs[index].source;
  if (source.min_interval() <= std::chrono::milliseconds(0)) return;
  const auto at = std::chrono::duration_cast<std::chrono::milliseconds>(engine.m_clock.now().time_since_epoch());
  if (auto ok = engine.m_store.set_meta(last_request_key(source.name()), std::to_string(at.count())); !ok) {
    spdlog::warn("store: {}", ok.error().message);
  }
}

void Engine::Pass::fetch(std::size_t index, std::vector<fetchers::FetchItem> items) {
  auto self = shared_from_this();
  runs[index].source->fetch(
      std::move(items), [self, index](std::vector<FetchOutcome> o) { self->on_outcomes(index, std::move(o)); },
      [self, index](const fetchers::FetchStats& st) {
        self->report.add_requests(self->runs[index].source->name(), st.attempts);
        self->report.not_modified += st.not_modified;
        self->fetch_finished();
      });
}

core::SysTime Engine::Pass::next_due_after(const std::string& key, const std::string& source, bool success) {
  int failures = 0;
  std::optional<core::SysTime> last_success;
  // Each paper and source is fetched once a pass: its state as the pass began.
  if (const store::DueState* st = state_at(states_of(states, key), source)) {
    failures = st->failures;
    last_success = st->last_success;
  }
  if (success) last_success = now;
  return next_due(last_success, success ? 0 : failures + 1, now, schedule_policy(cfg.schedule), *engine.m_random);
}

// A record that names an id another source answers by (an arXiv record
// naming its published version's DOI): that source is asked now, when it is
// due and was not asked for this paper yet. The fetches go to
// `follow_ups[source index]`, so that the ids one batch of answers names are
// asked of each source together (a source that batches sends them in one
// request).
void Engine::Pass::follow_ids(const std::string& key, const fetchers::PaperIds& learned,
                              std::vector<std::vector<ScheduledFetch>>& follow_ups) {
  const auto paper = paper_of.find(key);
  if (paper == paper_of.end()) return;
  const store::PaperDueStates* paper_states = states_of(states, key);
  fetchers::PaperIds ids = paper_ids(*paper->second, paper_states);
  if (ids.doi.empty()) ids.doi = learned.doi;
  if (ids.arxiv_id.empty()) ids.arxiv_id = learned.arxiv_id;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    SourceRun& run = runs[i];
    if (run.closed() || run.planned.count(key)) continue;
    std::string id = run.source->query_id(ids);
    if (id.empty() || run.key_of_id.count(id)) continue;
    if (!is_due(paper_states, run.source->name(), cfg.schedule.refresh, now, plan_options(), key)) continue;
    ScheduledFetch f;
    f.paper_key = key;
    f.source = std::string(run.source->name());
    f.id = std::move(id);
    if (const store::DueState* st = state_at(paper_states, f.source)) f.validators = {st->etag, st->last_modified};
    counts.planned(i, 1);
    run.planned.insert(key);  // asked once a pass, however many answers name the id
    run.key_of_id[f.id] = key;
    follow_ups[i].push_back(std::move(f));
  }
}

void Engine::Pass::on_outcomes(std::size_t index, std::vector<FetchOutcome> outcomes) {
  SourceRun& run = runs[index];
  const std::string source(run.source->name());
  const bool report_not_found = not_found_is_a_failure(run.source->kind());
  note_request(index);
  std::vector<store::FetchResult> batch;
  std::vector<std::pair<std::string, fetchers::PaperIds>> to_follow;  // ids the answers name
  for (auto& o : outcomes) {
    const bool answered = o.status == FetchStatus::ok || o.status == FetchStatus::not_modified ||
                          (o.status == FetchStatus::not_found && !report_not_found);
    counts.answered(index, o.source_refused || !answered);
    const std::string* found = answer_key(run.key_of_id, o.requested);
    if (!found) {
      spdlog::warn("{}: answer for an id that was not asked for; ignored", o.requested);
      continue;
    }
    const std::string& key = *found;
    if (o.source_refused) {
      // The source's fault, not the paper's: nothing is stored for the
      // paper (it stays due), and the breaker opens (settle_breakers).
      any_answer = true;
      if (run.refusal.empty()) run.refusal = o.message;
      ++run.not_asked;
      continue;
    }
    if (o.status != FetchStatus::error) {
      any_answer = true;
      run.served = true;
    }
    if (o.status == FetchStatus::ok || o.status == FetchStatus::not_modified) {
      spdlog::debug("{}: {} {}", key, source, fetchers::to_string(o.status));
    } else if (o.status == FetchStatus::not_found && !report_not_found) {
      spdlog::debug("{} ({}): {}", key, run.source->display_name(), o.message);
    } else {
      report.failures.push_back({key, source, o.message, stored_outcome(o.status)});
      spdlog::debug("{} ({}): {}: {}", key, run.source->display_name(), fetchers::to_string(o.status), o.message);
    }
    if (o.status == FetchStatus::ok && (!o.record.doi.empty() || !o.record.arxiv_id.empty())) {
      to_follow.emplace_back(key, fetchers::PaperIds{o.record.arxiv_id, o.record.doi, {}});
    }
    if (dry_run()) {
      if (o.status == FetchStatus::ok) {
        auto old = engine.m_store.record(key, source);
        if (!old || !*old || !core::changed_fields(**old, o.record).empty()) changed_keys.insert(key);
        fetched[{key, source}] = o.record;
      }
      continue;
    }
    const bool success = o.status == FetchStatus::ok || o.status == FetchStatus::not_modified;
    store::FetchResult row = stored_answer(key, source, std::move(o));  // o is not read after this
    row.next_due = next_due_after(key, source, success);
    batch.push_back(std::move(row));
  }
  save_answers(std::move(batch));
  std::vector<std::vector<ScheduledFetch>> follow_ups(runs.size());
  for (const auto& [key, ids] : to_follow) follow_ids(key, ids, follow_ups);
  for (std::size_t i = 0; i < follow_ups.size(); ++i) start_source(i, std::move(follow_ups[i]));
  if (progress) progress(counts.counts());
}

void Engine::Pass::save_answers(std::vector<store::FetchResult> batch) {
  if (batch.empty()) return;
  const auto now_steady = std::chrono::steady_clock::now();
  const bool first = unsaved.empty();
  if (first) unsaved_since = now_steady;
  std::move(batch.begin(), batch.end(), std::back_inserter(unsaved));
  if (unsaved.size() >= k_save_batch || now_steady - unsaved_since >= k_save_delay) return save_unsaved();
  if (!first) return;  // the timer armed by the first unsaved answer still runs
  if (!save_timer) save_timer.emplace(engine.m_io);
  save_timer->expires_after(k_save_delay);
  save_timer->async_wait([weak = weak_from_this()](const boost::system::error_code& error) {
    auto self = weak.lock();
    if (!error && self) self->save_unsaved();
  });
}

void Engine::Pass::save_unsaved() {
  if (save_timer) save_timer->cancel();
  if (unsaved.empty()) return;
  auto written = engine.m_store.write_fetches(unsaved);
  if (!written) {
    // The store's failure (a full disk), not the sources': the pass fails
    // as a whole (exit 3) and renders nothing (fetch_finished).
    spdlog::error("{}", written.error().message);
    if (report.fatal.empty()) {
      report.fatal = written.error().message;
      report.fatal_code = written.error().code;
    }
  } else {
    for (const auto& change : *written) {
      changed_keys.insert(change.paper_key);
      record_changes.push_back(change);
    }
    answers_saved += static_cast<int>(unsaved.size());
  }
  unsaved.clear();
}

// A source changed a field the config overrides: the page keeps the
// researcher's text, and the report says so (once: the change is stored now).
void Engine::Pass::note_kept_text() {
  if (record_changes.empty()) return;
  for (const auto& change : record_changes) {
    if (change.first_seen) continue;
    auto it = paper_of.find(change.paper_key);
    const SourceInfo* source = find_source(source_infos, change.source);
    if (it == paper_of.end() || source == nullptr) continue;
    auto record = engine.m_store.record(change.paper_key, change.source);
    if (!record || !*record) continue;
    for (auto& n : kept_text_notices(*it->second, change.paper_key, *source, change.fields, **record)) {
      spdlog::info("{}", n.text());
      report.kept_text.push_back(std::move(n));
    }
  }
}

// After the fetches: a source refused this pass opens (or keeps open) its
// breaker; one that served again closes it. A dry run writes nothing.
void Engine::Pass::settle_breakers() {
  for (auto& run : runs) {
    const fetchers::Source& source = *run.source;
    if (!run.refusal.empty()) {
      defer(run);
    } else if (run.served && !dry_run() && load_deferral(engine.m_store, source.name())) {
      spdlog::info("{} answers again: its breaker closes", source.display_name());
      if (auto ok = clear_deferral(engine.m_store, source.name()); !ok) spdlog::warn("store: {}", ok.error().message);
    }
  }
}

// Opens (or keeps open) the breaker of a source refused in this pass.
void Engine::Pass::defer(SourceRun& run) {
  const fetchers::Source& source = *run.source;
  DeferredSource d{std::string(source.name()), std::string(source.display_name()), run.refusal, now, run.not_asked,
                   true};
  if (dry_run()) {
    d.until = now + std::chrono::duration_cast<core::SysTime::duration>(refusal_backoff(1, 0.0));
  } else if (auto stored = record_refusal(engine.m_store, source.name(), run.refusal, now, *engine.m_random)) {
    d.until = stored->until;
  } else {
    spdlog::warn("store: {}", stored.error().message);
  }
  spdlog::warn("{} refused: {}; deferred", source.display_name(), run.refusal);
  report.deferred.push_back(std::move(d));
}

// What an index said changed where a paper is shown as published: the
// history says so, with the evidence (venue_events.hpp).
void Engine::Pass::note_venue_changes() {
  if (dry_run() || record_changes.empty()) return;
  auto had_records = [this](const std::string& key) {
    const store::PaperDueStates* st = states_of(states, key);
    if (st == nullptr) return false;
    return std::any_of(st->by_source.begin(), st->by_source.end(),
                       [](const auto& entry) { return entry.second.last_success.has_value(); });
  };
  auto events = venue_events(cfg, keys, record_changes, engine.m_store, source_infos, had_records);
  for (const auto& e : events) spdlog::info("{}: venue: {} -> {}", e.paper_key, e.old_value, e.new_value);
  if (auto ok = engine.m_store.log_history(events); !ok) spdlog::warn("store: {}", ok.error().message);
}

void Engine::Pass::fetch_finished() {
  if (--fetches_running > 0) return;
  save_unsaved();
  if (!report.fatal.empty()) return finish();  // the store could not take the answers
  settle_breakers();
  note_venue_changes();
  note_kept_text();
  report.due = counts.due();
  report.changed = static_cast<int>(changed_keys.size());
  report.reached_any = report.due == 0 || any_answer;
  const bool may_discover = !dry_run() && options.only.empty() && report.reached_any;
  const auto plan =
      may_discover ? discovery::discovery_due(engine.m_store, cfg, now, options.force) : discovery::DiscoveryPlan{};
  if (!plan.any()) return match_titles();
  discovery::run_discovery(engine.m_store, engine.m_client, cfg, plan, now,
                           [self = shared_from_this()](discovery::DiscoveryReport d) {
    for (const auto& [source, n] : d.requests) self->report.add_requests(source, n);
    self->report.discovery = std::move(d);
    self->match_titles();
  });
}

// Manual entries an index may know: one title match each, proposed in
// `pending` (title_match.hpp). Not in a dry run or an --only pass, nor when
// the index is deferred or refused this pass, nor when nothing answered.
void Engine::Pass::match_titles() {
  const auto it = std::find_if(runs.begin(), runs.end(), [](const SourceRun& r) { return r.source->matches_titles(); });
  const bool may = it != runs.end() && !it->closed() && !dry_run() && options.only.empty() && report.reached_any;
  if (!may) return render_and_hook();
  auto entries = discovery::title_matches_due(engine.m_store, cfg, keys, discovery::k_title_matches_per_pass);
  if (entries.empty()) return render_and_hook();
  const std::size_t index = static_cast<std::size_t>(it - runs.begin());
  auto self = shared_from_this();
  auto run_matches = [self, index, entries = std::move(entries)]() mutable {
    SourceRun& run = self->runs[index];
    discovery::run_title_matches(self->engine.m_store, *run.source, self->cfg, std::move(entries),
                                 [self, index](discovery::TitleMatchReport r) {
      SourceRun& source_run = self->runs[index];
      self->report.add_requests(source_run.source->name(), r.requests);
      if (!r.refusal.empty()) {
        source_run.refusal = r.refusal;
        self->defer(source_run);
      }
      self->report.title_matches = std::move(r);
      self->render_and_hook();
    });
  };
  after_interval(*it->source, std::move(run_matches));
}

bool Engine::Pass::may_skip_render() const {
  return !dry_run() && !options.force && changed_keys.empty() && !options.config_digest.empty();
}

// True when the render stamp now equals the one the last render stored:
// nothing can have changed since. False when it differs or cannot be told.
bool Engine::Pass::outputs_as_last_rendered() {
  auto generation = engine.m_store.data_generation();
  auto last = engine.m_store.get_meta(k_render_stamp_key);
  if (!generation || !last || !*last || (*last)->empty()) return false;
  return render_stamp(cfg, options.config_digest, *generation) == **last;
}

// After a render that wrote: the stamp of what is now on disk, or none when an
// output failed (so the next sync renders and reports it again). Best effort:
// without a stamp the next sync renders, which is always right. Without a
// config digest the stored stamp is left alone: it names everything it holds
// for, so whatever this render changed on disk no longer matches it.
void Engine::Pass::save_stamp() {
  if (options.config_digest.empty()) return;
  std::string stamp;
  // Papers left out or flagged (PaperNotes): no stamp either, so that every
  // sync renders and says so again until the list is fixed.
  if (report.render.failed() == 0 && report.render.notes.empty()) {
    auto generation = engine.m_store.data_generation();
    if (generation) stamp = render_stamp(cfg, options.config_digest, *generation);
  }
  if (auto ok = engine.m_store.set_meta(k_render_stamp_key, stamp); !ok) {
    spdlog::warn("store: cannot keep the render stamp: {}", ok.error().message);
  }
}

void Engine::Pass::render_and_hook() {
  if (!report.reached_any) {
    spdlog::error("no source could be reached; outputs left as they were");
    // Nothing is rendered, but the papers that wait are still named.
    if (auto stored = engine.m_store.all_papers()) {
      report.render.notes = published_papers(cfg, *stored, source_infos).notes;
    }
    explain_waiting();
    return finish();
  }
  if (may_skip_render() && outputs_as_last_rendered()) {
    spdlog::debug("outputs unchanged: same config, store data and output files as the last render; not rendered");
    report.rendered = true;
    report.render_skipped = true;
    return finish();
  }
  auto stored = engine.m_store.all_papers();
  if (!stored) return fail_fatal(stored.error());
  for (auto& paper : *stored) {
    for (auto it = fetched.lower_bound({paper.key, std::string()}); it != fetched.end() && it->first.first == paper.key;
         ++it) {
      const std::string& source = it->first.second;
      auto rec = std::find_if(paper.records.begin(), paper.records.end(), [&](const auto& r) { return r.source == source; });
      if (rec == paper.records.end()) paper.records.push_back({source, {}, it->second});
      else rec->record = it->second;
    }
  }
  if (dry_run()) {
    // Papers new to this config are not in the store yet: add them for the preview.
    for (const auto& [key_source, record] : fetched) {
      const auto& key = key_source.first;
      if (std::none_of(stored->begin(), stored->end(), [&](const auto& d) { return d.key == key; })) {
        store::PaperDetail d;
        d.key = key;
        d.records.push_back({key_source.second, {}, record});
        stored->push_back(std::move(d));
      }
    }
  }
  report.render = render_outputs(cfg, *stored, options.mode, source_infos);
  report.rendered = true;
  explain_waiting();
  if (!dry_run()) save_stamp();
  for (const auto& o : report.render.outputs) {
    if (!o.error.empty()) spdlog::error("{}", o.error);
    for (const auto& s : o.skipped) spdlog::warn("{}: not written by scholard; left alone", (o.path / s).string());
  }
  run_hook_then_finish();
}

// A waiting paper the store has no fetch state for (a dry run stores none)
// is explained by this pass's failure, when it has one.
void Engine::Pass::explain_waiting() {
  if (report.render.notes.waiting.empty()) return;
  // A first sync without network has a failure for every paper, and every
  // paper waits: one index, not a scan of the failures per paper.
  std::unordered_map<std::string_view, const PassFailure*> first_failure;
  for (const auto& x : report.failures) first_failure.emplace(x.paper_key, &x);
  for (auto& w : report.render.notes.waiting) {
    if (w.tried) continue;
    const auto it = first_failure.find(w.key);
    if (it == first_failure.end()) continue;
    const PassFailure* f = it->second;
    store::FetchState st;
    st.outcome = f->outcome;
    st.last_error = f->message;
    w.reason = waiting_reason(find_source(source_infos, f->source), f->source, st);
    w.tried = true;
  }
}

void Engine::Pass::run_hook_then_finish() {
  const auto changed = report.render.changed_paths();
  if (dry_run() || changed.empty() || cfg.hook.on_change.empty()) return finish();
  auto self = shared_from_this();
  hook_started = true;
  // The hook blocks (up to its timeout): run it off the loop thread. The work
  // guard keeps io_context::run() from returning while it runs.
  auto work = boost::asio::make_work_guard(engine.m_io);
  std::thread([self, changed, work = std::move(work)]() mutable {
    auto hook = run_change_hook(self->cfg.hook, self->cfg.file, self->cfg.dir, changed);
    // The pass is handed to the loop, not copied: this thread must not hold
    // the last reference, or the pass (and its timer) would be destroyed here
    // after the loop's io_context is gone.
    auto& io = self->engine.m_io;
    boost::asio::post(io, [self = std::move(self), hook = std::move(hook), work = std::move(work)]() mutable {
      work.reset();
      self->report.hook = std::move(hook);
      self->finish();
    });
  }).detach();
}

store::RunSummary Engine::Pass::run_summary() const {
  store::RunSummary s;
  for (const auto& r : report.requests) {
    if (r.requests > 0) s.requests[r.source] += r.requests;
  }
  s.not_modified = report.not_modified;
  s.papers_changed = static_cast<int>(changed_keys.size());
  s.outputs_written = report.render.changed();
  return s;
}

void Engine::Pass::finish() {
  // The timer belongs to the loop's io_context: let it go while that lives,
  // whichever thread drops the last reference to the pass.
  save_timer.reset();
  if (progress) engine.m_client.observe({});
  if (run_id != 0) {
    // report.requests begins with the pass's sources, in their order;
    // discovery's searches count there too.
    for (std::size_t i = 0; i < runs.size(); ++i) {
      if (report.requests[i].requests > 0) note_request(i);
    }
    store::RunSummary s = run_summary();
    s.papers_changed = report.changed;
    const int code = report.exit_code();
    s.outcome = code == 0 ? store::RunOutcome::ok : code == 1 ? store::RunOutcome::partial : store::RunOutcome::failed;
    s.message = report.summary_line(options.command);
    if (auto f = engine.m_store.finish_run(run_id, s); !f) spdlog::error("store: {}", f.error().message);
  }
  guard.reset();
  auto handler = std::move(done);
  auto result = std::move(report);
  engine.m_current.reset();
  handler(std::move(result));
}

// ------------------------------------------------------------------ engine

Engine::Engine(boost::asio::io_context& io, store::Store& store, net::HttpClient& client, const core::Clock& clock,
               SourceFactory sources, Random* random)
    : m_io(io), m_store(store), m_client(client), m_clock(clock), m_make_sources(std::move(sources)), m_random(random) {
  if (m_random == nullptr) {
    m_own_random = std::make_unique<SeededRandom>(SeededRandom::from_entropy());
    m_random = m_own_random.get();
  }
}

Engine::~Engine() = default;

bool Engine::busy() const { return m_current != nullptr; }

std::string Interruption::describe() const {
  if (stage == Stage::none) return "no pass was running";
  if (dry_run) return "dry run: nothing was stored or written";
  std::string s = std::to_string(answers_kept) + (answers_kept == 1 ? " answer" : " answers") + " kept in the store";
  if (stage == Stage::hook) return s + ", outputs written; the hook was left running";
  return s + ", outputs left as they were; the next sync fetches the rest";
}

Interruption Engine::interrupt(const std::string& signal_name) {
  Interruption out;
  if (!m_current) return out;
  Pass& pass = *m_current;
  pass.save_unsaved();
  out.stage = pass.hook_started ? Interruption::Stage::hook : Interruption::Stage::fetching;
  out.answers_kept = pass.answers_saved;
  out.dry_run = pass.dry_run();
  if (pass.run_id != 0) {
    store::RunSummary s = pass.run_summary();
    s.outcome = store::RunOutcome::interrupted;
    s.message = pass.options.command + ": interrupted by " + signal_name + ": " + out.describe();
    if (auto f = m_store.finish_run(pass.run_id, s); !f) spdlog::error("store: {}", f.error().message);
    pass.run_id = 0;
  }
  return out;
}

void Engine::run_pass(const config::Config& cfg, PassOptions options, PassHandler done, ProgressHandler progress) {
  run_pass(config::Config(cfg), std::move(options), std::move(done), std::move(progress));
}

void Engine::run_pass(config::Config&& cfg, PassOptions options, PassHandler done, ProgressHandler progress) {
  if (m_current) {
    PassReport r;
    r.fatal = "a pass is already running";
    r.fatal_code = core::ErrorCode::busy;
    boost::asio::post(m_io, [done = std::move(done), r = std::move(r)]() mutable { done(std::move(r)); });
    return;
  }
  m_current = std::make_shared<Pass>(*this, std::move(cfg), std::move(options), std::move(done), std::move(progress));
  auto pass = m_current;
  boost::asio::post(m_io, [pass] { pass->start(); });
}

}  // namespace scholard::daemon
