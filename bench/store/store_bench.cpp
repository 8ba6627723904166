// bench_store: the store at the scale of a large lab (10,000 papers).
//
//   BM_WriteRecords/10000   write 10,000 arXiv records (10 authors, ~1 kB
//                           summary) in batches of 100, one transaction each;
//                           counter db_MiB = file size (+WAL) afterwards
//   BM_ListPapers/10000     Store::list_papers (what `scholard list` does)
//   BM_AllPapers/10000      Store::all_papers: every record decoded (render)
//   BM_RewriteUnchanged     re-writing the same 10,000 records (a sync where
//                           nothing changed): the comparison path
//   BM_WriteOneByOne/10000  the same records one transaction each, as the
//                           engine stores Crossref answers (one per DOI)
//   BM_FetchOverview/10000  Store::fetch_overview: what planning a pass reads
//   BM_ReconcileNew/10000   reconcile_papers of 10,000 papers into an empty
//                           store (a first sync)
//   BM_ReconcileReordered   the same 10,000 papers in another order: every
//                           row compared, positions rewritten
//   BM_ReconcileSame        the same list again (every nothing-due sync)
//
// Every benchmark reports cpu/record: CPU time per record (SI prefix, "25u" =
// 25 us), and items_per_second.
//
// Targets (issue "Store"): file under 50 MiB, list under 1 s.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/clock.hpp"
#include "store/store.hpp"

using namespace scholard;

namespace {

std::string key_of(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "25%02d.%05d", i / 10000 % 100, i % 10000);
  return buf;
}

core::Record realistic(int i) {
  core::Record r;
  r.source = "arxiv";
  r.title = "Denoising diffusion models for structured data, part " + std::to_string(i);
  r.title_raw = r.title;
  std::string sentence = "We study score-based generative models and prove convergence bounds in KL divergence. ";
  while (r.summary.size() < 1000) r.summary += sentence;
  for (int a = 0; a < 10; ++a) {
    r.authors.push_back({"Author" + std::to_string(a) + " Surname" + std::to_string(i % 97), "", "", "", "", {}});
  }
  r.type = "preprint";
  r.published = {2020 + i % 6, 1 + i % 12, 1 + i % 28};
  r.updated = r.published;
  r.arxiv_id = key_of(i);
  r.arxiv_version = 1 + i % 3;
  r.url = "https://arxiv.org/abs/" + r.arxiv_id;
  r.comment = "32 pages, 4 figures";
  r.primary_category = "stat.ML";
  r.categories = {"stat.ML", "cs.LG", "math.PR"};
  return r;
}

void set_record_counter(benchmark::State& state, int n) {
  const double records = static_cast<double>(n) * static_cast<double>(state.iterations());
  state.counters["cpu/record"] = benchmark::Counter(records, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.SetItemsProcessed(state.iterations() * n);
}

struct Fixture {
  std::filesystem::path dir;
  std::string path;
  core::SystemClock clock;
  std::unique_ptr<store::Store> store;

  explicit Fixture(int n) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "scholard-bench-XXXXXX").string();
    dir = ::mkdtemp(tmpl.data());
    path = (dir / "scholard.db").string();
    store = std::make_unique<store::Store>(std::move(*store::Store::open(path, clock)));
    std::vector<store::ConfigPaper> papers;
    for (int i = 0; i < n; ++i) papers.push_back({key_of(i), key_of(i), "", "", i});
    if (!store->reconcile_papers(papers)) throw std::runtime_error("reconcile failed");
  }
  ~Fixture() {
    store.reset();
    std::filesystem::remove_all(dir);
  }

  void write_all(int n, int batch_size = 100) {
    for (int start = 0; start < n; start += batch_size) {
      std::vector<store::FetchResult> batch;
      for (int i = start; i < std::min(n, start + batch_size); ++i) {
        store::FetchResult f;
        f.paper_key = key_of(i);
        f.source = "arxiv";
        f.record = realistic(i);
        f.raw_hash = "fnv1a64:0000000000000000";
        batch.push_back(std::move(f));
      }
      if (!store->write_fetches(batch)) throw std::runtime_error("write failed");
    }
  }

  // The main file; the WAL is reported apart (wal_MiB) since sqlite
  // checkpoints it into the main file and empties it on close.
  double size_mib(const std::string& suffix = "") const {
    std::error_code ec;
    auto bytes = std::filesystem::file_size(path + suffix, ec);
    return ec ? 0.0 : static_cast<double>(bytes) / (1024.0 * 1024.0);
  }
};

void BM_WriteRecords(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  double mib = 0, wal = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Fixture f(n);
    state.ResumeTiming();
    f.write_all(n);
    state.PauseTiming();
    mib = f.size_mib();
    wal = f.size_mib("-wal");
    state.ResumeTiming();
  }
  state.counters["db_MiB"] = mib;
  state.counters["wal_MiB"] = wal;
  set_record_counter(state, n);
}
BENCHMARK(BM_WriteRecords)->Arg(10'000)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_RewriteUnchanged(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  Fixture f(n);
  f.write_all(n);
  for (auto _ : state) f.write_all(n);
  set_record_counter(state, n);
}
BENCHMARK(BM_RewriteUnchanged)->Arg(10'000)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_WriteOneByOne(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    Fixture f(n);
    auto guard = f.store->lock_for_writing();  // the engine holds it for the whole pass
    state.ResumeTiming();
    f.write_all(n, 1);
  }
  set_record_counter(state, n);
}
BENCHMARK(BM_WriteOneByOne)->Arg(10'000)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_FetchOverview(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  Fixture f(n);
  f.write_all(n);
  for (auto _ : state) {
    auto overview = f.store->fetch_overview();
    if (!overview || overview->size() != static_cast<std::size_t>(n)) state.SkipWithError("overview failed");
    benchmark::DoNotOptimize(overview);
  }
  set_record_counter(state, n);
}
BENCHMARK(BM_FetchOverview)->Arg(10'000)->Unit(benchmark::kMillisecond);

// n papers as a config lists them: 3/4 with an arXiv id, 1/2 with a DOI (as
// scripts/bench-fixtures.sh mixes them).
std::vector<store::ConfigPaper> config_papers(int n) {
  std::vector<store::ConfigPaper> papers;
  for (int i = 0; i < n; ++i) {
    const std::string arxiv = i % 4 == 3 ? "" : key_of(i);
    const std::string doi = i % 4 >= 2 ? "10.5555/scholard-bench." + std::to_string(i) : "";
    papers.push_back({arxiv.empty() ? doi : arxiv, arxiv, doi, "", i});
  }
  return papers;
}

void BM_ReconcileNew(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  const auto papers = config_papers(n);
  for (auto _ : state) {
    state.PauseTiming();
    Fixture f(0);
    state.ResumeTiming();
    auto r = f.store->reconcile_papers(papers);
    if (!r || r->added.size() != papers.size()) state.SkipWithError("reconcile failed");
  }
  set_record_counter(state, n);
}
BENCHMARK(BM_ReconcileNew)->Arg(10'000)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_ReconcileReordered(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  auto papers = config_papers(n);
  Fixture f(0);
  if (!f.store->reconcile_papers(papers)) throw std::runtime_error("reconcile failed");
  for (auto _ : state) {
    for (auto& p : papers) p.position = n - 1 - p.position;  // a different list each time
    auto r = f.store->reconcile_papers(papers);
    if (!r || !r->empty()) state.SkipWithError("reconcile failed");
  }
  set_record_counter(state, n);
}
BENCHMARK(BM_ReconcileReordered)->Arg(10'000)->Unit(benchmark::kMillisecond);

void BM_ReconcileSame(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  const auto papers = config_papers(n);
  Fixture f(0);
  if (!f.store->reconcile_papers(papers)) throw std::runtime_error("reconcile failed");
  for (auto _ : state) {
    auto r = f.store->reconcile_papers(papers);
    if (!r || !r->empty()) state.SkipWithError("reconcile failed");
  }
  set_record_counter(state, n);
}
BENCHMARK(BM_ReconcileSame)->Arg(10'000)->Unit(benchmark::kMillisecond);

void BM_ListPapers(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  Fixture f(n);
  f.write_all(n);
  for (auto _ : state) {
    auto list = f.store->list_papers();
    if (!list || list->size() != static_cast<std::size_t>(n)) state.SkipWithError("list failed");
    benchmark::DoNotOptimize(list);
  }
  state.counters["db_MiB"] = f.size_mib();
  state.counters["wal_MiB"] = f.size_mib("-wal");
  set_record_counter(state, n);
}
BENCHMARK(BM_ListPapers)->Arg(10'000)->Unit(benchmark::kMillisecond);

void BM_AllPapers(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  Fixture f(n);
  f.write_all(n);
  for (auto _ : state) {
    auto all = f.store->all_papers();
    if (!all || all->size() != static_cast<std::size_t>(n)) state.SkipWithError("read failed");
    benchmark::DoNotOptimize(all);
  }
  set_record_counter(state, n);
}
BENCHMARK(BM_AllPapers)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
