// Checks a database written by store_crash_writer: integrity, and that every
// committed batch is complete (all N papers or none). Tests only.
#pragma once

#include <charconv>
#include <map>
#include <set>
#include <string>

#include "store/migrations.hpp"
#include "store/record_codec.hpp"
#include "store/sqlite.hpp"

namespace scholard::store::testing {

struct BatchCheck {
  std::string problem;                   // empty when everything holds
  std::map<std::string, long> last;      // per tag: the newest complete batch
  std::map<std::string, long> batches;   // per tag: how many batches are committed
  std::string current_title;             // the title every paper carries now
};

inline std::string checker_tag_and_batch(const std::string& title, std::string& tag, long& batch) {
  auto pos = title.rfind(" batch ");
  if (pos == std::string::npos) return "unexpected title '" + title + "'";
  tag = title.substr(0, pos);
  std::string num = title.substr(pos + 7);
  auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), batch);
  if (ec != std::errc() || p != num.data() + num.size()) return "bad batch number in '" + title + "'";
  return {};
}

// `n` papers per batch. Batch numbers of a tag must be 1..last without gaps.
inline BatchCheck check_batches(const std::string& path, int n) {
  BatchCheck c;
  auto db = Database::open(path, OpenMode::read_write_create);  // read-write: lets sqlite recover the WAL
  if (!db) return {db.error().message, {}, {}, {}};
  auto ic = db->prepare("PRAGMA integrity_check");
  if (!ic || !ic->step().value_or(false) || ic->column_text(0) != "ok") return {"integrity_check failed", {}, {}, {}};
  auto version = schema_version(*db);
  if (!version || *version < k_schema_version) return c;  // killed before the schema was complete
  auto papers = db->query_int("SELECT count(*) FROM papers");
  if (!papers || (*papers != 0 && *papers != n)) return {"half a reconcile: " + std::to_string(*papers), {}, {}, {}};
  // Every paper's current title is the same batch.
  auto records = db->prepare("SELECT fields FROM records");
  std::map<std::string, long> titles;
  while (records && records->step().value_or(false)) {
    auto fields = decode_fields(records->column_blob(0));
    if (!fields) return {fields.error().message, {}, {}, {}};
    for (const auto& f : *fields) {
      if (f.name == "title") ++titles[f.value];
    }
  }
  int distinct = 0;
  for (const auto& [title, count] : titles) {
    ++distinct;
    c.current_title = title;
    if (count != n) return {"title '" + title + "' on " + std::to_string(count) + " papers", {}, {}, {}};
  }
  if (distinct > 1) return {"papers carry titles of different batches", {}, {}, {}};
  // Every batch left exactly n history entries (first_seen or a title change).
  auto hist = db->prepare(
      "SELECT new_value, count(*) FROM history WHERE source = 'arxiv' AND (kind = 'first_seen' OR field = 'title') "
      "GROUP BY new_value");
  std::map<std::string, std::set<long>> seen;
  while (hist && hist->step().value_or(false)) {
    std::string tag;
    long batch = 0;
    if (auto err = checker_tag_and_batch(hist->column_text(0), tag, batch); !err.empty()) return {err, {}, {}, {}};
    if (hist->column_int(1) != n) {
      return {"batch '" + hist->column_text(0) + "' has " + std::to_string(hist->column_int(1)) + " history rows", {}, {}, {}};
    }
    seen[tag].insert(batch);
  }
  for (const auto& [tag, set] : seen) {
    if (*set.begin() != 1 || *set.rbegin() != static_cast<long>(set.size())) {
      return {"batches of '" + tag + "' have gaps", {}, {}, {}};
    }
    c.last[tag] = *set.rbegin();
    c.batches[tag] = static_cast<long>(set.size());
  }
  return c;
}

}  // namespace scholard::store::testing
