// Plain structs the store takes and returns: papers from the config, fetch
// results, fetch state, history entries, runs, and the query results behind
// `scholard list / show / history / status`. No sqlite types appear here.
//
// Times are core::SysTime (wall clock, UTC); the database keeps them as unix
// seconds, so sub-second parts are dropped on the way in.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/record.hpp"
#include "core/result.hpp"

namespace scholard::store {

// ------------------------------------------------------------ papers

// One [[paper]] of the config. key = canonical arXiv id, else the DOI, else a
// key derived from the title (the caller derives it; see the config layer).
struct ConfigPaper {
  std::string key;
  std::string arxiv_id;  // canonical, unversioned; "" when none
  std::string doi;       // lower-cased; "" when none
  std::string title;     // the config's title (manual entries); may be ""
  int position = 0;      // order in the config file
};

// The stable key of a config paper: the canonical arXiv id, else the DOI,
// else "title:" + a slug of the folded title ("title:many-shot-jailbreaking").
// Returns "" when all three are empty.
std::string paper_key(std::string_view arxiv_id, std::string_view doi, std::string_view title);

// What reconcile_papers did, each list holding paper keys in config order
// (removed: in old config order).
struct ReconcileReport {
  std::vector<std::string> added;     // never seen before
  std::vector<std::string> removed;   // listed before, not any more (kept, marked)
  std::vector<std::string> restored;  // removed earlier, listed again: history is back
  std::vector<std::string> changed;   // arxiv id, DOI, title or key changed
  bool empty() const { return added.empty() && removed.empty() && restored.empty() && changed.empty(); }
};

// ------------------------------------------------------------ fetches

// How the last fetch of a paper from a source ended, as the store keeps it
// (a fetcher's answer is a fetchers::FetchOutcome; daemon/answers.hpp turns
// one into the other). `never` = not fetched yet.
enum class StoredOutcome { never, ok, not_modified, not_found, invalid, error };
std::string_view to_string(StoredOutcome o);
// Error: invalid_input for an unknown name.
core::Result<StoredOutcome> parse_stored_outcome(std::string_view s);
// not_found, invalid and error count as failures; ok and not_modified do not.
bool is_failure(StoredOutcome o);

// One fetch result to store (see Store::write_fetches).
struct FetchResult {
  std::string paper_key;
  std::string source;  // a source name (core::is_source_name), e.g. "arxiv"
  StoredOutcome outcome = StoredOutcome::ok;
  std::optional<core::Record> record;  // required when outcome == ok, ignored otherwise
  std::string raw_hash;                // hash of the raw response (core/digest.hpp); "" = unknown
  std::string etag;                    // validators, "" when the server sent none
  std::string last_modified;
  std::string error;                   // why, for not_found / invalid / error
  std::optional<core::SysTime> next_due;  // when the planner wants it fetched again
};

// Per paper and source: the fetch metadata and schedule state.
struct FetchState {
  StoredOutcome outcome = StoredOutcome::never;  // of the latest attempt
  std::string last_error;                      // "" after a success
  bool has_record = false;                     // a good record is kept
  std::string raw_hash;                        // of the response that gave the kept record
  std::optional<core::SysTime> fetched_at;     // when the kept record was fetched
  std::string etag;
  std::string last_modified;
  std::optional<core::SysTime> last_attempt;
  std::optional<core::SysTime> last_success;   // ok or not_modified
  int failures = 0;                            // consecutive
  std::optional<core::SysTime> next_due;       // nullopt = due now
};

// The schedule part of a FetchState: what decides when a source is due
// (daemon::plan_pass) and what its next due time is computed from, with the
// validators of the kept answer (the engine sends them back as
// If-None-Match / If-Modified-Since; "" when the server sent none).
struct DueState {
  int failures = 0;
  std::optional<core::SysTime> last_success;
  std::optional<core::SysTime> next_due;
  std::string etag;
  std::string last_modified;
};

// What planning a pass needs to know of one paper (Store::fetch_overview).
struct PaperDueStates {
  // By source name; only sources with a stored state (a source never
  // fetched for this paper is absent).
  std::map<std::string, DueState, std::less<>> by_source;
  // A DOI that a kept record of the paper names (any source: the first
  // non-empty in source-name order); "" when none. Planning follows it to
  // the sources that answer by DOI.
  std::string record_doi;
};

// A record that changed in write_fetches: first_seen, or the changed fields.
struct RecordChange {
  std::string paper_key;
  std::string source;
  bool first_seen = false;
  std::vector<std::string> fields;  // empty when first_seen
  std::vector<std::string> old_values;  // fields[i]'s value before (record_fields encoding)
};

// ------------------------------------------------------------ history

enum class HistoryKind {
  first_seen,  // first good record from a source (one entry, not one per field)
  changed,     // one field changed (source a source name: the record; config: ids/title/key)
  added,       // paper appeared in the config
  removed,     // paper left the config
  restored,    // paper came back to the config
  // where the paper is shown as published changed because of what a source
  // said (old/new_value: the venue as shown, with its year; field: the
  // evidence, e.g. "DBLP conf/iclr/BentonBDD24"; source: who said it)
  venue,
};
std::string_view to_string(HistoryKind k);
core::Result<HistoryKind> parse_history_kind(std::string_view s);

struct HistoryEntry {
  std::int64_t id = 0;
  std::string paper_key;
  std::string source;  // a source name ("arxiv") or "config"
  core::SysTime at;
  HistoryKind kind = HistoryKind::changed;
  std::string field;      // for `changed`
  std::string old_value;  // record_fields encoding for lists
  std::string new_value;  // for first_seen: the title
};

// ------------------------------------------------------------ runs

// interrupted: stopped by SIGINT/SIGTERM (what it had stored is kept), or
// found still "running" by the next writer (its process was killed).
enum class RunOutcome { running, ok, partial, failed, interrupted };
std::string_view to_string(RunOutcome o);
core::Result<RunOutcome> parse_run_outcome(std::string_view s);

struct RunSummary {
  // Requests made, by source name. Sources with no requests may be absent
  // (the store keeps and returns only counts above 0).
  std::map<std::string, int, std::less<>> requests;
  int not_modified = 0;
  int papers_changed = 0;
  int outputs_written = 0;
  RunOutcome outcome = RunOutcome::ok;
  std::string message;

  // The sum of `requests`.
  int total_requests() const;
};

struct RunInfo {
  std::int64_t id = 0;
  core::SysTime started_at;
  std::optional<core::SysTime> ended_at;  // nullopt: still running, or killed
  std::string command;
  RunSummary summary;
};

// ------------------------------------------------------------ queries

struct SourceState {
  std::string source;
  FetchState state;
};

// One line of `scholard list`. title/venue/year are what the sources say: a
// published version's record first (a `type` other than "preprint" and
// "posted-content"), then the others, each group in source-name order, then
// the config's title. Config overrides are applied by the caller, which has
// the config.
struct PaperSummary {
  std::string key;
  std::string arxiv_id;
  std::string doi;
  std::string title;
  std::string venue;  // a published record's venue, else any record's journal_ref
  int year = 0;       // 0 = unknown
  int position = 0;
  bool removed = false;
  std::vector<SourceState> sources;  // only sources with a stored state, in name order
};

struct StoredRecord {
  std::string source;
  FetchState state;
  std::optional<core::Record> record;  // the last good record, if any
};

// `scholard show`: a paper with every source's record and fetch metadata.
struct PaperDetail {
  std::string key;
  std::string arxiv_id;
  std::string doi;
  std::string config_title;
  int position = 0;
  core::SysTime added_at;
  std::optional<core::SysTime> removed_at;
  std::vector<StoredRecord> records;  // in source-name order
};

struct DueFetch {
  std::string paper_key;
  std::string source;
  std::optional<core::SysTime> next_due;  // nullopt: never fetched, due now
  int failures = 0;
};

struct FailingFetch {
  std::string paper_key;
  std::string source;
  int failures = 0;
  StoredOutcome outcome = StoredOutcome::error;
  std::string last_error;
  std::optional<core::SysTime> last_attempt;
};

// `scholard status`.
// A source changed a field the config overrides; the page keeps the
// researcher's text (daemon/kept_text.hpp computes these from the history).
struct KeptText {
  std::string paper_key;
  std::string source;        // a source name
  std::string field;         // the override's key: "title", "author_names", "venue" ...
  std::string source_value;  // what the source says now
  std::string kept;          // what the page keeps
  core::SysTime at;          // when the change was stored
  std::string text;          // the sentence `sync` printed
};

struct StatusReport {
  std::vector<RunInfo> runs;          // newest first
  std::vector<DueFetch> due;          // soonest first; filled by the caller (daemon::plan_pass)
  std::size_t due_total = 0;          // scheduled fetches in all, of which `due` are the first; filled by the caller
  std::vector<FailingFetch> failing;  // most failures first
  std::vector<KeptText> kept_text;    // newest first; filled by the caller, which has the config
  // The last write to the store that failed (a full disk) and was not
  // followed by a run that finished; kept beside the store (writer_lock.hpp)
  // because the store itself could not take it.
  std::string store_failure;
  std::optional<core::SysTime> store_failure_at;
};

}  // namespace scholard::store
