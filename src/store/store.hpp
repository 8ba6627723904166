// The cache: papers from the config, what the sources said about them (one
// record per paper and source, kept field by field; a source is a name such
// as "arxiv", validated here by core::is_source_name, never interpreted),
// fetch state, per-field history, sync runs and a small key/value table.
//
// Guarantees:
// - every write method is ONE transaction: a reader never sees half of it;
// - a failed fetch never removes or blanks the last good record;
// - one writer at a time across processes (flock on "<db>.lock" + BEGIN
//   IMMEDIATE); a second writer waits up to StoreOptions::lock_timeout, then
//   gets ErrorCode::busy naming the other process;
// - readers (AccessMode::read_only) never wait for a writer (WAL);
// - the database file is created 0600, its missing parent folders 0700;
// - a damaged file is refused at open (check_integrity), a read-only one by
//   writers before sqlite can leave read-only -wal/-shm files behind;
// - readers work in a folder they cannot write (immutable open).
// Times come from the injected core::Clock and are stored as unix seconds (UTC).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/candidates.hpp"
#include "store/owner.hpp"
#include "store/sqlite.hpp"
#include "store/types.hpp"
#include "store/writer_lock.hpp"

namespace scholard::store {

enum class AccessMode { read_only, read_write };

struct StoreOptions {
  AccessMode mode = AccessMode::read_write;
  std::chrono::milliseconds lock_timeout{30'000};  // writers: wait this long for the lock
  std::string command = "scholard";                // recorded in the lock file ("scholard daemon")
  // The config this store serves (owner.hpp); "" = not checked, nothing recorded.
  std::string owner{};
  OwnerPolicy owner_policy = OwnerPolicy::check;
  // When non-empty: the old shared default store, opened instead of the given
  // path under the conditions of choose_store_path().
  std::string legacy_path{};
  // Called once, at once, when a writer finds the lock held and starts to
  // wait (the CLI tells a user at a terminal whom it waits for).
  LockWaitNotice on_lock_wait{};
};

struct ListOptions {
  bool include_removed = false;
};

struct HistoryQuery {
  std::optional<std::string> paper;  // key, arXiv id or DOI (canonical); nullopt = all papers
  std::size_t limit = 200;
};

struct StatusQuery {
  std::size_t runs = 5;
  std::size_t failing = 20;
};

class Store {
 public:
  // Opens `path` (":memory:" for tests), or options.legacy_path (see there).
  // read_write creates the file and its folder if missing and migrates the
  // schema (under the writer lock); read_only requires an existing,
  // up-to-date store. With options.owner set, a store serving another config
  // is refused unless options.owner_policy adopts it, and a writer records
  // the owner in a store that has none (owner_note() says what happened).
  // Errors: unsupported for a newer schema ("store X was written by a newer
  // scholard (schema 7, this binary knows up to 2)") or, read-only, an older
  // one, or the store of another config (foreign_store_message()); not_found
  // when read_only and the file is missing or empty; busy when the writer
  // lock is not free within the timeout; io otherwise.
  static core::Result<Store> open(const std::string& path, const core::Clock& clock, StoreOptions options = {});

  // Takes over an open connection (tests build old schemas this way), applies
  // the pragmas and migrates it. Errors as open().
  static core::Result<Store> adopt(Database db, const core::Clock& clock, StoreOptions options = {});

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  // Holds the writer lock until destroyed: the engine takes one for a whole
  // sync pass so no other writer slips in between its transactions. Re-entrant
  // within this Store; must not outlive it. Write methods take the lock
  // themselves when no guard is held. Error: busy (see StoreOptions), io.
  class WriterGuard {
   public:
    WriterGuard(WriterGuard&& other) noexcept;
    WriterGuard& operator=(WriterGuard&&) = delete;
    WriterGuard(const WriterGuard&) = delete;
    WriterGuard& operator=(const WriterGuard&) = delete;
    ~WriterGuard();

   private:
    friend class Store;
    struct LockState;
    explicit WriterGuard(LockState* state) : m_state(state) {}
    LockState* m_state = nullptr;
  };
  core::Result<WriterGuard> lock_for_writing();

  // ---- papers (store.cpp)
  // Makes the stored paper list match the config: adds new papers, marks
  // missing ones removed (their records and history stay), restores re-added
  // ones, updates ids/title/position, and re-keys a paper whose key changed
  // but whose arXiv id or DOI did not. Logs config events in the history.
  // The list last reconciled is remembered (a digest in meta): the same list
  // again returns an empty report without a transaction.
  // Error: invalid_input for an empty or duplicate key; busy/io.
  core::Result<ReconcileReport> reconcile_papers(const std::vector<ConfigPaper>& papers);

  // ---- fetches (fetches.cpp)
  // Stores a batch of fetch results in ONE transaction. ok: the record
  // replaces the kept one field by field, each changed field logged in the
  // history (the first record of a paper and source logs one first_seen
  // entry); failures reset to 0. not_modified: only the state moves.
  // not_found / invalid / error: the kept record stays untouched; outcome,
  // error and failures+1 are stored beside it. Returns the records that
  // changed. Error: invalid_input (unknown paper key, a source that is not
  // a source name (core::is_source_name), ok without a record, record of
  // another source) -- then nothing of the batch is written; busy/io.
  core::Result<std::vector<RecordChange>> write_fetches(const std::vector<FetchResult>& batch);

  // The kept record of a paper and source; nullopt when none (or unknown paper).
  core::Result<std::optional<core::Record>> record(const std::string& paper_key, std::string_view source);
  // The fetch state; nullopt when the paper was never fetched from the source.
  core::Result<std::optional<FetchState>> fetch_state(const std::string& paper_key, std::string_view source);
  // Every listed paper's due states by source and a DOI its kept records
  // name (PaperDueStates), by paper key, in one query (what planning a pass
  // needs). Papers never fetched are absent. Works on read-only stores.
  core::Result<std::unordered_map<std::string, PaperDueStates>> fetch_overview();

  // ---- runs and meta (store.cpp)
  // Records the start of a sync pass; returns its id.
  core::Result<std::int64_t> begin_run(const std::string& command);
  // Records the end, with the request counts by source (those above 0 are
  // kept). Error: not_found for an unknown id; invalid_input for a request
  // count of something that is not a source name; busy/io.
  core::Result<void> finish_run(std::int64_t run_id, const RunSummary& summary);
  core::Result<std::optional<std::string>> get_meta(const std::string& key);
  core::Result<void> set_meta(const std::string& key, const std::string& value);
  // Removes `key` (nothing when it is absent).
  core::Result<void> delete_meta(const std::string& key);
  // A counter that grows with every write that can change what the outputs
  // show: a paper added, removed, restored or changed by reconcile_papers, a
  // record first stored or changed by write_fetches. 0 for a fresh store.
  // Equal generations mean equal listed papers and records. (Fetch metadata,
  // runs, meta and candidates do not count: no output shows them.)
  core::Result<std::int64_t> data_generation();

  // ---- queries (queries.cpp); work on read-only stores
  // Papers in config order (removed ones last, when asked for).
  core::Result<std::vector<PaperSummary>> list_papers(ListOptions options = {});
  // `id` is matched against keys, arXiv ids and DOIs (canonical forms);
  // nullopt when no paper matches.
  core::Result<std::optional<PaperDetail>> show_paper(const std::string& id);
  // Every listed paper with its records, in config order (for render).
  core::Result<std::vector<PaperDetail>> all_papers(ListOptions options = {});
  // Newest first. Error: not_found when query.paper names no stored paper.
  core::Result<std::vector<HistoryEntry>> history(const HistoryQuery& query = {});
  // Adds entries that are not a record's own changes (HistoryKind::venue),
  // in one transaction; `id` and `at` are ignored (now). A paper_key the
  // store does not list is invalid_input, and nothing is written.
  core::Result<void> log_history(const std::vector<HistoryEntry>& entries);
  // Runs and failing fetches; `due` is left empty for the caller to fill
  // (daemon::plan_pass decides what is due, the store does not).
  core::Result<StatusReport> status(const StatusQuery& query = {});
  core::Result<std::vector<RunInfo>> recent_runs(std::size_t limit);

  // ---- discovery candidates (candidates.cpp; schema 3)
  // Stores what one discovery found, in ONE transaction: a key never seen is
  // added as pending (first_seen = last_seen = now); a pending one is
  // refreshed (fields, score, band, reasons; last_seen = now); an accepted or
  // rejected one only gets last_seen (its decision stands).
  // Error: invalid_input for an empty key (nothing written); busy/io.
  core::Result<CandidateSave> save_candidates(const std::vector<Candidate>& found);
  // Every candidate (of one state when given): best score first, then newest
  // first_seen, then key. Works on read-only stores.
  core::Result<std::vector<Candidate>> candidates(std::optional<CandidateState> state = std::nullopt);
  // The candidate whose key, arXiv id or DOI is `id` (canonical); nullopt when none.
  core::Result<std::optional<Candidate>> find_candidate(const std::string& id);
  // Records the researcher's decision. A candidate not stored yet is added
  // with that state (`scholard reject` of a paper not proposed yet).
  // Error: invalid_input for an empty key; busy/io.
  core::Result<void> decide_candidate(const Candidate& candidate, CandidateState state);
  // Forgets pending candidates that became listed papers (`scholard add`, an
  // edit by hand); decided ones are kept. Returns how many were dropped.
  core::Result<int> drop_pending_candidates(const std::vector<std::string>& keys);

  const std::string& path() const { return m_path; }
  // What open() found about the store's owner (owner.hpp).
  const OwnerNote& owner_note() const { return m_owner_note; }
  // Frees the connection's unused page cache and lookaside memory (the idle
  // daemon calls it before sleeping; the cache refills on the next query).
  void release_memory();
  bool read_only() const { return m_options.mode == AccessMode::read_only; }
  // For tests and `scholard check`: direct access to the connection.
  Database& database() { return m_db; }

  // PRAGMA quick_check of the store (open() runs it when the file changed
  // since the last clean close, or after an unclean one; `check` always).
  // Error: io, "the store X is damaged (...); <what to do>" (repair_advice),
  // or the error that kept the check from running.
  enum class CheckWhen { changed, always };
  core::Result<void> check_integrity(CheckWhen when = CheckWhen::always);

 private:
  Store(Database db, const core::Clock& clock, StoreOptions options);
  core::Result<void> prepare_schema();
  core::Result<void> prepare_for_writing();  // under the writer lock
  // owner.cpp: before_write checks (under the writer lock, before any
  // migration), after_migration records the owner decided then, read checks
  // a read-only store.
  enum class Phase { before_write, after_migration, read };
  core::Result<void> settle_owner(Database& db, Phase phase);
  core::Result<WriterGuard> writer_guard();
  core::Result<void> record_run_end(std::int64_t run_id, const RunSummary& summary);
  core::Result<std::optional<std::int64_t>> find_paper_id(const std::string& id);

  Database m_db;
  const core::Clock* m_clock = nullptr;
  StoreOptions m_options;
  std::string m_path;
  std::unique_ptr<WriterGuard::LockState> m_lock;
  OwnerNote m_owner_note;
  bool m_record_owner = false;
  bool m_opened_clean = false;  // a writer open passed its checks: stamp the file at close
};

}  // namespace scholard::store
