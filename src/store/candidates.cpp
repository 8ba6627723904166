// Store: discovery candidates (schema 3; see candidates.hpp).
#include "store/candidates.hpp"

#include <utility>

#include "core/text.hpp"
#include "store/detail.hpp"
#include "store/store.hpp"

namespace scholard::store {

using core::ErrorCode;
using core::Result;
using detail::from_unix;
using detail::to_unix;

namespace {

constexpr const char* k_columns =
    "key, arxiv_id, doi, title, authors, venue, year, url, found_by, score, band, reasons, state, "
    "first_seen, last_seen, decided_at";

// Lists are kept one item per line; an item's own line breaks become spaces.
std::string join_lines(const std::vector<std::string>& items) {
  std::vector<std::string> clean;
  clean.reserve(items.size());
  for (const auto& item : items) clean.push_back(core::collapse_whitespace(item));
  return core::join(clean, "\n");
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> items;
  if (text.empty()) return items;
  for (auto piece : core::split(text, '\n')) items.emplace_back(piece);
  return items;
}

Candidate read_candidate(const Statement& s) {
  Candidate c;
  c.key = s.column_text(0);
  c.arxiv_id = s.column_text(1);
  c.doi = s.column_text(2);
  c.title = s.column_text(3);
  c.authors = split_lines(s.column_text(4));
  c.venue = s.column_text(5);
  c.year = static_cast<int>(s.column_int(6));
  c.url = s.column_text(7);
  c.found_by = s.column_text(8);
  c.score = static_cast<int>(s.column_int(9));
  c.band = s.column_text(10);
  c.reasons = split_lines(s.column_text(11));
  c.state = parse_candidate_state(s.column_text(12)).value_or(CandidateState::pending);
  c.first_seen = from_unix(s.column_int(13));
  c.last_seen = from_unix(s.column_int(14));
  c.decided_at = from_unix(s.column_opt_int(15));
  return c;
}

// Binds the descriptive columns 2..12 (arxiv_id .. reasons) of `c`.
void bind_fields(Statement& stmt, const Candidate& c) {
  stmt.bind(2, c.arxiv_id).bind(3, c.doi).bind(4, core::collapse_whitespace(c.title)).bind(5, join_lines(c.authors));
  stmt.bind(6, c.venue).bind(7, c.year).bind(8, c.url).bind(9, c.found_by).bind(10, c.score).bind(11, c.band);
  stmt.bind(12, join_lines(c.reasons));
}

Result<std::optional<CandidateState>> state_of(Database& db, const std::string& key) {
  auto stmt = db.cached("SELECT state FROM candidates WHERE key = ?");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, key);
  auto row = stmt->step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<CandidateState>();
  return std::optional<CandidateState>(parse_candidate_state(stmt->column_text(0)).value_or(CandidateState::pending));
}

}  // namespace

std::string_view to_string(CandidateState s) {
  switch (s) {
    case CandidateState::pending: return "pending";
    case CandidateState::accepted: return "accepted";
    case CandidateState::rejected: return "rejected";
  }
  return "pending";
}

Result<CandidateState> parse_candidate_state(std::string_view s) {
  for (auto state : {CandidateState::pending, CandidateState::accepted, CandidateState::rejected}) {
    if (s == to_string(state)) return state;
  }
  return core::fail(ErrorCode::invalid_input, "unknown candidate state '" + std::string(s) + "'");
}

Result<CandidateSave> Store::save_candidates(const std::vector<Candidate>& found) {
  for (const auto& c : found) {
    if (c.key.empty()) return core::fail(ErrorCode::invalid_input, "a discovery candidate without a key");
  }
  auto guard = writer_guard();
  if (!guard) return tl::unexpected(guard.error());
  auto tx = Transaction::begin(m_db, TxKind::immediate);
  if (!tx) return tl::unexpected(tx.error());
  const std::int64_t now = to_unix(m_clock->now());
  auto insert = m_db.cached(std::string("INSERT INTO candidates (") + k_columns +
                             ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'pending', ?13, ?13, NULL)");
  auto refresh = m_db.cached(
      "UPDATE candidates SET arxiv_id = ?2, doi = ?3, title = ?4, authors = ?5, venue = ?6, year = ?7, url = ?8, "
      "found_by = ?9, score = ?10, band = ?11, reasons = ?12, last_seen = ?13 WHERE key = ?1");
  auto touch = m_db.cached("UPDATE candidates SET last_seen = ?2 WHERE key = ?1");
  if (!insert) return tl::unexpected(insert.error());
  if (!refresh) return tl::unexpected(refresh.error());
  if (!touch) return tl::unexpected(touch.error());
  CandidateSave save;
  for (const auto& c : found) {
    auto state = state_of(m_db, c.key);
    if (!state) return tl::unexpected(state.error());
    Statement* stmt = &*touch;
    if (!*state) {
      stmt = &*insert;
      save.added.push_back(c.key);
    } else if (**state == CandidateState::pending) {
      stmt = &*refresh;
      save.updated.push_back(c.key);
    }
    stmt->bind(1, c.key);
    if (stmt == &*touch) {
      stmt->bind(2, now);
    } else {
      bind_fields(*stmt, c);
      stmt->bind(13, now);
    }
    if (auto ok = stmt->run(); !ok) return tl::unexpected(ok.error());
  }
  if (auto ok = tx->commit(); !ok) return tl::unexpected(ok.error());
  return save;
}

Result<std::vector<Candidate>> Store::candidates(std::optional<CandidateState> state) {
  auto stmt = m_db.cached(std::string("SELECT ") + k_columns +
                           " FROM candidates WHERE ?1 IS NULL OR state = ?1 "
                           "ORDER BY score DESC, first_seen DESC, key");
  if (!stmt) return tl::unexpected(stmt.error());
  if (state) stmt->bind(1, to_string(*state));
  else stmt->bind_null(1);
  std::vector<Candidate> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    out.push_back(read_candidate(*stmt));
  }
  return out;
}

Result<std::optional<Candidate>> Store::find_candidate(const std::string& id) {
  auto stmt = m_db.cached(std::string("SELECT ") + k_columns +
                           " FROM candidates WHERE key = ?1 OR (?1 <> '' AND (arxiv_id = ?1 OR doi = ?1)) "
                           "ORDER BY key = ?1 DESC LIMIT 1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, id);
  auto row = stmt->step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<Candidate>();
  return std::optional<Candidate>(read_candidate(*stmt));
}

Result<void> Store::decide_candidate(const Candidate& c, CandidateState state) {
  if (c.key.empty()) return core::fail(ErrorCode::invalid_input, "a discovery candidate without a key");
  auto guard = writer_guard();
  if (!guard) return tl::unexpected(guard.error());
  const std::int64_t now = to_unix(m_clock->now());
  auto stmt = m_db.cached(std::string("INSERT INTO candidates (") + k_columns +
                           ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?14, ?13, ?13, ?13) "
                           "ON CONFLICT (key) DO UPDATE SET state = excluded.state, decided_at = excluded.decided_at");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, c.key);
  bind_fields(*stmt, c);
  stmt->bind(13, now).bind(14, to_string(state));
  return stmt->run();
}

Result<int> Store::drop_pending_candidates(const std::vector<std::string>& keys) {
  if (keys.empty()) return 0;
  auto guard = writer_guard();
  if (!guard) return tl::unexpected(guard.error());
  auto tx = Transaction::begin(m_db, TxKind::immediate);
  if (!tx) return tl::unexpected(tx.error());
  auto stmt = m_db.cached("DELETE FROM candidates WHERE key = ? AND state = 'pending'");
  if (!stmt) return tl::unexpected(stmt.error());
  int dropped = 0;
  for (const auto& key : keys) {
    stmt->bind(1, key);
    if (auto ok = stmt->run(); !ok) return tl::unexpected(ok.error());
    dropped += static_cast<int>(m_db.changes());
  }
  if (auto ok = tx->commit(); !ok) return tl::unexpected(ok.error());
  return dropped;
}

}  // namespace scholard::store
