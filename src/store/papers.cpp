// Store::reconcile_papers: make the stored paper list match the config.
//
// A sync reconciles the same list over and over, so the common case is made
// cheap twice over: a digest of the list is kept in meta and an identical
// list is not even compared; a compared row that did not change is not
// rewritten.
#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_set>

#include "core/digest.hpp"
#include "store/detail.hpp"
#include "store/store.hpp"

namespace scholard::store {

using core::ErrorCode;
using core::Result;
using detail::to_unix;

namespace {

struct PaperRow {
  std::int64_t id = 0;
  std::string key;
  std::string arxiv_id;
  std::string doi;
  std::string title;
  int position = 0;
  bool removed = false;
};

// The config's keys (views into `papers`). Error: invalid_input when a key
// is empty or listed twice (the first such entry in list order). Every sync
// checks this, also when the list is unchanged: a hash set of views, no copies.
using KeySet = std::unordered_set<std::string_view>;
Result<KeySet> listed_keys(const std::vector<ConfigPaper>& papers) {
  KeySet keys;
  keys.reserve(papers.size());
  for (const auto& p : papers) {
    if (p.key.empty()) return core::fail(ErrorCode::invalid_input, "a paper has an empty key");
    if (!keys.insert(p.key).second) {
      return core::fail(ErrorCode::invalid_input, "paper '" + p.key + "' is listed twice");
    }
  }
  return keys;
}

// Papers by key, in stored config order.
Result<std::map<std::string, PaperRow>> load_papers(Database& db) {
  auto stmt = db.cached("SELECT id, key, arxiv_id, doi, title, position, removed_at IS NOT NULL FROM papers");
  if (!stmt) return tl::unexpected(stmt.error());
  std::map<std::string, PaperRow> rows;
  for (;;) {
    auto row = stmt->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    PaperRow r{stmt->column_int(0), stmt->column_text(1), stmt->column_text(2), stmt->column_text(3),
               stmt->column_text(4), static_cast<int>(stmt->column_int(5)), stmt->column_int(6) != 0};
    rows.emplace(r.key, std::move(r));
  }
  return rows;
}

// The statements one reconcile pass needs, prepared once.
class Reconciler {
 public:
  Reconciler(Database& db, std::int64_t now) : m_db(db), m_now(now) {}

  Result<void> prepare() {
    auto h = m_db.cached(
        "INSERT INTO history (paper_id, source, at, kind, field, old_value, new_value) "
        "VALUES (?, 'config', ?, ?, ?, ?, ?)");
    auto u = m_db.cached(
        "UPDATE papers SET key = ?, arxiv_id = ?, doi = ?, title = ?, position = ?, removed_at = NULL WHERE id = ?");
    if (!h) return tl::unexpected(h.error());
    if (!u) return tl::unexpected(u.error());
    m_history = std::move(*h);
    m_update = std::move(*u);
    return {};
  }

  Result<void> log(std::int64_t id, HistoryKind kind, std::string_view field = {}, std::string_view old_value = {},
                   std::string_view new_value = {}) {
    m_wrote = true;
    // The texts outlive run(): bound in place (a first sync logs every paper).
    m_history.bind(1, id).bind(2, m_now).bind_unowned(3, to_string(kind)).bind_unowned(4, field);
    return m_history.bind_unowned(5, old_value).bind_unowned(6, new_value).run();
  }

  // Whether any row was written (the outputs may then differ).
  bool wrote() const { return m_wrote; }

  // Brings an existing row in line with the config entry, logging each
  // changed id/title; returns whether anything but the position changed.
  // A row already in line (and listed) is not written.
  Result<bool> update(PaperRow& row, const ConfigPaper& p, bool restored) {
    if (!restored && row.key == p.key && row.arxiv_id == p.arxiv_id && row.doi == p.doi && row.title == p.title &&
        row.position == p.position) {
      return false;
    }
    m_wrote = true;
    bool changed = false;
    const std::pair<std::string_view, std::pair<std::string*, const std::string*>> diffs[] = {
        {"key", {&row.key, &p.key}},
        {"arxiv_id", {&row.arxiv_id, &p.arxiv_id}},
        {"doi", {&row.doi, &p.doi}},
        {"title", {&row.title, &p.title}},
    };
    for (const auto& [field, values] : diffs) {
      if (*values.first == *values.second) continue;
      if (auto ok = log(row.id, HistoryKind::changed, field, *values.first, *values.second); !ok) {
        return tl::unexpected(ok.error());
      }
      *values.first = *values.second;
      changed = true;
    }
    row.position = p.position;
    auto ok = m_update.bind_all(p.key, p.arxiv_id, p.doi, p.title, p.position, row.id).run();
    if (!ok) return tl::unexpected(ok.error());
    return changed;
  }

  Result<std::int64_t> insert(const ConfigPaper& p) {
    m_wrote = true;
    if (!m_insert_ready) {
      auto stmt = m_db.cached(
          "INSERT INTO papers (key, arxiv_id, doi, title, position, added_at) VALUES (?, ?, ?, ?, ?, ?)");
      if (!stmt) return tl::unexpected(stmt.error());
      m_insert = std::move(*stmt);
      m_insert_ready = true;
    }
    m_insert.bind_unowned(1, p.key).bind_unowned(2, p.arxiv_id).bind_unowned(3, p.doi).bind_unowned(4, p.title);
    if (auto ok = m_insert.bind(5, p.position).bind(6, m_now).run(); !ok) {
      return tl::unexpected(ok.error());
    }
    std::int64_t id = m_db.last_insert_rowid();
    if (auto ok = log(id, HistoryKind::added); !ok) return tl::unexpected(ok.error());
    return id;
  }

  Result<void> mark_removed(const PaperRow& row) {
    m_wrote = true;
    auto stmt = m_db.cached("UPDATE papers SET removed_at = ? WHERE id = ?");
    if (!stmt) return tl::unexpected(stmt.error());
    if (auto ok = stmt->bind_all(m_now, row.id).run(); !ok) return ok;
    return log(row.id, HistoryKind::removed);
  }

 private:
  Database& m_db;
  std::int64_t m_now;
  Statement m_history;
  Statement m_update;
  Statement m_insert;  // taken from the cache at the first insert
  bool m_insert_ready = false;
  bool m_wrote = false;
};

// The stored papers not listed under their own key, by arXiv id and by DOI,
// each list in key order: where a config entry whose key is new may have
// moved from (the user added or changed an id, so the key changed). Built
// once per reconcile; rows that get listed meanwhile are skipped on lookup.
class MovedIndex {
 public:
  MovedIndex(std::map<std::string, PaperRow>& rows, const KeySet& listed) : m_listed(listed) {
    for (auto& [key, row] : rows) {
      if (listed.count(key)) continue;
      if (!row.arxiv_id.empty()) m_by_arxiv[row.arxiv_id].push_back(&row);
      if (!row.doi.empty()) m_by_doi[row.doi].push_back(&row);
    }
  }

  // The first unlisted row, in key order, sharing `p`'s arXiv id or DOI; nullptr when none.
  PaperRow* find(const ConfigPaper& p) const {
    PaperRow* by_arxiv = p.arxiv_id.empty() ? nullptr : first_unlisted(m_by_arxiv, p.arxiv_id);
    PaperRow* by_doi = p.doi.empty() ? nullptr : first_unlisted(m_by_doi, p.doi);
    if (!by_arxiv || !by_doi) return by_arxiv ? by_arxiv : by_doi;
    return by_arxiv->key < by_doi->key ? by_arxiv : by_doi;
  }

 private:
  using Index = std::map<std::string, std::vector<PaperRow*>, std::less<>>;

  PaperRow* first_unlisted(const Index& index, const std::string& id) const {
    auto it = index.find(id);
    if (it == index.end()) return nullptr;
    for (PaperRow* row : it->second) {
      if (!m_listed.count(row->key)) return row;  // a moved row now carries a listed key
    }
    return nullptr;
  }

  const KeySet& m_listed;
  Index m_by_arxiv;
  Index m_by_doi;
};

// What reconcile_papers remembers of the list it last made the store match:
// key, ids, title and position of every entry, in order.
std::string list_digest(const std::vector<ConfigPaper>& papers) {
  std::string text;
  for (const auto& p : papers) {
    for (const std::string* field : {&p.key, &p.arxiv_id, &p.doi, &p.title}) {
      text += *field;
      text += '\x1f';
    }
    text += std::to_string(p.position);
    text += '\n';
  }
  return std::to_string(papers.size()) + ":" + core::content_digest(text);
}

constexpr const char* k_list_digest_key = "reconciled_list";

}  // namespace

Result<ReconcileReport> Store::reconcile_papers(const std::vector<ConfigPaper>& papers) {
  const auto listed = listed_keys(papers);
  if (!listed) return tl::unexpected(listed.error());
  auto guard = writer_guard();
  if (!guard) return tl::unexpected(guard.error());
  const std::string digest = list_digest(papers);
  auto last = get_meta(k_list_digest_key);
  if (!last) return tl::unexpected(last.error());
  if (*last == digest) return ReconcileReport{};  // only reconcile_papers writes papers, in one transaction
  auto tx = Transaction::begin(m_db, TxKind::immediate);
  if (!tx) return tl::unexpected(tx.error());
  auto rows = load_papers(m_db);
  if (!rows) return tl::unexpected(rows.error());
  Reconciler rec(m_db, to_unix(m_clock->now()));
  if (auto ok = rec.prepare(); !ok) return tl::unexpected(ok.error());

  const MovedIndex moved(*rows, *listed);
  ReconcileReport report;
  for (const auto& p : papers) {
    auto it = rows->find(p.key);
    PaperRow* row = it != rows->end() ? &it->second : moved.find(p);
    if (!row) {
      auto id = rec.insert(p);
      if (!id) return tl::unexpected(id.error());
      rows->emplace(p.key, PaperRow{*id, p.key, p.arxiv_id, p.doi, p.title, p.position, false});
      report.added.push_back(p.key);
      continue;
    }
    const bool restored = row->removed;
    if (restored) {
      if (auto ok = rec.log(row->id, HistoryKind::restored); !ok) return tl::unexpected(ok.error());
      row->removed = false;
      report.restored.push_back(p.key);
    }
    std::string old_key = row->key;
    auto changed = rec.update(*row, p, restored);
    if (!changed) return tl::unexpected(changed.error());
    if (*changed) report.changed.push_back(p.key);
    if (old_key != p.key) {  // re-keyed: move the map entry; the node (and `moved`'s pointer) stays put
      auto node = rows->extract(old_key);
      node.key() = p.key;
      rows->insert(std::move(node));
    }
  }
  std::vector<const PaperRow*> gone;
  for (const auto& [key, row] : *rows) {
    if (!row.removed && !listed->count(key)) gone.push_back(&row);
  }
  std::sort(gone.begin(), gone.end(), [](auto* a, auto* b) { return a->position < b->position; });
  for (const PaperRow* row : gone) {
    if (auto ok = rec.mark_removed(*row); !ok) return tl::unexpected(ok.error());
    report.removed.push_back(row->key);
  }
  if (rec.wrote()) {
    if (auto ok = detail::bump_generation(m_db); !ok) return tl::unexpected(ok.error());
  }
  if (auto ok = set_meta(k_list_digest_key, digest); !ok) return tl::unexpected(ok.error());
  if (auto ok = tx->commit(); !ok) return tl::unexpected(ok.error());
  return report;
}

}  // namespace scholard::store
