// Store::write_fetches and the per-paper record / fetch-state reads.
//
// A kept record is one row of `records` (schema 5): its non-empty fields in
// record_codec.hpp's encoding. Change detection compares the encodings, then
// field by field for the history.

#include "store/detail.hpp"
#include "store/record_codec.hpp"
#include "store/store.hpp"

namespace scholard::store {

using core::ErrorCode;
using core::Result;
using detail::from_unix;
using detail::to_unix;

FetchState detail::read_state(const Statement& row, int first) {
  FetchState s;
  auto outcome = parse_stored_outcome(row.column_text(first));
  s.outcome = outcome ? *outcome : StoredOutcome::error;
  s.last_error = row.column_text(first + 1);
  s.has_record = row.column_int(first + 2) != 0;
  s.raw_hash = row.column_text(first + 3);
  s.fetched_at = from_unix(row.column_opt_int(first + 4));
  s.etag = row.column_text(first + 5);
  s.last_modified = row.column_text(first + 6);
  s.last_attempt = from_unix(row.column_opt_int(first + 7));
  s.last_success = from_unix(row.column_opt_int(first + 8));
  s.failures = static_cast<int>(row.column_int(first + 9));
  s.next_due = from_unix(row.column_opt_int(first + 10));
  return s;
}

namespace {

std::string default_error(StoredOutcome o) {
  switch (o) {
    case StoredOutcome::not_found: return "not found";
    case StoredOutcome::invalid: return "invalid response";
    default: return "fetch failed";
  }
}

// The state after result `r` at time `now`. Validators belong to the kept
// record: a new record replaces them, a 304 may refresh them, a failure keeps them.
FetchState next_state(FetchState s, const FetchResult& r, core::SysTime now) {
  s.outcome = r.outcome;
  s.last_attempt = now;
  s.next_due = r.next_due;
  if (is_failure(r.outcome)) {
    ++s.failures;
    s.last_error = r.error.empty() ? default_error(r.outcome) : r.error;
    return s;
  }
  s.failures = 0;
  s.last_error.clear();
  s.last_success = now;
  if (r.outcome == StoredOutcome::ok) {
    s.has_record = true;
    s.raw_hash = r.raw_hash;
    s.fetched_at = now;
    s.etag = r.etag;
    s.last_modified = r.last_modified;
  } else {
    if (!r.etag.empty()) s.etag = r.etag;
    if (!r.last_modified.empty()) s.last_modified = r.last_modified;
  }
  return s;
}

Result<void> validate(const FetchResult& r) {
  // The store keeps any source the registry names, but only a name: a typo
  // or an empty name would otherwise become a source nobody fetches.
  if (!core::is_source_name(r.source)) {
    return core::fail(ErrorCode::invalid_input,
                      "fetch result for '" + r.paper_key + "' names '" + r.source + "', which is not a source name");
  }
  if (r.outcome == StoredOutcome::never) {
    return core::fail(ErrorCode::invalid_input, "fetch result for '" + r.paper_key + "' has outcome 'never'");
  }
  if (r.outcome != StoredOutcome::ok) return {};
  if (!r.record) return core::fail(ErrorCode::invalid_input, "fetch result for '" + r.paper_key + "' is ok without a record");
  if (r.record->source != r.source) {
    return core::fail(ErrorCode::invalid_input, "fetch result for '" + r.paper_key + "' carries a record of another source");
  }
  return {};
}

// The statements one batch needs, taken from the connection's cache once per
// batch. A record costs four statements: one read (paper id, fetch state and
// the kept record's fields together), the state's upsert, the record's upsert
// when its fields changed, and a history row.
class BatchWriter {
 public:
  BatchWriter(Database& db, core::SysTime now) : m_db(db), m_now(now) {}

  Result<void> prepare() {
    const std::pair<Statement*, std::string> sql[] = {
        {&m_load, std::string("SELECT p.id, s.") + k_state_columns_s +
                      ", r.fields FROM papers p "
                      "LEFT JOIN sources s ON s.paper_id = p.id AND s.source = ?2 "
                      "LEFT JOIN records r ON r.paper_id = p.id AND r.source = ?2 WHERE p.key = ?1"},
        {&m_save,
         "INSERT INTO sources (paper_id, source, outcome, last_error, has_record, raw_hash, fetched_at, etag, "
         "last_modified, last_attempt, last_success, failures, next_due, record_doi) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, coalesce(?14, '')) "
         "ON CONFLICT (paper_id, source) DO UPDATE SET outcome = excluded.outcome, last_error = excluded.last_error, "
         "has_record = excluded.has_record, raw_hash = excluded.raw_hash, fetched_at = excluded.fetched_at, "
         "etag = excluded.etag, last_modified = excluded.last_modified, last_attempt = excluded.last_attempt, "
         "last_success = excluded.last_success, failures = excluded.failures, next_due = excluded.next_due, "
         "record_doi = coalesce(?14, record_doi)"},
        {&m_put, "INSERT INTO records (paper_id, source, fields) VALUES (?, ?, ?) "
                 "ON CONFLICT (paper_id, source) DO UPDATE SET fields = excluded.fields"},
        {&m_history, "INSERT INTO history (paper_id, source, at, kind, field, old_value, new_value) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)"},
    };
    for (const auto& [stmt, text] : sql) {
      auto s = m_db.cached(text);
      if (!s) return tl::unexpected(s.error());
      *stmt = std::move(*s);
    }
    return {};
  }

  Result<std::optional<RecordChange>> write(const FetchResult& r) {
    if (auto ok = validate(r); !ok) return tl::unexpected(ok.error());
    if (auto ok = load(r.paper_key, r.source); !ok) return tl::unexpected(ok.error());
    FetchState after = next_state(m_before, r, m_now);
    std::optional<std::string_view> doi;
    if (r.outcome == StoredOutcome::ok) doi = r.record->doi;
    if (auto ok = save_state(r.source, after, doi); !ok) return tl::unexpected(ok.error());
    if (r.outcome != StoredOutcome::ok) return std::optional<RecordChange>();
    return apply_record(r, !m_before.has_record);
  }

 private:
  // The k_state_columns, each prefixed for the join above.
  static constexpr const char* k_state_columns_s =
      "outcome, s.last_error, s.has_record, s.raw_hash, s.fetched_at, s.etag, s.last_modified, "
      "s.last_attempt, s.last_success, s.failures, s.next_due";

  // Sets m_id, m_before and m_old_fields for `key`'s `source`.
  Result<void> load(const std::string& key, const std::string& source) {
    m_load.reset();
    m_load.bind_unowned(1, key).bind_unowned(2, source);
    auto row = m_load.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return core::fail(ErrorCode::invalid_input, "fetch result for unknown paper '" + key + "'");
    m_id = m_load.column_int(0);
    // `outcome` is NOT NULL in a sources row: NULL means there is none yet.
    m_before = m_load.column_is_null(1) ? FetchState{} : detail::read_state(m_load, 1);
    m_old_fields.assign(m_load.column_blob(12));
    m_load.reset();  // a statement left mid-result holds a read lock that stalls WAL checkpoints
    return {};
  }

  Result<void> save_state(const std::string& source, const FetchState& s, std::optional<std::string_view> doi) {
    // Every text bound here outlives run(): bound in place, not copied.
    m_save.bind(1, m_id).bind_unowned(2, source).bind_unowned(3, to_string(s.outcome));
    m_save.bind_unowned(4, s.last_error).bind(5, s.has_record ? 1 : 0).bind_unowned(6, s.raw_hash);
    m_save.bind(7, to_unix(s.fetched_at)).bind_unowned(8, s.etag).bind_unowned(9, s.last_modified);
    m_save.bind(10, to_unix(s.last_attempt)).bind(11, to_unix(s.last_success)).bind(12, s.failures);
    m_save.bind(13, to_unix(s.next_due));
    if (doi) m_save.bind_unowned(14, *doi);
    else m_save.bind_null(14);
    return m_save.run();
  }

  Result<void> log(const std::string& source, HistoryKind kind, std::string_view field, std::string_view old_value,
                   std::string_view new_value) {
    m_history.bind(1, m_id).bind_unowned(2, source).bind(3, to_unix(m_now));
    m_history.bind_unowned(4, to_string(kind)).bind_unowned(5, field).bind_unowned(6, old_value);
    return m_history.bind_unowned(7, new_value).run();
  }

  Result<std::optional<RecordChange>> apply_record(const FetchResult& r, bool first_seen) {
    m_new_fields.clear();
    append_record(*r.record, m_new_fields);
    RecordChange change{r.paper_key, r.source, first_seen, {}, {}};
    if (m_new_fields != m_old_fields) {
      m_put.bind(1, m_id).bind_unowned(2, r.source).bind_unowned_blob(3, m_new_fields);
      if (auto ok = m_put.run(); !ok) {
        return tl::unexpected(ok.error());
      }
      if (!first_seen) {
        // A damaged stored record is replaced, each field logged as changed
        // from "": failing here would fail every later sync of the paper.
        auto old = decode_fields(m_old_fields);
        if (!old) old = std::vector<core::Field>();
        static const std::string k_empty;
        for (const auto& f : core::record_fields(*r.record)) {
          const std::string* before = &k_empty;
          for (const auto& o : *old) {
            if (o.name == f.name) before = &o.value;
          }
          if (*before == f.value) continue;
          if (auto logged = log(r.source, HistoryKind::changed, f.name, *before, f.value); !logged) {
            return tl::unexpected(logged.error());
          }
          change.fields.push_back(f.name);
          change.old_values.push_back(*before);
        }
      }
    }
    if (first_seen) {
      if (auto ok = log(r.source, HistoryKind::first_seen, "", "", r.record->title); !ok) {
        return tl::unexpected(ok.error());
      }
    }
    if (!first_seen && change.fields.empty()) return std::optional<RecordChange>();
    return std::optional<RecordChange>(std::move(change));
  }

  Database& m_db;
  core::SysTime m_now;
  Statement m_load, m_save, m_put, m_history;
  // The record being written: its paper, state before, and stored fields
  // before and after (buffers reused across the batch).
  std::int64_t m_id = 0;
  FetchState m_before;
  std::string m_old_fields, m_new_fields;
};

}  // namespace

Result<std::vector<RecordChange>> Store::write_fetches(const std::vector<FetchResult>& batch) {
  auto guard = writer_guard();
  if (!guard) return tl::unexpected(guard.error());
  auto tx = Transaction::begin(m_db, TxKind::immediate);
  if (!tx) return tl::unexpected(tx.error());
  BatchWriter writer(m_db, m_clock->now());
  if (auto ok = writer.prepare(); !ok) return tl::unexpected(ok.error());
  std::vector<RecordChange> changes;
  for (const auto& r : batch) {
    auto change = writer.write(r);
    if (!change) return tl::unexpected(change.error());  // tx rolls the batch back
    if (*change) changes.push_back(std::move(**change));
  }
  if (!changes.empty()) {
    if (auto ok = detail::bump_generation(m_db); !ok) return tl::unexpected(ok.error());
  }
  if (auto ok = tx->commit(); !ok) return tl::unexpected(ok.error());
  return changes;
}

Result<std::unordered_map<std::string, PaperDueStates>> Store::fetch_overview() {
  // record_doi is the kept record's DOI, written with it (schema 5).
  auto stmt = m_db.cached(
      "SELECT p.key, s.source, s.failures, s.last_success, s.next_due, s.etag, s.last_modified, "
      "CASE WHEN s.has_record THEN s.record_doi ELSE '' END "
      "FROM sources s JOIN papers p ON p.id = s.paper_id WHERE p.removed_at IS NULL");
  if (!stmt) return tl::unexpected(stmt.error());
  std::unordered_map<std::string, PaperDueStates> out;
  if (auto listed = m_db.cached("SELECT count(*) FROM papers WHERE removed_at IS NULL")) {
    if (auto row = listed->step(); row && *row) out.reserve(static_cast<std::size_t>(listed->column_int(0)));
  }
  // The source whose record gave a paper's record_doi: rows come in table
  // order, the DOI kept is the first in source-name order. (Map values keep
  // their address as the map grows.)
  std::unordered_map<const PaperDueStates*, std::string> doi_from;
  for (;;) {
    auto row = stmt->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    PaperDueStates& paper = out[stmt->column_text(0)];
    std::string source = stmt->column_text(1);
    std::string doi = stmt->column_text(7);
    if (!doi.empty()) {
      auto [from, first] = doi_from.try_emplace(&paper, source);
      if (first || source < from->second) {
        from->second = source;
        paper.record_doi = std::move(doi);
      }
    }
    paper.by_source.insert_or_assign(
        std::move(source), DueState{static_cast<int>(stmt->column_int(2)), from_unix(stmt->column_opt_int(3)),
                                    from_unix(stmt->column_opt_int(4)), stmt->column_text(5), stmt->column_text(6)});
  }
  return out;
}

Result<std::optional<FetchState>> Store::fetch_state(const std::string& paper_key, std::string_view source) {
  auto stmt = m_db.cached(std::string("SELECT ") + detail::k_state_columns +
                           " FROM sources WHERE source = ? AND paper_id = (SELECT id FROM papers WHERE key = ?)");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(source, paper_key);
  auto row = stmt->step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<FetchState>();
  return std::optional<FetchState>(detail::read_state(*stmt, 0));
}

Result<std::optional<core::Record>> Store::record(const std::string& paper_key, std::string_view source) {
  auto snapshot = Transaction::begin(m_db, TxKind::deferred);  // state and fields from one snapshot
  if (!snapshot) return tl::unexpected(snapshot.error());
  auto state = fetch_state(paper_key, source);
  if (!state) return tl::unexpected(state.error());
  if (!*state || !(*state)->has_record) return std::optional<core::Record>();
  auto stmt = m_db.cached(
      "SELECT fields FROM records WHERE source = ? AND paper_id = (SELECT id FROM papers WHERE key = ?)");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(source, paper_key);
  auto row = stmt->step();
  if (!row) return tl::unexpected(row.error());
  auto rec = decode_record(source, *row ? stmt->column_blob(0) : std::string_view());
  if (!rec) return core::fail(ErrorCode::io, "stored record of '" + paper_key + "' is damaged: " + rec.error().message);
  return std::optional<core::Record>(std::move(*rec));
}

}  // namespace scholard::store

namespace scholard::store {

Result<void> Store::log_history(const std::vector<HistoryEntry>& entries) {
  if (entries.empty()) return {};
  auto guard = writer_guard();
  if (!guard) return tl::unexpected(guard.error());
  auto tx = Transaction::begin(m_db, TxKind::immediate);
  if (!tx) return tl::unexpected(tx.error());
  auto insert = m_db.cached(
      "INSERT INTO history (paper_id, source, at, kind, field, old_value, new_value) "
      "SELECT id, ?2, ?3, ?4, ?5, ?6, ?7 FROM papers WHERE key = ?1");
  if (!insert) return tl::unexpected(insert.error());
  const auto at = to_unix(m_clock->now());
  for (const auto& e : entries) {
    insert->bind_all(e.paper_key, e.source, at, std::string(to_string(e.kind)), e.field, e.old_value, e.new_value);
    if (auto ok = insert->run(); !ok) return tl::unexpected(ok.error());
    if (m_db.changes() == 0) {
      return core::fail(ErrorCode::invalid_input, "history entry for unknown paper '" + e.paper_key + "'");
    }
  }
  return tx->commit();
}

}  // namespace scholard::store
