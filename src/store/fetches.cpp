// Store::write_fetches and the per-paper record / fetch-state reads.
//
// Records are kept as one row per non-empty field (table `fields`); an absent
// row means "". That makes change detection and history per field, and keeps
// the file small (most of a record's 27 fields are empty).
#include <map>

#include "store/detail.hpp"
#include "store/store.hpp"

namespace scholard::store {

using core::ErrorCode;
using core::Result;
using detail::from_unix;
using detail::to_unix;

FetchState detail::read_state(const Statement& row, int first) {
  FetchState s;
  auto outcome = parse_fetch_outcome(row.column_text(first));
  s.outcome = outcome ? *outcome : FetchOutcome::error;
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

std::string default_error(FetchOutcome o) {
  switch (o) {
    case FetchOutcome::not_found: return "not found";
    case FetchOutcome::invalid: return "invalid response";
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
  if (r.outcome == FetchOutcome::ok) {
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
  if (r.outcome == FetchOutcome::never) {
    return core::fail(ErrorCode::invalid_input, "fetch result for '" + r.paper_key + "' has outcome 'never'");
  }
  if (r.outcome != FetchOutcome::ok) return {};
  if (!r.record) return core::fail(ErrorCode::invalid_input, "fetch result for '" + r.paper_key + "' is ok without a record");
  if (r.record->source != r.source) {
    return core::fail(ErrorCode::invalid_input, "fetch result for '" + r.paper_key + "' carries a record of another source");
  }
  return {};
}

// The statements one batch needs, prepared once per batch.
class BatchWriter {
 public:
  BatchWriter(Database& db, core::SysTime now) : m_db(db), m_now(now) {}

  Result<void> prepare() {
    const std::pair<Statement*, std::string> sql[] = {
        {&m_find, "SELECT id FROM papers WHERE key = ?"},
        {&m_state, std::string("SELECT ") + detail::k_state_columns + " FROM sources WHERE paper_id = ? AND source = ?"},
        {&m_save,
         "INSERT INTO sources (paper_id, source, outcome, last_error, has_record, raw_hash, fetched_at, etag, "
         "last_modified, last_attempt, last_success, failures, next_due) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
         "ON CONFLICT (paper_id, source) DO UPDATE SET outcome = excluded.outcome, last_error = excluded.last_error, "
         "has_record = excluded.has_record, raw_hash = excluded.raw_hash, fetched_at = excluded.fetched_at, "
         "etag = excluded.etag, last_modified = excluded.last_modified, last_attempt = excluded.last_attempt, "
         "last_success = excluded.last_success, failures = excluded.failures, next_due = excluded.next_due"},
        {&m_fields, "SELECT name, value FROM fields WHERE paper_id = ? AND source = ?"},
        {&m_put, "INSERT INTO fields (paper_id, source, name, value) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (paper_id, source, name) DO UPDATE SET value = excluded.value"},
        {&m_drop, "DELETE FROM fields WHERE paper_id = ? AND source = ? AND name = ?"},
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
    auto id = paper_id(r.paper_key);
    if (!id) return tl::unexpected(id.error());
    auto before = load_state(*id, r.source);
    if (!before) return tl::unexpected(before.error());
    FetchState after = next_state(*before, r, m_now);
    if (auto ok = save_state(*id, r.source, after); !ok) return tl::unexpected(ok.error());
    if (r.outcome != FetchOutcome::ok) return std::optional<RecordChange>();
    return apply_record(*id, r, !before->has_record);
  }

 private:
  Result<std::int64_t> paper_id(const std::string& key) {
    m_find.reset();
    m_find.bind(1, key);
    auto row = m_find.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return core::fail(ErrorCode::invalid_input, "fetch result for unknown paper '" + key + "'");
    std::int64_t id = m_find.column_int(0);
    m_find.reset();  // a statement left mid-result holds a read lock that stalls WAL checkpoints
    return id;
  }

  Result<FetchState> load_state(std::int64_t id, core::SourceKind source) {
    m_state.reset();
    m_state.bind_all(id, core::to_string(source));
    auto row = m_state.step();
    if (!row) return tl::unexpected(row.error());
    FetchState state = *row ? detail::read_state(m_state, 0) : FetchState{};
    m_state.reset();
    return state;
  }

  Result<void> save_state(std::int64_t id, core::SourceKind source, const FetchState& s) {
    return m_save
        .bind_all(id, core::to_string(source), to_string(s.outcome), s.last_error, s.has_record ? 1 : 0,
                  s.raw_hash, to_unix(s.fetched_at), s.etag, s.last_modified, to_unix(s.last_attempt),
                  to_unix(s.last_success), s.failures, to_unix(s.next_due))
        .run();
  }

  Result<std::map<std::string, std::string>> load_fields(std::int64_t id, core::SourceKind source) {
    m_fields.reset();
    m_fields.bind_all(id, core::to_string(source));
    std::map<std::string, std::string> out;
    for (;;) {
      auto row = m_fields.step();
      if (!row) return tl::unexpected(row.error());
      if (!*row) break;
      out.emplace(m_fields.column_text(0), m_fields.column_text(1));
    }
    return out;
  }

  Result<void> log(std::int64_t id, core::SourceKind source, HistoryKind kind, std::string_view field,
                   std::string_view old_value, std::string_view new_value) {
    return m_history
        .bind_all(id, core::to_string(source), to_unix(m_now), to_string(kind), field, old_value, new_value)
        .run();
  }

  Result<std::optional<RecordChange>> apply_record(std::int64_t id, const FetchResult& r, bool first_seen) {
    auto old = load_fields(id, r.source);
    if (!old) return tl::unexpected(old.error());
    RecordChange change{r.paper_key, r.source, first_seen, {}};
    static const std::string k_empty;
    for (const auto& f : core::record_fields(*r.record)) {
      auto it = old->find(f.name);
      const std::string& before = it == old->end() ? k_empty : it->second;
      if (before == f.value) continue;
      auto ok = f.value.empty() ? m_drop.bind_all(id, core::to_string(r.source), f.name).run()
                                : m_put.bind_all(id, core::to_string(r.source), f.name, f.value).run();
      if (!ok) return tl::unexpected(ok.error());
      if (first_seen) continue;
      if (auto logged = log(id, r.source, HistoryKind::changed, f.name, before, f.value); !logged) {
        return tl::unexpected(logged.error());
      }
      change.fields.push_back(f.name);
    }
    if (first_seen) {
      if (auto ok = log(id, r.source, HistoryKind::first_seen, "", "", r.record->title); !ok) {
        return tl::unexpected(ok.error());
      }
    }
    if (!first_seen && change.fields.empty()) return std::optional<RecordChange>();
    return std::optional<RecordChange>(std::move(change));
  }

  Database& m_db;
  core::SysTime m_now;
  Statement m_find, m_state, m_save, m_fields, m_put, m_drop, m_history;
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
  // The DOI field exists only beside a kept record (fields are written with
  // it). The small partial index (schema 4) answers without the table row;
  // left to itself sqlite prefers the primary key and reads the row.
  auto stmt = m_db.cached(
      "SELECT p.key, s.source = 'crossref', s.failures, s.last_success, s.next_due, "
      "CASE WHEN s.source = 'arxiv' AND s.has_record THEN (SELECT value FROM fields f INDEXED BY fields_arxiv_doi "
      "WHERE f.paper_id = s.paper_id AND f.source = 'arxiv' AND f.name = 'doi') END "
      "FROM sources s JOIN papers p ON p.id = s.paper_id WHERE p.removed_at IS NULL");
  if (!stmt) return tl::unexpected(stmt.error());
  std::unordered_map<std::string, PaperDueStates> out;
  if (auto listed = m_db.cached("SELECT count(*) FROM papers WHERE removed_at IS NULL")) {
    if (auto row = listed->step(); row && *row) out.reserve(static_cast<std::size_t>(listed->column_int(0)));
  }
  for (;;) {
    auto row = stmt->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    PaperDueStates& paper = out[stmt->column_text(0)];
    DueState state{static_cast<int>(stmt->column_int(2)), from_unix(stmt->column_opt_int(3)),
                   from_unix(stmt->column_opt_int(4))};
    if (stmt->column_int(1) != 0) {
      paper.crossref = state;
    } else {
      paper.arxiv = state;
      paper.arxiv_doi = stmt->column_text(5);
    }
  }
  return out;
}

Result<std::optional<FetchState>> Store::fetch_state(const std::string& paper_key, core::SourceKind source) {
  auto stmt = m_db.cached(std::string("SELECT ") + detail::k_state_columns +
                           " FROM sources WHERE source = ? AND paper_id = (SELECT id FROM papers WHERE key = ?)");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(core::to_string(source), paper_key);
  auto row = stmt->step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<FetchState>();
  return std::optional<FetchState>(detail::read_state(*stmt, 0));
}

Result<std::optional<core::Record>> Store::record(const std::string& paper_key, core::SourceKind source) {
  auto snapshot = Transaction::begin(m_db, TxKind::deferred);  // state and fields from one snapshot
  if (!snapshot) return tl::unexpected(snapshot.error());
  auto state = fetch_state(paper_key, source);
  if (!state) return tl::unexpected(state.error());
  if (!*state || !(*state)->has_record) return std::optional<core::Record>();
  auto stmt = m_db.cached(
      "SELECT name, value FROM fields WHERE source = ? AND paper_id = (SELECT id FROM papers WHERE key = ?)");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind_all(core::to_string(source), paper_key);
  std::vector<core::Field> fields;
  for (;;) {
    auto row = stmt->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    fields.push_back({stmt->column_text(0), stmt->column_text(1)});
  }
  auto rec = core::record_from_fields(source, fields);
  if (!rec) return tl::unexpected(rec.error());
  return std::optional<core::Record>(std::move(*rec));
}

}  // namespace scholard::store
