// The input of bench_pipeline: N papers cloned from the seed fixtures the way
// scripts/bench-fixtures.sh clones them for the end-to-end harness, and the
// response bodies a first sync would receive for them, built in memory (never
// written to disk, never committed).
//
// The mix, by k mod 4: 0,1 = arXiv id only; 2 = arXiv id and a DOI; 3 = DOI
// only. Ids: arXiv 26MM.NNNNN, DOIs 10.5555/scholard-bench.K. arXiv entries
// are clones of the 15 seed entries (tests/data/seed/arxiv, template
// i mod 15 for the i-th arXiv id) with the id replaced and "Study i:" (i from
// 1) before the title; Crossref works are clones of the six works the script
// uses (template k mod 6) with the DOI replaced and "Study k:" before the
// title.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/result.hpp"

namespace scholard::bench {

struct PipelineData {
  // What bench-lib.sh's scholard.toml says: the seed researcher's profile,
  // the five outputs, and the N [[paper]] entries in config order.
  config::Config config;
  // The arXiv ids as the fetcher sends them (fetchers::plan_arxiv_batches at
  // the config's batch size, 100) and, per batch, the Atom feed answering it.
  std::vector<std::vector<std::string>> arxiv_batches;
  std::vector<std::string> arxiv_feeds;
  // Every DOI in config order and, for each, the Crossref work envelope,
  // with the spare capacity net::HttpClient leaves after a body.
  std::vector<std::string> dois;
  std::vector<std::string> crossref_bodies;

  std::size_t body_bytes() const;
};

// Builds the data set for `papers` papers from the fixtures under `data_dir`
// (the repository's tests/data). Errors: io when a fixture cannot be read;
// invalid_input when a fixture lacks what is cloned (an <entry> with an
// abs/ link, a work's "DOI"/"title"), or when a generated id does not parse.
core::Result<PipelineData> make_pipeline_data(int papers, const std::filesystem::path& data_dir);

}  // namespace scholard::bench
