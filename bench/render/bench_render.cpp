// Merge + render (Markdown, BibTeX, CSL-JSON, JSON data) of N generated
// papers. Target: < 100 ms CPU for 10,000 papers. See docs/benchmarks.md.
// Counters: cpu/paper (CPU time per paper, SI prefix: "9.5u" = 9.5 us) and
// output_bytes (all four outputs together). BM_MergeAndRenderAll renders the
// outputs one at a time into one reused buffer, as the program does; the
// per-renderer benchmarks render into a fresh string each time.
#include <benchmark/benchmark.h>

#include "render/bibtex.hpp"
#include "render/json.hpp"
#include "render/markdown.hpp"
#include "render/merge.hpp"

namespace scholard::render {
namespace {

core::Author author(int paper, int i) {
  core::Author a;
  a.given = "Given" + std::to_string(i);
  // One name in ten carries an accent, as in real author lists.
  a.family = ((paper + i) % 10 == 0 ? "Famïly" : "Family") + std::to_string((paper * 7 + i) % 997);
  a.name = a.given + " " + a.family;
  return a;
}

// Mixed like a real list: 2/3 arXiv-only preprints, 1/3 with a Crossref
// journal record; 3–30 authors, the researcher somewhere in the list.
// CPU time per paper: a rate per CPU second, inverted.
void set_paper_counter(benchmark::State& state) {
  const double papers = static_cast<double>(state.range(0)) * static_cast<double>(state.iterations());
  state.counters["cpu/paper"] = benchmark::Counter(papers, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

std::vector<PaperInput> generate(int n) {
  std::vector<PaperInput> inputs;
  inputs.reserve(static_cast<std::size_t>(n));
  for (int k = 0; k < n; ++k) {
    const std::string id = "2" + std::to_string(100 + k % 800) + "." + std::to_string(10000 + k);
    PaperInput p{id, k, id, "", {}, {}};
    core::Record ax;
    ax.source = "arxiv";
    ax.title = "Paper " + std::to_string(k) + ": Nearly $d$-Linear Bounds for Schr\\\"odinger Bridges";
    const int n_authors = 3 + k % 28;
    for (int i = 0; i < n_authors; ++i) ax.authors.push_back(author(k, i));
    ax.authors[static_cast<std::size_t>(k % n_authors)].name = "Joe Benton";
    ax.authors[static_cast<std::size_t>(k % n_authors)].given.clear();
    ax.authors[static_cast<std::size_t>(k % n_authors)].family.clear();
    ax.published = {2000 + k % 25, 1 + k % 12, 1 + k % 28};
    ax.arxiv_id = id;
    ax.primary_category = "stat.ML";
    p.records.push_back({core::SourceKind::preprint_server, ax});
    if (k % 3 == 0) {
      core::Record cr = ax;
      cr.source = "crossref";
      cr.type = "journal-article";
      cr.title = "Paper " + std::to_string(k) + ": the E. coli genome & friends";
      cr.title_raw = "Paper " + std::to_string(k) + ": the <i>E. coli</i> genome &amp; friends";
      cr.venue = "Journal of Examples";
      cr.volume = std::to_string(k % 90);
      cr.issue = "2";
      cr.pages = "286-301";
      cr.doi = "10.1000/x." + std::to_string(k);
      p.doi = cr.doi;
      p.records.push_back({core::SourceKind::doi_registry, cr});
    }
    inputs.push_back(std::move(p));
  }
  return inputs;
}

// As daemon::render_outputs does it: merge once, then each output rendered
// into one buffer owned by the pass, consumed (written, there) and dropped
// before the next one; the buffer's memory serves all four. The bytes are
// "consumed" by a checksum of one byte per 4 KiB page.
std::size_t consume(const std::string& bytes) {
  std::size_t sum = bytes.size();
  for (std::size_t i = 0; i < bytes.size(); i += 4096) sum += static_cast<unsigned char>(bytes[i]);
  return sum;
}

void BM_MergeAndRenderAll(benchmark::State& state) {
  const auto inputs = generate(static_cast<int>(state.range(0)));
  const Profile profile{"Joe Benton", {"Joseph Benton", "J. Benton"}, ""};
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto papers = merge_papers(inputs, profile);
    std::string buffer;  // one per pass, like render_outputs'
    std::size_t sum = 0;
    bytes = 0;
    const auto output = [&](auto append) {
      buffer.clear();
      append(buffer);
      bytes += buffer.size();
      sum += consume(buffer);
    };
    output([&](std::string& out) { append_markdown(out, papers, {}); });
    output([&](std::string& out) { append_bibtex(out, papers, {}); });
    output([&](std::string& out) { append_csl_json(out, papers, {}); });
    output([&](std::string& out) { append_json_data(out, papers, {}); });
    benchmark::DoNotOptimize(sum);
  }
  state.counters["output_bytes"] = static_cast<double>(bytes);
  set_paper_counter(state);
}
BENCHMARK(BM_MergeAndRenderAll)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_MergeOnly(benchmark::State& state) {
  const auto inputs = generate(static_cast<int>(state.range(0)));
  const Profile profile{"Joe Benton", {"Joseph Benton", "J. Benton"}, ""};
  for (auto _ : state) benchmark::DoNotOptimize(merge_papers(inputs, profile));
  set_paper_counter(state);
}
BENCHMARK(BM_MergeOnly)->Arg(10000)->Unit(benchmark::kMillisecond);

template <typename Render>
void render_only(benchmark::State& state, Render render) {
  const auto papers = merge_papers(generate(static_cast<int>(state.range(0))),
                                   Profile{"Joe Benton", {"Joseph Benton", "J. Benton"}, ""});
  for (auto _ : state) benchmark::DoNotOptimize(render(papers));
  set_paper_counter(state);
}
void BM_Markdown(benchmark::State& s) {
  render_only(s, [](const auto& p) { return render_markdown(p, {}); });
}
void BM_Bibtex(benchmark::State& s) {
  render_only(s, [](const auto& p) { return render_bibtex(p, {}); });
}
void BM_CslJson(benchmark::State& s) {
  render_only(s, [](const auto& p) { return render_csl_json(p, {}); });
}
void BM_JsonData(benchmark::State& s) {
  render_only(s, [](const auto& p) { return render_json_data(p, {}); });
}
BENCHMARK(BM_Markdown)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Bibtex)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CslJson)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JsonData)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace scholard::render

BENCHMARK_MAIN();
