// Read-side queries behind `scholard list / show / history / status` and
// render's "every paper with its records". Each query reads one snapshot (a
// read transaction), so a concurrent writer's batch is seen whole or not at all.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "store/detail.hpp"
#include "store/record_codec.hpp"
#include "store/store.hpp"

namespace scholard::store {

using core::ErrorCode;
using core::Result;
using detail::from_unix;

namespace {

struct PaperRow {
  std::int64_t id = 0;
  std::string key, arxiv_id, doi, title;
  int position = 0;
  std::int64_t added_at = 0;
  std::optional<std::int64_t> removed_at;
};

using StateMap = std::unordered_map<std::int64_t, std::vector<SourceState>>;
// Per paper, per source name (in name order): the fields `list` shows.
using FieldMap = std::unordered_map<std::int64_t, std::map<std::string, std::vector<core::Field>, std::less<>>>;

// Calls `each(stmt)` for every row. Error: whatever stepping gives.
template <typename F>
Result<void> for_each_row(Statement& stmt, F&& each) {
  for (;;) {
    auto row = stmt.step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return {};
    each(stmt);
  }
}

// Listed papers (and removed ones when asked), listed first, in config order.
Result<std::vector<PaperRow>> load_rows(Database& db, bool include_removed, std::optional<std::int64_t> only) {
  auto stmt = db.cached(
      "SELECT id, key, arxiv_id, doi, title, position, added_at, removed_at FROM papers "
      "WHERE (?1 OR removed_at IS NULL) AND (?2 IS NULL OR id = ?2)");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, include_removed ? 1 : 0).bind(2, only);
  std::vector<PaperRow> rows;
  auto ok = for_each_row(*stmt, [&](Statement& s) {
    rows.push_back({s.column_int(0), s.column_text(1), s.column_text(2), s.column_text(3), s.column_text(4),
                    static_cast<int>(s.column_int(5)), s.column_int(6), s.column_opt_int(7)});
  });
  if (!ok) return tl::unexpected(ok.error());
  // ORDER BY removed_at IS NOT NULL, position, id, done here: sqlite's
  // sorter copied and compared whole rows, a tenth of all_papers' time.
  std::sort(rows.begin(), rows.end(), [](const PaperRow& a, const PaperRow& b) {
    const bool a_removed = a.removed_at.has_value();
    const bool b_removed = b.removed_at.has_value();
    if (a_removed != b_removed) return b_removed;
    if (a.position != b.position) return a.position < b.position;
    return a.id < b.id;
  });
  return rows;
}

Result<StateMap> load_states(Database& db, std::optional<std::int64_t> only) {
  auto stmt = db.cached(std::string("SELECT paper_id, source, ") + detail::k_state_columns +
                         " FROM sources WHERE ?1 IS NULL OR paper_id = ?1 ORDER BY paper_id, source");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, only);
  StateMap states;
  auto ok = for_each_row(*stmt, [&](Statement& s) {
    states[s.column_int(0)].push_back({s.column_text(1), detail::read_state(s, 2)});
  });
  if (!ok) return tl::unexpected(ok.error());
  return states;
}

// The error for a stored record that does not decode.
core::Error damaged_record(std::string_view source, const std::string& key, const core::Error& why) {
  return core::Error{ErrorCode::io, "stored " + std::string(source) + " record of '" + key +
                                        "' is damaged: " + why.message};
}

// Calls `each(paper_id, source, key, blob)` for every stored record (of
// paper `only`, if given). Error: whatever stepping gives.
template <typename F>
Result<void> for_each_record(Database& db, std::optional<std::int64_t> only, F&& each) {
  auto stmt = db.cached(
      "SELECT r.paper_id, r.source, r.fields, p.key FROM records r JOIN papers p ON p.id = r.paper_id "
      "WHERE ?1 IS NULL OR r.paper_id = ?1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, only);
  Result<void> inner;
  auto ok = for_each_row(*stmt, [&](Statement& s) {
    if (!inner) return;
    const std::string source = s.column_text(1);
    inner = each(s.column_int(0), source, s.column_blob(2));
    if (!inner) inner = tl::unexpected(damaged_record(source, s.column_text(3), inner.error()));
  });
  if (!ok) return ok;
  return inner;
}

// The fields `scholard list` shows, of every stored record.
Result<FieldMap> load_summary_fields(Database& db) {
  FieldMap fields;
  auto ok = for_each_record(db, std::nullopt, [&](std::int64_t id, const std::string& source, std::string_view blob) {
    auto& list = fields[id][source];
    return for_each_field(blob, [&](std::string_view name, std::string_view value) {
      if (name == "title" || name == "venue" || name == "published" || name == "journal_ref" || name == "type") {
        list.push_back({std::string(name), std::string(value)});
      }
    });
  });
  if (!ok) return tl::unexpected(ok.error());
  return fields;
}

std::string field_value(const std::vector<core::Field>* fields, std::string_view name) {
  if (!fields) return {};
  for (const auto& f : *fields) {
    if (f.name == name) return f.value;
  }
  return {};
}

int year_of(const std::string& date) {
  auto d = core::PartialDate::parse(date);
  return d ? d->year : 0;
}

// A record of a published version: not a preprint server's record
// ("preprint") nor a registered preprint ("posted-content"). Its title,
// year and venue are the ones a list shows first.
bool is_published(const std::vector<core::Field>& fields) {
  const std::string type = field_value(&fields, "type");
  return type != "preprint" && type != "posted-content";
}

PaperSummary summarise(const PaperRow& row, StateMap& states, FieldMap& fields) {
  PaperSummary p{row.key, row.arxiv_id, row.doi, {}, {}, 0, row.position, row.removed_at.has_value(), {}};
  if (auto it = states.find(row.id); it != states.end()) p.sources = std::move(it->second);
  // Published records first, then the others; each group in source-name order.
  std::vector<const std::vector<core::Field>*> ranked;
  if (auto it = fields.find(row.id); it != fields.end()) {
    for (const auto& [source, list] : it->second) {
      if (is_published(list)) ranked.push_back(&list);
    }
    const std::size_t published = ranked.size();
    for (const auto& [source, list] : it->second) {
      if (!is_published(list)) ranked.push_back(&list);
    }
    for (std::size_t i = 0; i < published && p.venue.empty(); ++i) p.venue = field_value(ranked[i], "venue");
  }
  for (const auto* src : ranked) {
    if (p.title.empty()) p.title = field_value(src, "title");
    if (p.year == 0) p.year = year_of(field_value(src, "published"));
    if (p.venue.empty()) p.venue = field_value(src, "journal_ref");
  }
  if (p.title.empty()) p.title = row.title;
  return p;
}

// The key of paper `id`: `paper`'s when listed, else read (only an error
// message needs it); "" when it cannot be read.
std::string key_of(Database& db, const PaperDetail* paper, std::int64_t id) {
  if (paper != nullptr) return paper->key;
  auto stmt = db.cached("SELECT key FROM papers WHERE id = ?1");
  if (!stmt) return {};
  stmt->bind(1, id);
  auto row = stmt->step();
  return row && *row ? stmt->column_text(0) : std::string();
}

// Every source state (of paper `only`, if given) into its paper
// (`paper_of(id)`, null for a paper not asked for), each paper's list in
// source-name order. A kept record gets an empty Record, filled
// by the records scan (a record whose fields are all empty has no row).
template <typename PaperOf>
Result<void> load_states_into(Database& db, std::optional<std::int64_t> only, PaperOf&& paper_of) {
  auto stmt = db.cached(std::string("SELECT paper_id, source, ") + detail::k_state_columns +
                        " FROM sources WHERE ?1 IS NULL OR paper_id = ?1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, only);
  return for_each_row(*stmt, [&](Statement& st) {
    PaperDetail* paper = paper_of(st.column_int(0));
    if (paper == nullptr) return;
    StoredRecord rec{st.column_text(1), detail::read_state(st, 2), std::nullopt};
    if (rec.state.has_record) rec.record.emplace().source = rec.source;
    auto& list = paper->records;
    // One row per (paper, source), a few per paper: placed by name as they come.
    const auto at = std::upper_bound(list.begin(), list.end(), rec.source,
                                     [](const std::string& name, const StoredRecord& r) { return name < r.source; });
    list.insert(at, std::move(rec));
  });
}

// The PaperDetails of `rows`, in their order, with every stored state and
// record (of paper `only`, if given) written straight into its paper's list
// (no maps of states and records to move out of). Two plain table scans,
// `sources` then `records`, each row placed by a sorted id index: a join or
// an ORDER BY made sqlite seek three B-trees per record. Error: stepping,
// or a damaged record (its paper named).
Result<std::vector<PaperDetail>> load_details(Database& db, std::vector<PaperRow>& rows,
                                              std::optional<std::int64_t> only) {
  std::vector<PaperDetail> out;
  out.reserve(rows.size());
  std::vector<std::pair<std::int64_t, std::size_t>> index;  // (paper id, its place in `out`), by id
  index.reserve(rows.size());
  for (auto& row : rows) {
    index.emplace_back(row.id, out.size());
    out.push_back({std::move(row.key), std::move(row.arxiv_id), std::move(row.doi), std::move(row.title),
                   row.position, from_unix(row.added_at), from_unix(row.removed_at), {}});
  }
  std::sort(index.begin(), index.end());
  const auto paper_of = [&](std::int64_t id) -> PaperDetail* {
    const auto at = std::lower_bound(index.begin(), index.end(), std::make_pair(id, std::size_t{0}));
    return at != index.end() && at->first == id ? &out[at->second] : nullptr;
  };
  if (auto ok = load_states_into(db, only, paper_of); !ok) return tl::unexpected(ok.error());
  auto stmt = db.cached("SELECT paper_id, source, fields FROM records WHERE ?1 IS NULL OR paper_id = ?1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, only);
  core::Record unlisted;  // a record not kept (or of a paper not asked for): decoded only to find damage, as before
  Result<void> inner;
  auto ok = for_each_row(*stmt, [&](Statement& st) {
    if (!inner) return;
    const std::int64_t id = st.column_int(0);
    const std::string source = st.column_text(1);  // a short name: no allocation
    PaperDetail* paper = paper_of(id);
    core::Record* into = &unlisted;
    if (paper != nullptr) {
      for (auto& rec : paper->records) {
        if (rec.source == source && rec.record) into = &*rec.record;
      }
    }
    inner = decode_record_into(*into, source, st.column_blob(2));
    if (!inner) inner = tl::unexpected(damaged_record(source, key_of(db, paper, id), inner.error()));
  });
  if (!ok) return tl::unexpected(ok.error());
  if (!inner) return tl::unexpected(inner.error());
  return out;
}

// The newest `limit` runs with their request counts (run_requests, schema 7);
// the caller holds a snapshot.
Result<std::vector<RunInfo>> load_runs(Database& db, std::size_t limit) {
  auto stmt = db.cached(
      "SELECT id, started_at, ended_at, command, not_modified, papers_changed, outputs_written, outcome, message "
      "FROM runs ORDER BY id DESC LIMIT ?");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, static_cast<std::int64_t>(limit));
  std::vector<RunInfo> out;
  auto ok = for_each_row(*stmt, [&](Statement& s) {
    auto outcome = parse_run_outcome(s.column_text(7));
    RunSummary sum;
    sum.not_modified = static_cast<int>(s.column_int(4));
    sum.papers_changed = static_cast<int>(s.column_int(5));
    sum.outputs_written = static_cast<int>(s.column_int(6));
    sum.outcome = outcome ? *outcome : RunOutcome::failed;
    sum.message = s.column_text(8);
    out.push_back({s.column_int(0), from_unix(s.column_int(1)), from_unix(s.column_opt_int(2)), s.column_text(3),
                   std::move(sum)});
  });
  if (!ok) return tl::unexpected(ok.error());
  if (out.empty()) return out;
  // The runs asked for are the newest: their ids are at least the last one's.
  auto requests = db.cached("SELECT run_id, source, requests FROM run_requests WHERE run_id >= ?");
  if (!requests) return tl::unexpected(requests.error());
  requests->bind(1, out.back().id);
  ok = for_each_row(*requests, [&](Statement& s) {
    const std::int64_t id = s.column_int(0);
    for (auto& run : out) {
      if (run.id == id) run.summary.requests[s.column_text(1)] = static_cast<int>(s.column_int(2));
    }
  });
  if (!ok) return tl::unexpected(ok.error());
  return out;
}

}  // namespace

Result<std::optional<std::int64_t>> Store::find_paper_id(const std::string& id) {
  auto stmt = m_db.cached(
      "SELECT id FROM papers WHERE key = ?1 OR (arxiv_id <> '' AND arxiv_id = ?1) OR (doi <> '' AND doi = ?1) "
      "ORDER BY key = ?1 DESC, removed_at IS NOT NULL, position LIMIT 1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, id);
  auto row = stmt->step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(stmt->column_int(0));
}

Result<std::vector<PaperSummary>> Store::list_papers(ListOptions options) {
  auto snapshot = Transaction::begin(m_db, TxKind::deferred);
  if (!snapshot) return tl::unexpected(snapshot.error());
  auto rows = load_rows(m_db, options.include_removed, std::nullopt);
  if (!rows) return tl::unexpected(rows.error());
  auto states = load_states(m_db, std::nullopt);
  if (!states) return tl::unexpected(states.error());
  auto fields = load_summary_fields(m_db);
  if (!fields) return tl::unexpected(fields.error());
  std::vector<PaperSummary> out;
  out.reserve(rows->size());
  for (const auto& row : *rows) out.push_back(summarise(row, *states, *fields));
  return out;
}

Result<std::vector<PaperDetail>> Store::all_papers(ListOptions options) {
  auto snapshot = Transaction::begin(m_db, TxKind::deferred);
  if (!snapshot) return tl::unexpected(snapshot.error());
  auto rows = load_rows(m_db, options.include_removed, std::nullopt);
  if (!rows) return tl::unexpected(rows.error());
  return load_details(m_db, *rows, std::nullopt);
}

Result<std::optional<PaperDetail>> Store::show_paper(const std::string& id) {
  auto snapshot = Transaction::begin(m_db, TxKind::deferred);
  if (!snapshot) return tl::unexpected(snapshot.error());
  auto pid = find_paper_id(id);
  if (!pid) return tl::unexpected(pid.error());
  if (!*pid) return std::optional<PaperDetail>();
  auto rows = load_rows(m_db, true, *pid);
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<PaperDetail>();
  auto details = load_details(m_db, *rows, *pid);
  if (!details) return tl::unexpected(details.error());
  return std::optional<PaperDetail>(std::move(details->front()));
}

Result<std::vector<HistoryEntry>> Store::history(const HistoryQuery& query) {
  auto snapshot = Transaction::begin(m_db, TxKind::deferred);
  if (!snapshot) return tl::unexpected(snapshot.error());
  std::optional<std::int64_t> pid;
  if (query.paper) {
    auto found = find_paper_id(*query.paper);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return core::fail(ErrorCode::not_found, "no paper '" + *query.paper + "' in the store");
    pid = *found;
  }
  auto stmt = m_db.cached(
      "SELECT h.id, p.key, h.source, h.at, h.kind, h.field, h.old_value, h.new_value "
      "FROM history h JOIN papers p ON p.id = h.paper_id WHERE ?1 IS NULL OR h.paper_id = ?1 "
      "ORDER BY h.at DESC, h.id DESC LIMIT ?2");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, pid).bind(2, static_cast<std::int64_t>(query.limit));
  std::vector<HistoryEntry> out;
  auto ok = for_each_row(*stmt, [&](Statement& s) {
    auto kind = parse_history_kind(s.column_text(4));
    out.push_back({s.column_int(0), s.column_text(1), s.column_text(2), from_unix(s.column_int(3)),
                   kind ? *kind : HistoryKind::changed, s.column_text(5), s.column_text(6), s.column_text(7)});
  });
  if (!ok) return tl::unexpected(ok.error());
  return out;
}

Result<std::vector<RunInfo>> Store::recent_runs(std::size_t limit) {
  auto snapshot = Transaction::begin(m_db, TxKind::deferred);  // runs and their request counts together
  if (!snapshot) return tl::unexpected(snapshot.error());
  return load_runs(m_db, limit);
}

Result<StatusReport> Store::status(const StatusQuery& query) {
  auto snapshot = Transaction::begin(m_db, TxKind::deferred);
  if (!snapshot) return tl::unexpected(snapshot.error());
  StatusReport report;
  auto runs = load_runs(m_db, query.runs);
  if (!runs) return tl::unexpected(runs.error());
  report.runs = std::move(*runs);
  // report.due is the caller's: what is due is daemon::plan_pass's one rule.
  auto failing = m_db.cached(
      "SELECT p.key, s.source, s.failures, s.outcome, s.last_error, s.last_attempt FROM sources s "
      "JOIN papers p ON p.id = s.paper_id WHERE s.failures > 0 AND p.removed_at IS NULL "
      "ORDER BY s.failures DESC, p.position, s.source LIMIT ?");
  if (!failing) return tl::unexpected(failing.error());
  failing->bind(1, static_cast<std::int64_t>(query.failing));
  auto ok = for_each_row(*failing, [&](Statement& s) {
    auto outcome = parse_stored_outcome(s.column_text(3));
    report.failing.push_back({s.column_text(0), s.column_text(1), static_cast<int>(s.column_int(2)),
                              outcome ? *outcome : StoredOutcome::error, s.column_text(4),
                              from_unix(s.column_opt_int(5))});
  });
  if (!ok) return tl::unexpected(ok.error());
  if (m_path != ":memory:" && !m_path.empty()) {
    if (auto note = read_failure_note(m_path + ".lock")) {
      report.store_failure = note->message;
      report.store_failure_at = from_unix(note->at);
    }
  }
  return report;
}

}  // namespace scholard::store
