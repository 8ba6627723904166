// Helpers shared by the store's unit tests: sample records, a temp folder,
// fixed times, and a ready :memory: store.
#pragma once

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/record.hpp"
#include "store/store.hpp"

namespace scholard::store::testing {

using namespace std::chrono_literals;

// 2025-03-02T10:00:00Z
inline core::SysTime t0() {
  return core::SysTime{std::chrono::sys_days{std::chrono::year{2025} / 3 / 2}} + std::chrono::hours(10);
}

inline core::Record arxiv_record(int version = 2) {
  core::Record r;
  r.source = "arxiv";
  r.title = "Error Bounds for Flow Matching Methods";
  r.title_raw = r.title;
  r.summary = "Score-based generative models are a popular class of generative modelling techniques.";
  r.authors = {{"Joe Benton", "", "", "", "", {}}, {"George Deligiannidis", "", "", "", "", {}},
               {"Arnaud Doucet", "", "", "", "", {}}};
  r.type = "preprint";
  r.published = {2023, 5, 26};
  r.updated = {2024, 2, 1};
  r.arxiv_id = "2305.16860";
  r.arxiv_version = version;
  r.url = "https://arxiv.org/abs/2305.16860v" + std::to_string(version);
  r.primary_category = "stat.ML";
  r.categories = {"stat.ML", "cs.LG"};
  return r;
}

inline core::Record crossref_record() {
  core::Record r;
  r.source = "crossref";
  r.title = "From denoising diffusions to denoising Markov models";
  r.authors = {{"Joe Benton", "Joe", "Benton", "0000-0002-1825-0097", "first", {"University of Oxford"}}};
  r.type = "journal-article";
  r.venue = "Journal of the Royal Statistical Society Series B: Statistical Methodology";
  r.volume = "86";
  r.issue = "2";
  r.pages = "286-301";
  r.published = {2024, 1, 17};
  r.doi = "10.1093/jrsssb/qkae005";
  return r;
}

inline FetchResult ok_result(const std::string& key, const core::Record& r, std::string hash = "fnv1a64:1") {
  FetchResult f;
  f.paper_key = key;
  f.source = r.source;
  f.outcome = StoredOutcome::ok;
  f.record = r;
  f.raw_hash = std::move(hash);
  return f;
}

inline FetchResult failed_result(const std::string& key, const std::string& source, StoredOutcome outcome,
                                 std::string error) {
  FetchResult f;
  f.paper_key = key;
  f.source = source;
  f.outcome = outcome;
  f.error = std::move(error);
  return f;
}

inline ConfigPaper paper(std::string key, std::string arxiv, std::string doi, int position, std::string title = {}) {
  return ConfigPaper{std::move(key), std::move(arxiv), std::move(doi), std::move(title), position};
}

// A fresh private folder, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "scholard-store-XXXXXX").string();
    char* made = ::mkdtemp(tmpl.data());
    if (!made) throw std::runtime_error("mkdtemp failed");
    m_path = made;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

// Fixture: a migrated in-memory store on a fake clock at t0().
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = Store::open(":memory:", m_clock);
    ASSERT_TRUE(s) << s.error().message;
    m_store.emplace(std::move(*s));
  }
  Store& store() { return *m_store; }

  // Number of history rows (all kinds) in the store.
  std::int64_t history_count() {
    auto n = store().database().query_int("SELECT count(*) FROM history");
    return n ? *n : -1;
  }

  core::FakeClock m_clock{t0()};
  std::optional<Store> m_store;
};

}  // namespace scholard::store::testing
