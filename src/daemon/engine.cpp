#include "daemon/engine.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <iterator>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/steady_timer.hpp>

#include <spdlog/spdlog.h>

#include "daemon/answers.hpp"
#include "daemon/due.hpp"
#include "daemon/inputs.hpp"
#include "daemon/render_stamp.hpp"
#include "daemon/schedule.hpp"
#include "fetchers/arxiv_fetcher.hpp"
#include "fetchers/crossref_fetcher.hpp"

namespace scholard::daemon {
using core::SourceKind;
using fetchers::FetchOutcome;
using fetchers::FetchStatus;

net::ClientOptions client_options(const config::Config& cfg) {
  net::ClientOptions o;
  o.contact = cfg.profile.contact;
  auto arxiv = net::arxiv_policy(std::chrono::duration_cast<std::chrono::milliseconds>(cfg.sources.arxiv.min_interval));
  auto crossref = net::crossref_policy(cfg.sources.crossref.concurrency);
  o.policies.emplace("arxiv", arxiv);
  o.policies.emplace("crossref", crossref);
  return o;
}

// ------------------------------------------------------------------ a pass

namespace {

// Answers are stored in transactions of up to this many, at least this often
// (and all of them before rendering): a kill loses at most these, and their
// papers are simply due again.
constexpr std::size_t k_save_batch = 100;
constexpr auto k_save_delay = std::chrono::seconds(1);

// The meta key the render stamp (render_stamp.hpp) is kept under.
constexpr const char* k_render_stamp_key = "render_stamp";
// Unix milliseconds of this store's last arXiv request (Pass::arxiv_wait).
constexpr std::string_view k_arxiv_last_request_key = "arxiv_last_request_ms";

// One line per key for a few, a count for many (the first sync adds them all).
void log_keys(const std::vector<std::string>& keys, const char* what) {
  if (keys.size() > 3) {
    spdlog::info("{} papers {}", keys.size(), what);
    return;
  }
  for (const auto& k : keys) spdlog::info("{}: {}", k, what);
}

}  // namespace

struct Engine::Pass : std::enable_shared_from_this<Engine::Pass> {
  Engine& engine;
  config::Config cfg;
  PassOptions options;
  PassHandler done;
  ProgressHandler progress;
  PassReport report;
  Progress counts;
  std::optional<store::Store::WriterGuard> guard;
  std::int64_t run_id = 0;
  core::SysTime now;
  std::unordered_map<std::string, store::PaperDueStates> states;  // as the pass began
  KeyOfId key_of_arxiv;  // canonical arXiv id -> paper key
  KeyOfId key_of_doi;    // DOI -> paper key
  std::set<std::string> crossref_planned;              // paper keys fetched from Crossref this pass
  std::set<std::string> changed_keys;
  std::vector<store::RecordChange> record_changes;  // stored this pass: for the kept-text notices
  std::map<std::pair<std::string, SourceKind>, core::Record> fetched;  // dry run overlay
  int fetches_running = 0;
  int answers_saved = 0;
  bool hook_started = false;
  bool any_answer = false;
  // Answers not stored yet: Crossref answers one DOI at a time, and a
  // transaction per answer cost more than the rest of storing it.
  std::vector<store::FetchResult> unsaved;
  std::chrono::steady_clock::time_point unsaved_since;
  SeededRandom rng = SeededRandom::from_entropy();

  Pass(Engine& e, config::Config c, PassOptions o, PassHandler d, ProgressHandler p)
      : engine(e), cfg(std::move(c)), options(std::move(o)), done(std::move(d)), progress(std::move(p)) {}

  bool dry_run() const { return options.mode == WriteMode::dry_run; }

  void start();
  const store::DueState* state_of(const std::string& key, SourceKind source) const;
  bool is_due(const std::string& key, SourceKind source);
  void plan_and_fetch();
  void fetch_crossref(std::vector<std::string> dois);
  std::chrono::milliseconds arxiv_wait() const;
  void note_arxiv_request();
  void fetch_arxiv(std::vector<std::string> ids);
  void on_outcomes(SourceKind source, std::vector<FetchOutcome> outcomes);
  store::FetchResult to_store(const std::string& key, SourceKind source, FetchOutcome&& o);  // moves the record out of o
  void save_answers(std::vector<store::FetchResult> batch);
  void save_unsaved();
  void fetch_finished();
  void note_kept_text();
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

const store::DueState* Engine::Pass::state_of(const std::string& key, SourceKind source) const {
  auto it = states.find(key);
  if (it == states.end()) return nullptr;
  const auto& state = source == SourceKind::arxiv ? it->second.arxiv : it->second.crossref;
  return state ? &*state : nullptr;
}

bool Engine::Pass::is_due(const std::string& key, SourceKind source) {
  // --only names papers the researcher wants fetched now, backoff or not.
  if (options.force || !options.only.empty()) return true;
  const store::DueState* state = state_of(key, source);
  if (!state) return true;
  return due_at(*state, cfg.schedule.refresh) <= now;
}

void Engine::Pass::fail_fatal(const core::Error& e) {
  report.fatal = e.message;
  report.fatal_code = e.code;
  finish();
}

void Engine::Pass::start() {
  now = engine.m_clock.now();
  report.papers = static_cast<int>(cfg.papers.size());
  report.dry_run = dry_run();
  if (!dry_run()) {
    auto g = engine.m_store.lock_for_writing();
    if (!g) return fail_fatal(g.error());
    guard.emplace(std::move(*g));
    auto reconciled = engine.m_store.reconcile_papers(store_papers(cfg));
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
  const auto keys = paper_keys(cfg);
  const std::set<std::string> only(options.only.begin(), options.only.end());
  std::vector<std::string> arxiv_ids;
  std::vector<std::string> dois;
  for (std::size_t i = 0; i < cfg.papers.size(); ++i) {
    const auto& p = cfg.papers[i];
    const auto& key = keys[i];
    if (p.is_manual() || p.hidden || (!only.empty() && !only.count(key))) continue;
    if (p.arxiv && is_due(key, SourceKind::arxiv)) {
      key_of_arxiv[p.arxiv->id] = key;
      arxiv_ids.push_back(p.arxiv->id);
    }
    std::string doi = p.doi ? p.doi->value : std::string();
    if (doi.empty()) {
      if (auto it = states.find(key); it != states.end()) doi = it->second.arxiv_doi;
    }
    if (!doi.empty() && is_due(key, SourceKind::crossref)) {
      key_of_doi[doi] = key;
      crossref_planned.insert(key);
      dois.push_back(doi);
    }
  }
  counts.due = static_cast<int>(arxiv_ids.size() + dois.size());
  if (progress) progress(counts);
  fetches_running = 1;  // held until both fetches are started
  if (!arxiv_ids.empty()) {
    ++fetches_running;
    const auto wait = arxiv_wait();
    if (wait <= std::chrono::milliseconds(0)) {
      fetch_arxiv(std::move(arxiv_ids));
    } else {
      spdlog::debug("arXiv: the previous process's last request was under {} ago; waiting {} ms",
                    config::format_duration(cfg.sources.arxiv.min_interval), wait.count());
      auto timer = std::make_shared<boost::asio::steady_timer>(engine.m_io, wait);
      timer->async_wait([self = shared_from_this(), timer, ids = std::move(arxiv_ids)](const boost::system::error_code&) mutable {
        self->fetch_arxiv(std::move(ids));
      });
    }
  }
  fetch_crossref(std::move(dois));
  fetch_finished();
}

// arXiv's interval holds across processes too (two `sync`s back to back, or
// the daemon's passes, each a new process): the last request's time is kept
// in the store's meta. A time further ahead than one interval (a clock set
// back) is ignored.
std::chrono::milliseconds Engine::Pass::arxiv_wait() const {
  const auto interval = std::chrono::duration_cast<std::chrono::milliseconds>(cfg.sources.arxiv.min_interval);
  auto last = engine.m_store.get_meta(std::string(k_arxiv_last_request_key));
  if (!last || !*last) return std::chrono::milliseconds(0);
  std::int64_t last_ms = 0;
  const auto& text = **last;
  if (std::from_chars(text.data(), text.data() + text.size(), last_ms).ec != std::errc()) return std::chrono::milliseconds(0);
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const auto wait = std::chrono::milliseconds(last_ms + interval.count() - now_ms);
  if (wait > interval) return std::chrono::milliseconds(0);
  return wait;
}

void Engine::Pass::note_arxiv_request() {
  if (dry_run()) return;  // a read-only store (see docs/reliability.md)
  const auto at = std::chrono::duration_cast<std::chrono::milliseconds>(engine.m_clock.now().time_since_epoch());
  if (auto ok = engine.m_store.set_meta(std::string(k_arxiv_last_request_key), std::to_string(at.count())); !ok) {
    spdlog::warn("store: {}", ok.error().message);
  }
}

void Engine::Pass::fetch_arxiv(std::vector<std::string> ids) {
  fetchers::ArxivOptions ao;
  ao.base_url = cfg.sources.arxiv.base_url;
  ao.batch_size = static_cast<std::size_t>(cfg.sources.arxiv.batch_size);
  auto fetcher = std::make_shared<fetchers::ArxivFetcher>(engine.m_client, ao);
  auto self = shared_from_this();
  fetcher->fetch(
      std::move(ids), [self](std::vector<FetchOutcome> o) { self->on_outcomes(SourceKind::arxiv, std::move(o)); },
      [self, fetcher](const fetchers::FetchStats& st) {
        self->report.requests_arxiv += st.attempts;
        self->report.not_modified += st.not_modified;
        self->fetch_finished();
      });
}

void Engine::Pass::fetch_crossref(std::vector<std::string> dois) {
  if (dois.empty()) return;
  ++fetches_running;
  fetchers::CrossrefOptions co;
  co.base_url = cfg.sources.crossref.base_url;
  co.mailto = cfg.profile.contact;
  auto fetcher = std::make_shared<fetchers::CrossrefFetcher>(engine.m_client, co);
  auto self = shared_from_this();
  fetcher->fetch(
      dois, [self](std::vector<FetchOutcome> o) { self->on_outcomes(SourceKind::crossref, std::move(o)); },
      [self, fetcher](const fetchers::FetchStats& st) {
        self->report.requests_crossref += st.attempts;
        self->report.not_modified += st.not_modified;
        self->fetch_finished();
      });
}

store::FetchResult Engine::Pass::to_store(const std::string& key, SourceKind source, FetchOutcome&& o) {
  store::FetchResult r;
  r.paper_key = key;
  r.source = source;
  switch (o.status) {
    case FetchStatus::ok: r.outcome = store::FetchOutcome::ok; break;
    case FetchStatus::not_modified: r.outcome = store::FetchOutcome::not_modified; break;
    case FetchStatus::not_found: r.outcome = store::FetchOutcome::not_found; break;
    case FetchStatus::invalid: r.outcome = store::FetchOutcome::invalid; break;
    case FetchStatus::error: r.outcome = store::FetchOutcome::error; break;
  }
  if (o.status == FetchStatus::ok) r.record = std::move(o.record);
  r.raw_hash = std::move(o.raw_hash);
  r.etag = std::move(o.validators.etag);
  r.last_modified = std::move(o.validators.last_modified);
  r.error = std::move(o.message);
  int failures = 0;
  std::optional<core::SysTime> last_success;
  if (const store::DueState* st = state_of(key, source)) {  // each paper and source is fetched once a pass
    failures = st->failures;
    last_success = st->last_success;
  }
  const bool success = o.status == FetchStatus::ok || o.status == FetchStatus::not_modified;
  if (success) last_success = now;
  r.next_due = next_due(last_success, success ? 0 : failures + 1, now, schedule_policy(cfg.schedule), rng);
  return r;
}

void Engine::Pass::on_outcomes(SourceKind source, std::vector<FetchOutcome> outcomes) {
  if (source == SourceKind::arxiv) note_arxiv_request();
  const auto& keys = source == SourceKind::arxiv ? key_of_arxiv : key_of_doi;
  std::vector<store::FetchResult> batch;
  std::vector<std::string> new_dois;
  for (auto& o : outcomes) {
    ++counts.done;
    const std::string* found = answer_key(keys, source, o.requested);
    if (!found) {
      spdlog::warn("{}: answer for an id that was not asked for; ignored", o.requested);
      continue;
    }
    const std::string& key = *found;
    if (o.status != FetchStatus::error) any_answer = true;
    if (o.status == FetchStatus::ok || o.status == FetchStatus::not_modified) {
      spdlog::debug("{}: {} {}", key, core::to_string(source), fetchers::to_string(o.status));
    } else {
      const auto outcome = o.status == FetchStatus::not_found ? store::FetchOutcome::not_found
                           : o.status == FetchStatus::invalid ? store::FetchOutcome::invalid
                                                              : store::FetchOutcome::error;
      report.failures.push_back({key, source, o.message, outcome});
      spdlog::debug("{} ({}): {}: {}", key, core::display_name(source),
                    fetchers::to_string(o.status), o.message);
    }
    // An arXiv record that names its published version's DOI: follow it now.
    if (source == SourceKind::arxiv && o.status == FetchStatus::ok && !o.record.doi.empty() &&
        !crossref_planned.count(key) && !key_of_doi.count(o.record.doi) && is_due(key, SourceKind::crossref)) {
      crossref_planned.insert(key);
      key_of_doi[o.record.doi] = key;
      new_dois.push_back(o.record.doi);
    }
    if (dry_run()) {
      if (o.status == FetchStatus::ok) {
        auto old = engine.m_store.record(key, source);
        if (!old || !*old || !core::changed_fields(**old, o.record).empty()) changed_keys.insert(key);
        fetched[{key, source}] = o.record;
      }
      continue;
    }
    batch.push_back(to_store(key, source, std::move(o)));  // o is not read after this
  }
  save_answers(std::move(batch));
  counts.due += static_cast<int>(new_dois.size());
  counts.requests = report.requests_arxiv + report.requests_crossref;
  if (progress) progress(counts);
  fetch_crossref(std::move(new_dois));
}

void Engine::Pass::save_answers(std::vector<store::FetchResult> batch) {
  if (batch.empty()) return;
  const auto now_steady = std::chrono::steady_clock::now();
  if (unsaved.empty()) unsaved_since = now_steady;
  std::move(batch.begin(), batch.end(), std::back_inserter(unsaved));
  if (unsaved.size() >= k_save_batch || now_steady - unsaved_since >= k_save_delay) save_unsaved();
}

void Engine::Pass::save_unsaved() {
  if (unsaved.empty()) return;
  auto written = engine.m_store.write_fetches(unsaved);
  if (!written) {
    spdlog::error("store: {}", written.error().message);
    for (const auto& r : unsaved) {
      report.failures.push_back({r.paper_key, r.source, written.error().message, store::FetchOutcome::error});
    }
  } else {
    for (const auto& change : *written) {
      changed_keys.insert(change.paper_key);
      if (!change.first_seen) record_changes.push_back(change);
    }
    answers_saved += static_cast<int>(unsaved.size());
  }
  unsaved.clear();
}

// A source changed a field the config overrides: the page keeps the
// researcher's text, and the report says so (once: the change is stored now).
void Engine::Pass::note_kept_text() {
  if (record_changes.empty()) return;
  const auto keys = paper_keys(cfg);
  std::unordered_map<std::string, const config::Paper*> by_key;
  for (std::size_t i = 0; i < keys.size(); ++i) by_key.emplace(keys[i], &cfg.papers[i]);
  for (const auto& change : record_changes) {
    auto it = by_key.find(change.paper_key);
    if (it == by_key.end()) continue;
    auto record = engine.m_store.record(change.paper_key, change.source);
    if (!record || !*record) continue;
    for (auto& n : kept_text_notices(*it->second, change.paper_key, change.source, change.fields, **record)) {
      spdlog::info("{}", n.text());
      report.kept_text.push_back(std::move(n));
    }
  }
}

void Engine::Pass::fetch_finished() {
  if (--fetches_running > 0) return;
  save_unsaved();
  note_kept_text();
  report.due = counts.due;
  report.changed = static_cast<int>(changed_keys.size());
  report.reached_any = report.due == 0 || any_answer;
  const bool may_discover = !dry_run() && options.only.empty() && report.reached_any;
  const auto plan = may_discover ? discovery_due(engine.m_store, cfg, now, options.force) : DiscoveryPlan{};
  if (!plan.any()) return render_and_hook();
  run_discovery(engine.m_store, engine.m_client, cfg, plan, now, [self = shared_from_this()](DiscoveryReport d) {
    self->report.requests_arxiv += d.requests_arxiv;
    self->report.requests_crossref += d.requests_crossref;
    self->report.discovery = std::move(d);
    self->render_and_hook();
  });
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
    if (auto stored = engine.m_store.all_papers()) report.render.notes = published_papers(cfg, *stored).notes;
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
    for (SourceKind source : {SourceKind::arxiv, SourceKind::crossref}) {
      auto it = fetched.find({paper.key, source});
      if (it == fetched.end()) continue;
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
  report.render = render_outputs(cfg, *stored, options.mode);
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
    w.reason = waiting_reason(f->source, st);
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
    boost::asio::post(self->engine.m_io, [self, hook = std::move(hook), work = std::move(work)]() mutable {
      work.reset();
      self->report.hook = std::move(hook);
      self->finish();
    });
  }).detach();
}

store::RunSummary Engine::Pass::run_summary() const {
  store::RunSummary s;
  s.requests_arxiv = report.requests_arxiv;
  s.requests_crossref = report.requests_crossref;
  s.not_modified = report.not_modified;
  s.papers_changed = static_cast<int>(changed_keys.size());
  s.outputs_written = report.render.changed();
  return s;
}

void Engine::Pass::finish() {
  if (run_id != 0 && report.requests_arxiv > 0) note_arxiv_request();  // discovery's searches too
  if (run_id != 0) {
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

Engine::Engine(boost::asio::io_context& io, store::Store& store, net::HttpClient& client, const core::Clock& clock)
    : m_io(io), m_store(store), m_client(client), m_clock(clock) {}

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
