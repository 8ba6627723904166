// A metadata source as the engine sees it: which papers it can answer, how it
// batches them, and how it fetches a batch through net::HttpClient.
//
// Every built-in source is one implementation of `Source` (arxiv_source.hpp,
// crossref_source.hpp) and one row of the registry (registry.hpp), which also
// says how to build it and which net policy governs its requests. The engine
// plans, fetches and stores per source through this interface only, keyed by
// `name()`; where what a source IS matters (the merge), callers switch over
// `kind()`.
//
// Ids: `query_id` picks, from what is known about a paper, the id this source
// is asked with (e.g. the arXiv id, or a DOI); `fetch` answers each requested
// id exactly once with a FetchOutcome whose `requested` is that id exactly as
// passed in (fetch_result.hpp), so the caller maps answers back to papers.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"
#include "fetchers/fetch_result.hpp"

namespace scholard::fetchers {

// What is known about one paper when planning: its arXiv id, its DOI (the
// config's, else one a kept record names) and its title; "" when unknown.
struct PaperIds {
  std::string arxiv_id;
  std::string doi;
  std::string title;
  std::string corpus_id = {};  // "CorpusId:N": a manual entry Semantic Scholar tracks
};

// One id to fetch, with the validators of the answer kept for it (empty when
// none): a source that supports conditional requests sends them and reports
// a 304 as FetchStatus::not_modified.
struct FetchItem {
  std::string id;
  Validators validators;
};

class Source {
 public:
  virtual ~Source() = default;

  // The name records, the store and the config know it by (core::is_source_name).
  virtual std::string_view name() const = 0;
  // The name shown to people ("arXiv").
  virtual std::string_view display_name() const = 0;
  virtual core::SourceKind kind() const = 0;

  // The id this source is asked with for a paper, or "" when it cannot
  // answer for it (the paper has no id of the kind it takes).
  virtual std::string query_id(const PaperIds& ids) const = 0;

  // The requests a fetch of `ids` would make, each the list of ids it asks
  // for (as passed in; ids asked twice, or in two spellings of one id, appear
  // once; ids rejected before any request, e.g. malformed, appear in none).
  virtual std::vector<std::vector<std::string>> batches(const std::vector<std::string>& ids) const = 0;

  // Fetches every item. Must be called on the client's io thread; handlers
  // run on that thread. `on_batch` receives outcomes as answers arrive (each
  // requested id answered once), `on_done` runs once, last. When nothing
  // needs the network both run before fetch() returns. The HttpClient must
  // outlive the fetch; the Source need not (a fetch keeps its own state).
  virtual void fetch(std::vector<FetchItem> items, BatchHandler on_batch, DoneHandler on_done) = 0;

  // The least time between two of this source's requests that must hold
  // across processes too (the engine keeps the last request's time); 0 when
  // the source has no such rule.
  virtual std::chrono::milliseconds min_interval() const = 0;

  // A source that can find a paper by its title alone (an index) says so and
  // answers match_title; the engine asks no other. Same threading rules as
  // fetch(); `done` runs once. The default answers not_found at once.
  virtual bool matches_titles() const { return false; }
  virtual void match_title(std::string title, TitleMatchHandler done) {
    TitleMatch none;
    none.outcome.requested = std::move(title);
    none.outcome.status = FetchStatus::not_found;
    none.outcome.message = "this source cannot look papers up by title";
    if (done) done(std::move(none));
  }
};

}  // namespace scholard::fetchers
