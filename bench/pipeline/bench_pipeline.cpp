// bench_pipeline: the CPU a first `scholard sync` spends per paper on parse +
// store + render, in process, without the network and without the kernel's
// creation of output files. Issue 12's target: <= 50 us per paper at 10,000.
//
//   BM_FirstSync/1000, BM_FirstSync/10000
//     Input (built once, not timed; pipeline_data.hpp): N papers cloned from
//     the seed fixtures as scripts/bench-fixtures.sh clones them, and the
//     bodies a first sync receives: one arXiv Atom feed per 100 ids (the
//     engine's batch size) and one Crossref work envelope per DOI.
//     Each iteration, into a fresh temp store (its folder, Store::open with
//     the migrations, and the writer lock the engine holds for a pass are set
//     up untimed; closing the store and removing the folder too):
//     parse   every body through the fetchers' parsers as the fetchers call
//             them: parse_arxiv_feed + match_entries per feed,
//             classify_crossref_response + content_hash per DOI;
//     store   reconcile_papers (the config's papers), then the answers as the
//             engine stores them: its id -> key lookup, a FetchResult with
//             next_due, write_fetches in batches of 100;
//     render  all_papers, merge (daemon::merged_papers), the four single-file
//             outputs one after the other into one reused buffer (the
//             Markdown block put into its page in memory, BibTeX, CSL-JSON,
//             JSON data), and every academicpages file's text
//             (render_academicpages). Nothing is written: the files' creation
//             is bench_folder's, the whole sync bench-e2e.sh's.
//     Left out: HTTP, planning (fetch_overview), begin_run / finish_run, the
//     arXiv last-request and render-stamp meta writes.
//
// Counters (CPU time, UseRealTime off):
//   cpu/paper   the whole timed region per paper (SI prefix: "48u" = 48 us)
//   parse_us, store_us, render_us
//               each phase's CPU time per paper in microseconds, from
//               clock_gettime(CLOCK_PROCESS_CPUTIME_ID) around each phase
//               (summed over the batches); their sum is cpu/paper less the
//               few clock reads
//   in_MB       response bytes parsed per iteration
//   out_MB      bytes rendered per iteration (four outputs + academicpages)
#include <benchmark/benchmark.h>

#include <time.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "daemon/answers.hpp"
#include "daemon/inputs.hpp"
#include "daemon/outputs.hpp"
#include "daemon/schedule.hpp"
#include "fetchers/arxiv_match.hpp"
#include "fetchers/arxiv_parser.hpp"
#include "fetchers/crossref_parser.hpp"
#include "fetchers/fetch_result.hpp"
#include "pipeline_data.hpp"
#include "render/academicpages.hpp"
#include "render/bibtex.hpp"
#include "render/json.hpp"
#include "render/markdown.hpp"
#include "render/output_file.hpp"
#include "store/store.hpp"

namespace scholard::bench {
namespace {

using fetchers::FetchOutcome;
using fetchers::FetchStatus;

// The engine stores answers in transactions of this many (engine.cpp's k_save_batch).
constexpr std::size_t k_save_batch = 100;
// The page bench-lib.sh gives the Markdown output.
constexpr std::string_view k_markdown_page = "# Publications\n\n<!-- scholard:begin -->\n<!-- scholard:end -->\n";

enum class Phase { parse, store, render };

std::int64_t process_cpu_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// CPU time per phase, summed over every call of `run`.
class PhaseClock {
 public:
  template <typename F>
  auto run(Phase phase, F&& f) {
    const std::int64_t start = process_cpu_ns();
    struct Stop {
      PhaseClock& clock;
      Phase phase;
      std::int64_t start;
      ~Stop() { clock.m_ns[static_cast<std::size_t>(phase)] += process_cpu_ns() - start; }
    } stop{*this, phase, start};
    return f();
  }
  double us(Phase phase) const { return static_cast<double>(m_ns[static_cast<std::size_t>(phase)]) / 1e3; }

 private:
  std::array<std::int64_t, 3> m_ns{};
};

// A store in a fresh temp folder, removed on destruction, held under the
// writer lock as the engine holds it for a pass.
class TempStore {
 public:
  static core::Result<std::unique_ptr<TempStore>> create(const core::Clock& clock) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "scholard-pipeline-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) return core::fail(core::ErrorCode::io, tmpl + ": mkdtemp failed");
    auto temp = std::unique_ptr<TempStore>(new TempStore(tmpl));
    auto opened = store::Store::open((temp->m_dir / "scholard.db").string(), clock);
    if (!opened) return tl::unexpected(opened.error());
    temp->m_store.emplace(std::move(*opened));
    auto guard = temp->m_store->lock_for_writing();
    if (!guard) return tl::unexpected(guard.error());
    temp->m_guard.emplace(std::move(*guard));
    return temp;
  }
  TempStore(const TempStore&) = delete;
  TempStore& operator=(const TempStore&) = delete;
  ~TempStore() {
    m_guard.reset();
    m_store.reset();
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }
  store::Store& store() { return *m_store; }

 private:
  explicit TempStore(std::filesystem::path dir) : m_dir(std::move(dir)) {}
  std::filesystem::path m_dir;
  std::optional<store::Store> m_store;
  std::optional<store::Store::WriterGuard> m_guard;
};

// What the engine plans before fetching: the paper key of each arXiv id and DOI.
struct Plan {
  daemon::KeyOfId key_of_arxiv;
  daemon::KeyOfId key_of_doi;
  std::vector<store::ConfigPaper> papers;
  daemon::SchedulePolicy policy;
};

Plan plan_of(const config::Config& cfg) {
  Plan plan;
  const auto keys = daemon::paper_keys(cfg);
  for (std::size_t i = 0; i < cfg.papers.size(); ++i) {
    if (cfg.papers[i].arxiv) plan.key_of_arxiv[cfg.papers[i].arxiv->id] = keys[i];
    if (cfg.papers[i].doi) plan.key_of_doi[cfg.papers[i].doi->value] = keys[i];
  }
  plan.papers = daemon::store_papers(cfg);
  plan.policy = daemon::schedule_policy(cfg.schedule);
  return plan;
}

// parse: one feed's answers, as ArxivRun::on_feed makes them.
core::Result<std::vector<FetchOutcome>> parse_feed(const std::vector<std::string>& batch, const std::string& body) {
  auto feed = fetchers::parse_arxiv_feed(body);
  if (!feed) return tl::unexpected(feed.error());
  std::vector<FetchOutcome> outcomes;
  outcomes.reserve(batch.size());
  for (fetchers::EntryMatch& m : fetchers::match_entries(batch, std::move(*feed))) {  // as the fetcher does
    FetchOutcome o;
    o.requested = std::move(m.requested);
    if (m.status != fetchers::MatchStatus::found) {
      return core::fail(core::ErrorCode::invalid_input, o.requested + ": not answered by its generated feed");
    }
    o.status = FetchStatus::ok;
    o.record = std::move(m.entry.record);
    o.raw_hash = std::move(m.entry.raw_hash);
    outcomes.push_back(std::move(o));
  }
  return outcomes;
}

// parse: one Crossref answer, as the Crossref fetcher interprets a 200.
core::Result<FetchOutcome> parse_work(const std::string& doi, const std::string& body) {
  auto record = fetchers::classify_crossref_response(200, body);
  if (!record) return tl::unexpected(record.error());
  FetchOutcome o;
  o.requested = doi;
  o.status = FetchStatus::ok;
  o.record = std::move(*record);
  o.raw_hash = fetchers::content_hash(body);
  return o;
}

// store: what the engine's on_outcomes stores for a first sync (no earlier
// state: next due one refresh from now), then one write_fetches.
core::Result<void> store_outcomes(store::Store& store, const daemon::KeyOfId& keys, const std::string& source,
                                  std::vector<FetchOutcome>& outcomes, core::SysTime now, const Plan& plan,
                                  daemon::Random& rng) {
  std::vector<store::FetchResult> batch;
  batch.reserve(outcomes.size());
  for (FetchOutcome& o : outcomes) {
    const std::string* key = daemon::answer_key(keys, o.requested);
    if (!key) return core::fail(core::ErrorCode::invalid_input, o.requested + ": answer for an id not asked for");
    store::FetchResult r = daemon::stored_answer(*key, source, std::move(o));
    r.next_due = daemon::next_due(now, 0, now, plan.policy, rng);
    batch.push_back(std::move(r));
  }
  auto written = store.write_fetches(batch);
  if (!written) return tl::unexpected(written.error());
  return {};
}

// Parse and store every answer, 100 at a time, as they would arrive.
core::Result<void> parse_and_store(PhaseClock& clock, store::Store& store, const PipelineData& data, const Plan& plan,
                                   core::SysTime now, daemon::Random& rng) {
  auto reconciled = clock.run(Phase::store, [&] { return store.reconcile_papers(plan.papers); });
  if (!reconciled) return tl::unexpected(reconciled.error());
  for (std::size_t b = 0; b < data.arxiv_feeds.size(); ++b) {
    auto outcomes = clock.run(Phase::parse, [&] { return parse_feed(data.arxiv_batches[b], data.arxiv_feeds[b]); });
    if (!outcomes) return tl::unexpected(outcomes.error());
    auto stored = clock.run(Phase::store,
                            [&] { return store_outcomes(store, plan.key_of_arxiv, "arxiv", *outcomes, now, plan,
                                                        rng); });
    if (!stored) return stored;
  }
  for (std::size_t start = 0; start < data.dois.size(); start += k_save_batch) {
    const std::size_t end = std::min(data.dois.size(), start + k_save_batch);
    auto outcomes = clock.run(Phase::parse, [&]() -> core::Result<std::vector<FetchOutcome>> {
      std::vector<FetchOutcome> parsed;
      parsed.reserve(end - start);
      for (std::size_t i = start; i < end; ++i) {
        auto o = parse_work(data.dois[i], data.crossref_bodies[i]);
        if (!o) return tl::unexpected(o.error());
        parsed.push_back(std::move(*o));
      }
      return parsed;
    });
    if (!outcomes) return tl::unexpected(outcomes.error());
    auto stored = clock.run(Phase::store,
                            [&] { return store_outcomes(store, plan.key_of_doi, "crossref", *outcomes, now, plan,
                                                        rng); });
    if (!stored) return stored;
  }
  return {};
}

// Stands for writing the bytes: one byte read per 4 KiB page (bench_render's consume).
std::size_t consume(std::string_view bytes) {
  std::size_t sum = bytes.size();
  for (std::size_t i = 0; i < bytes.size(); i += 4096) sum += static_cast<unsigned char>(bytes[i]);
  return sum;
}

render::MarkdownOptions markdown_options(const config::Output& out) {
  render::MarkdownOptions o;
  o.max_authors = out.max_authors;
  o.grouping = out.group_by_year ? render::YearGrouping::headings : render::YearGrouping::none;
  return o;
}

// One output's bytes into `bytes` (or, academicpages, every file's text), as
// daemon::render_outputs makes them. Returns the bytes rendered.
core::Result<std::size_t> render_output(std::string& bytes, const config::Output& out,
                                        const std::vector<render::MergedPaper>& papers, std::size_t& sum) {
  using config::OutputFormat;
  bytes.clear();
  switch (out.format) {
    case OutputFormat::markdown: {
      render::append_markdown(bytes, papers, markdown_options(out));
      auto page = render::replace_marked_block(k_markdown_page, bytes, "research.md");
      if (!page) return tl::unexpected(page.error());
      bytes.assign(*page);
      break;
    }
    case OutputFormat::bibtex:
      render::append_bibtex(bytes, papers, {render::MathStyle::plain, out.bibtex_show});
      break;
    case OutputFormat::csl_json:
      render::append_csl_json(bytes, papers, {out.max_authors, render::MathStyle::plain});
      break;
    case OutputFormat::json:
      render::append_json_data(bytes, papers, {out.max_authors, render::MathStyle::plain});
      break;
    case OutputFormat::academicpages: {
      const auto files = render::render_academicpages(papers, markdown_options(out));
      std::size_t total = 0;
      for (const auto& f : files) {
        total += f.bytes.size();
        sum += consume(f.bytes);
      }
      return total;
    }
  }
  sum += consume(bytes);
  return bytes.size();
}

// Read back, merge, render every output. Returns the bytes rendered.
core::Result<std::size_t> render_all(store::Store& store, const PipelineData& data, std::size_t expected_records) {
  auto stored = store.all_papers();
  if (!stored) return tl::unexpected(stored.error());
  std::size_t records = 0;
  for (const auto& p : *stored) records += p.records.size();
  if (records != expected_records) {
    return core::fail(core::ErrorCode::invalid_input, "the store holds " + std::to_string(records) +
                                                          " records, expected " + std::to_string(expected_records));
  }
  const auto papers = daemon::merged_papers(data.config, *stored);
  std::string bytes;  // every single-file output in turn, like render_outputs'
  std::size_t total = 0;
  std::size_t sum = 0;
  for (const auto& out : data.config.outputs) {
    auto rendered = render_output(bytes, out, papers, sum);
    if (!rendered) return tl::unexpected(rendered.error());
    total += *rendered;
  }
  benchmark::DoNotOptimize(sum);
  return total;
}

void BM_FirstSync(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  auto data = make_pipeline_data(n, std::filesystem::path(SCHOLARD_SOURCE_DIR) / "tests" / "data");
  if (!data) return state.SkipWithError(data.error().message.c_str());
  const Plan plan = plan_of(data->config);
  const std::size_t expected_records = plan.key_of_arxiv.size() + data->dois.size();
  core::SystemClock clock;
  daemon::SeededRandom rng(12);
  PhaseClock phases;
  std::size_t out_bytes = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto temp = TempStore::create(clock);
    if (!temp) {
      state.SkipWithError(temp.error().message.c_str());
      break;
    }
    const core::SysTime now = clock.now();
    state.ResumeTiming();
    auto rendered = parse_and_store(phases, (*temp)->store(), *data, plan, now, rng).and_then([&] {
      return phases.run(Phase::render, [&] { return render_all((*temp)->store(), *data, expected_records); });
    });
    state.PauseTiming();
    temp->reset();  // closes the store, removes its folder
    state.ResumeTiming();
    if (!rendered) {
      state.SkipWithError(rendered.error().message.c_str());
      break;
    }
    out_bytes = *rendered;
  }
  const double papers = static_cast<double>(n) * static_cast<double>(state.iterations());
  state.counters["cpu/paper"] = benchmark::Counter(papers, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["parse_us"] = phases.us(Phase::parse) / papers;
  state.counters["store_us"] = phases.us(Phase::store) / papers;
  state.counters["render_us"] = phases.us(Phase::render) / papers;
  state.counters["in_MB"] = static_cast<double>(data->body_bytes()) / 1e6;
  state.counters["out_MB"] = static_cast<double>(out_bytes) / 1e6;
}
BENCHMARK(BM_FirstSync)->Arg(1000)->Iterations(10)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FirstSync)->Arg(10000)->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace scholard::bench

BENCHMARK_MAIN();
