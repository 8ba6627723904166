// Parser throughput on recorded responses. Counters: entries/s (Crossref:
// records/s), bytes/s, and CPU time per entry or record. Run from a
// RelWithDebInfo or Release build; figures go in docs, never in unit tests.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "fetchers/arxiv_parser.hpp"
#include "fetchers/crossref_parser.hpp"

namespace {

std::string read_data(const std::string& relative) {
  std::ifstream in(std::string(SCHOLARD_TEST_DATA) + "/" + relative, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + relative);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void set_counters(benchmark::State& state, double items_per_iteration, std::size_t bytes_per_iteration) {
  const auto iterations = static_cast<double>(state.iterations());
  state.counters["entries/s"] = benchmark::Counter(items_per_iteration * iterations, benchmark::Counter::kIsRate);
  // Rates are per CPU second; the inverse is CPU time per entry (printed with an SI prefix, e.g. "11u" = 11 us).
  state.counters["cpu/entry"] =
      benchmark::Counter(items_per_iteration * iterations, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.SetBytesProcessed(static_cast<int64_t>(bytes_per_iteration) * state.iterations());
}

void BM_ArxivParse100Entries(benchmark::State& state) {
  const std::string xml = read_data("arxiv/search-testing-start0-max100-large.xml");
  std::size_t entries = 0;
  for (auto _ : state) {
    auto feed = scholard::fetchers::parse_arxiv_feed(xml);
    if (!feed) state.SkipWithError(feed.error().message.c_str());
    entries = feed ? feed->entries.size() : 0;
    benchmark::DoNotOptimize(feed);
  }
  set_counters(state, static_cast<double>(entries), xml.size());
}
BENCHMARK(BM_ArxivParse100Entries);

void BM_CrossrefParseWork(benchmark::State& state) {
  const std::vector<std::string> files = {
      "crossref/seed/work-10.1093_jrsssb_qkae005.json",
      "crossref/work-10.1371_journal.pone.0033693.json",
      "crossref/work-10.1136_jclinpath-2020-206745-title-markup-i.json",
      "crossref/work-10.1145_2831244.2831252-proceedings-article.json",
      "crossref/work-10.1016_j.neurobiolaging.2010.03.024.json",
  };
  std::vector<std::string> bodies;
  std::size_t bytes = 0;
  for (const auto& f : files) {
    bodies.push_back(read_data(f));
    bytes += bodies.back().size();
  }
  for (auto _ : state) {
    for (const std::string& body : bodies) {
      auto record = scholard::fetchers::parse_crossref_work(body);
      if (!record) state.SkipWithError(record.error().message.c_str());
      benchmark::DoNotOptimize(record);
    }
  }
  set_counters(state, static_cast<double>(bodies.size()), bytes);
}
BENCHMARK(BM_CrossrefParseWork);

void BM_CrossrefParseList(benchmark::State& state) {
  const std::string json = read_data("crossref/list-works-query-ecology-author-boettiger.json");
  std::size_t records = 0;
  for (auto _ : state) {
    auto list = scholard::fetchers::parse_crossref_work_list(json);
    if (!list) state.SkipWithError(list.error().message.c_str());
    records = list ? list->size() : 0;
    benchmark::DoNotOptimize(list);
  }
  set_counters(state, static_cast<double>(records), json.size());
}
BENCHMARK(BM_CrossrefParseList);

}  // namespace

BENCHMARK_MAIN();
