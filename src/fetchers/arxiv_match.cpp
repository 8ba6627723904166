#include "fetchers/arxiv_match.hpp"

#include <algorithm>
#include <numeric>

#include "core/identifier.hpp"

namespace scholard::fetchers {
namespace {

// The indexes of feed.entries sorted by arXiv id, in feed order within an id:
// each request then finds its entries by binary search rather than by a scan
// of the whole feed (a batch of 100 requests against 100 entries).
// (std::ranges is avoided here: the fuzz build's clang 14 cannot compile
// libstdc++ 12's ranges.)
struct IdOrder {
  const ArxivFeed& feed;
  const std::string& id(std::size_t i) const { return feed.entries[i].record.arxiv_id; }
  bool operator()(std::size_t a, std::size_t b) const { return id(a) < id(b); }
  bool operator()(std::size_t a, const std::string& b) const { return id(a) < b; }
  bool operator()(const std::string& a, std::size_t b) const { return a < id(b); }
};

std::vector<std::size_t> entries_by_id(const ArxivFeed& feed) {
  std::vector<std::size_t> order(feed.entries.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), IdOrder{feed});
  return order;
}

// The best entry for one parsed request, or nullptr. Its entries are taken
// in feed order: the first of the version asked for, or the first of the
// highest version.
const ArxivEntry* find_entry(const core::ArxivId& want, const ArxivFeed& feed, const std::vector<std::size_t>& by_id) {
  const auto [first, last] = std::equal_range(by_id.begin(), by_id.end(), want.id, IdOrder{feed});
  const ArxivEntry* best = nullptr;
  for (auto it = first; it != last; ++it) {
    const ArxivEntry& e = feed.entries[*it];
    if (want.version > 0) {
      if (e.record.arxiv_version == want.version) return &e;
      continue;
    }
    if (!best || e.record.arxiv_version > best->record.arxiv_version) best = &e;
  }
  return best;
}

std::string quoted(const std::string& s) { return s.empty() ? s : "\"" + s + "\""; }

void describe_text_change(std::vector<std::string>& out, const std::string& what, const std::string& before,
                          const std::string& after) {
  if (before.empty()) out.push_back(what + " added: " + after);
  else if (after.empty()) out.push_back(what + " removed (was " + before + ")");
  else out.push_back(what + " changed: " + before + " -> " + after);
}

void describe_updates(std::vector<std::string>& out, const core::Record& before, const core::Record& after) {
  for (const core::UpdateNotice& u : after.updates) {
    if (std::find(before.updates.begin(), before.updates.end(), u) != before.updates.end()) continue;
    std::string line = "new " + u.type + " notice";
    if (!u.doi.empty()) line += ": " + u.doi;
    if (!u.date.empty()) line += " (" + u.date.iso() + ")";
    out.push_back(std::move(line));
  }
}

constexpr std::size_t k_no_entry = static_cast<std::size_t>(-1);

// Every request's match without its entry; `index[i]` is the index in
// feed.entries of the entry request i matched, or k_no_entry.
// The feed's entries of papers no request names (unversioned ids compared),
// as "ID" or "IDvN", in feed order.
std::vector<std::string> entries_not_asked(const std::vector<std::string>& asked_papers, const ArxivFeed& feed) {
  std::vector<std::string> out;
  for (const ArxivEntry& e : feed.entries) {
    if (std::find(asked_papers.begin(), asked_papers.end(), e.record.arxiv_id) != asked_papers.end()) continue;
    out.push_back(e.record.arxiv_version > 0 ? e.record.arxiv_id + "v" + std::to_string(e.record.arxiv_version)
                                             : e.record.arxiv_id);
  }
  return out;
}

std::vector<EntryMatch> match_without_entries(const std::vector<std::string>& requested, const ArxivFeed& feed,
                                              std::vector<std::size_t>& index) {
  std::vector<EntryMatch> out;
  out.reserve(requested.size());
  index.assign(requested.size(), k_no_entry);
  const std::vector<std::size_t> by_id = entries_by_id(feed);
  std::vector<std::string> asked_papers;
  for (std::size_t i = 0; i < requested.size(); ++i) {
    EntryMatch& m = out.emplace_back();
    m.requested = requested[i];
    auto id = core::parse_arxiv_id(requested[i]);
    if (!id) {
      m.status = MatchStatus::invalid;
      m.reason = id.error().message;
      continue;
    }
    asked_papers.push_back(id->id);
    if (const ArxivEntry* e = find_entry(*id, feed, by_id)) {
      m.status = MatchStatus::found;
      index[i] = static_cast<std::size_t>(e - feed.entries.data());
    }
  }
  const std::vector<std::string> others = entries_not_asked(asked_papers, feed);
  if (others.empty()) return out;
  for (EntryMatch& m : out) {
    if (m.status != MatchStatus::not_found) continue;
    m.status = MatchStatus::other_paper;
    m.answered = others;
  }
  return out;
}

}  // namespace

std::vector<EntryMatch> match_entries(const std::vector<std::string>& requested, const ArxivFeed& feed) {
  std::vector<std::size_t> index;
  std::vector<EntryMatch> out = match_without_entries(requested, feed, index);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (index[i] != k_no_entry) out[i].entry = feed.entries[index[i]];
  }
  return out;
}

std::vector<EntryMatch> match_entries(const std::vector<std::string>& requested, ArxivFeed&& feed) {
  std::vector<std::size_t> index;
  std::vector<EntryMatch> out = match_without_entries(requested, feed, index);
  std::vector<std::size_t> last_taker(feed.entries.size(), k_no_entry);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (index[i] != k_no_entry) last_taker[index[i]] = i;
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (index[i] == k_no_entry) continue;
    ArxivEntry& e = feed.entries[index[i]];
    if (last_taker[index[i]] == i) out[i].entry = std::move(e);
    else out[i].entry = e;
  }
  return out;
}

std::vector<std::string> describe_changes(const core::Record& before, const core::Record& after) {
  const std::vector<std::string> changed = core::changed_fields(before, after);
  auto has = [&](std::string_view name) { return std::find(changed.begin(), changed.end(), name) != changed.end(); };
  std::vector<std::string> out;
  if (has("arxiv_version") && after.arxiv_version > 0) {
    std::string line = "arXiv v" + std::to_string(after.arxiv_version);
    if (before.arxiv_version > 0) line += " (was v" + std::to_string(before.arxiv_version) + ")";
    out.push_back(std::move(line));
  }
  if (has("title")) describe_text_change(out, "title", quoted(before.title), quoted(after.title));
  if (has("doi")) describe_text_change(out, "DOI", before.doi, after.doi);
  if (has("journal_ref")) describe_text_change(out, "journal reference", before.journal_ref, after.journal_ref);
  if (has("venue")) describe_text_change(out, "venue", before.venue, after.venue);
  if (has("updates")) describe_updates(out, before, after);
  return out;
}

}  // namespace scholard::fetchers
