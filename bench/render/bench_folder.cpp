// The academicpages folder write (render::sync_publication_folder) of 10,000
// generated papers into a temporary folder: a first sync (every file new) and
// an unchanged rewrite (every file compared, none written). See
// docs/benchmarks.md. Wall time counts: fsync waits for the disk.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "render/academicpages.hpp"
#include "render/merge.hpp"

namespace scholard::render {
namespace {
namespace fs = std::filesystem;

std::vector<GeneratedFile> generated_files(int n) {
  std::vector<PaperInput> inputs;
  for (int k = 0; k < n; ++k) {
    const std::string id = "2" + std::to_string(100 + k % 800) + "." + std::to_string(10000 + k);
    PaperInput p{id, k, id, "", {}, {}};
    core::Record ax;
    ax.source = "arxiv";
    ax.title = "Paper " + std::to_string(k) + ": Nearly $d$-Linear Bounds for Schr\\\"odinger Bridges";
    for (int i = 0; i < 3 + k % 28; ++i) {
      core::Author a;
      a.given = "Given" + std::to_string(i);
      a.family = "Family" + std::to_string((k * 7 + i) % 997);
      a.name = a.given + " " + a.family;
      ax.authors.push_back(a);
    }
    ax.published = {2000 + k % 25, 1 + k % 12, 1 + k % 28};
    ax.arxiv_id = id;
    p.records.push_back({core::SourceKind::preprint_server, ax});
    inputs.push_back(std::move(p));
  }
  return render_academicpages(merge_papers(inputs, Profile{"Joe Benton", {}, ""}), {});
}

// A fresh folder under $TMPDIR (or /tmp), removed with the object.
class TempFolder {
 public:
  TempFolder() {
    std::string tmpl = (fs::temp_directory_path() / "scholard-bench-folder-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    m_path = tmpl;
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

void check(const core::Result<FolderSync>& sync, std::size_t written, benchmark::State& state) {
  if (!sync) {
    state.SkipWithError(sync.error().message.c_str());
  } else if (sync->written.size() != written) {
    state.SkipWithError("unexpected number of files written");
  }
}

void BM_PublicationFolderFirstWrite(benchmark::State& state) {
  const auto files = generated_files(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    state.PauseTiming();
    auto folder = std::make_unique<TempFolder>();
    state.ResumeTiming();
    check(sync_publication_folder(folder->path() / "_publications", files), files.size(), state);
    state.PauseTiming();
    folder.reset();
    state.ResumeTiming();
  }
  state.counters["files"] = static_cast<double>(files.size());
}
BENCHMARK(BM_PublicationFolderFirstWrite)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_PublicationFolderUnchanged(benchmark::State& state) {
  const auto files = generated_files(static_cast<int>(state.range(0)));
  TempFolder folder;
  check(sync_publication_folder(folder.path() / "_publications", files), files.size(), state);
  for (auto _ : state) check(sync_publication_folder(folder.path() / "_publications", files), 0, state);
  state.counters["files"] = static_cast<double>(files.size());
}
BENCHMARK(BM_PublicationFolderUnchanged)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

}  // namespace
}  // namespace scholard::render

BENCHMARK_MAIN();
