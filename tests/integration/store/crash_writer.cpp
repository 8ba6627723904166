// store_crash_writer: a helper process for the store's crash and concurrency
// tests. It writes through the real Store API so the tests can kill it or
// race it against another writer.
//
//   store_crash_writer write DB N FIRST COUNT LOCK_MS TAG
//       keeps papers p0000..p{N-1} listed, then writes batches FIRST,
//       FIRST+1, ... (COUNT of them, 0 = until killed). Batch b is ONE
//       write_fetches call giving every paper the title "TAG batch b"; after
//       each commit it prints "committed b" and flushes.
//   store_crash_writer hold DB MS
//       takes the writer lock, prints "locked", holds it MS milliseconds.
//
// Exit status: 0 done, 2 usage, 3 store error, 4 busy (message on stderr).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "store/store.hpp"

using namespace scholard;

namespace {

int report(const core::Error& e) {
  std::fprintf(stderr, "error: %s: %s\n", std::string(core::to_string(e.code)).c_str(), e.message.c_str());
  return e.code == core::ErrorCode::busy ? 4 : 3;
}

std::string key_of(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "p%04d", i);
  return buf;
}

core::Record record_for(int paper, const std::string& title) {
  core::Record r;
  r.source = "arxiv";
  r.title = title;
  r.summary = std::string(1000, 'a' + static_cast<char>(paper % 26));
  for (int a = 0; a < 10; ++a) r.authors.push_back({"Author " + std::to_string(a), "", "", "", "", {}});
  r.arxiv_id = key_of(paper);
  r.arxiv_version = 1;
  r.published = {2024, 1, 1 + paper % 28};
  return r;
}

int write_batches(const std::string& db, int n, long first, long count, int lock_ms, const std::string& tag) {
  core::SystemClock clock;
  auto store = store::Store::open(db, clock, {store::AccessMode::read_write, std::chrono::milliseconds(lock_ms),
                                              "store_crash_writer write"});
  if (!store) return report(store.error());
  std::vector<store::ConfigPaper> papers;
  for (int i = 0; i < n; ++i) papers.push_back({key_of(i), key_of(i), "", "", i});
  if (auto ok = store->reconcile_papers(papers); !ok) return report(ok.error());
  for (long b = first; count == 0 || b < first + count; ++b) {
    std::vector<store::FetchResult> batch;
    std::string title = tag + " batch " + std::to_string(b);
    for (int i = 0; i < n; ++i) {
      store::FetchResult f;
      f.paper_key = key_of(i);
      f.source = "arxiv";
      f.outcome = store::StoredOutcome::ok;
      f.record = record_for(i, title);
      f.raw_hash = "fnv1a64:" + std::to_string(b);
      batch.push_back(std::move(f));
    }
    if (auto ok = store->write_fetches(batch); !ok) return report(ok.error());
    std::printf("committed %ld\n", b);
    std::fflush(stdout);
  }
  return 0;
}

int hold(const std::string& db, int ms) {
  core::SystemClock clock;
  auto store = store::Store::open(db, clock, {store::AccessMode::read_write, std::chrono::seconds(10),
                                              "store_crash_writer hold"});
  if (!store) return report(store.error());
  auto guard = store->lock_for_writing();
  if (!guard) return report(guard.error());
  std::printf("locked\n");
  std::fflush(stdout);
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 7 && args[0] == "write") {
    return write_batches(args[1], std::atoi(args[2].c_str()), std::atol(args[3].c_str()), std::atol(args[4].c_str()),
                         std::atoi(args[5].c_str()), args[6]);
  }
  if (args.size() == 3 && args[0] == "hold") return hold(args[1], std::atoi(args[2].c_str()));
  std::fprintf(stderr, "usage: store_crash_writer write DB N FIRST COUNT LOCK_MS TAG | hold DB MS\n");
  return 2;
}
