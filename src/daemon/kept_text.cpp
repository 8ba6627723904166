#include "daemon/kept_text.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/latex.hpp"
#include "core/month.hpp"
#include "core/text.hpp"
#include "daemon/inputs.hpp"
#include "render/merge.hpp"

namespace scholard::daemon {
namespace {

bool changed(const std::vector<std::string>& fields, std::string_view name) {
  return std::find(fields.begin(), fields.end(), name) != fields.end();
}

std::string plain(std::string_view text) { return core::collapse_whitespace(core::latex_to_text(text)); }

std::string names_text(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i == 6) return out + ", ... (" + std::to_string(names.size()) + " authors)";
    out += (i > 0 ? ", " : "") + names[i];
  }
  return out;
}

std::vector<std::string> source_names(const core::Record& record) {
  std::vector<std::string> names;
  for (const auto& a : record.authors) names.push_back(render::author_display_name(a));
  return names;
}

void author_notices(const config::Paper& paper, const core::Record& record, KeptTextNotice base,
                    std::vector<KeptTextNotice>& out) {
  const auto names = source_names(record);
  if (names.empty()) return;
  if (!paper.authors.empty()) {  // the whole list kept: a change anywhere in what it shows
    std::vector<std::string> kept = paper.authors;
    if (paper.authors_truncated()) kept.pop_back();
    const std::size_t n = std::min(kept.size(), names.size());
    bool same = kept.size() <= names.size();
    for (std::size_t i = 0; same && i < n; ++i) same = core::fold_for_match(kept[i]) == core::fold_for_match(names[i]);
    if (same && !paper.authors_truncated()) same = kept.size() == names.size();
    if (same) return;
    base.field = "authors";
    base.source_value = names_text(names);
    base.kept = names_text(kept);
    out.push_back(base);
    return;
  }
  for (const auto& [from, to] : paper.author_names) {
    const auto matches = [&](render::NameMatch how) {
      return std::find_if(names.begin(), names.end(),
                          [&](const std::string& n) { return render::author_name_matches(from, n, how); });
    };
    if (matches(render::NameMatch::exact) != names.end()) continue;
    base.field = "author_names";
    base.kept = to;
    if (const auto near = matches(render::NameMatch::first_and_last_word); near != names.end()) {
      base.field = "author";  // still renamed (render::renamed_author): the page keeps its name
      base.source_value = *near;
    } else {
      base.source_value = from;
    }
    out.push_back(base);
  }
}

}  // namespace

std::string KeptTextNotice::text() const {
  const std::string& who = source_display.empty() ? source : source_display;
  if (field == "author_names") {
    return paper_key + ": " + who + " now lists no author \"" + source_value + "\", so your author_names entry for it " +
           "no longer applies and the page shows " + who + "'s names, not \"" + kept + "\"";
  }
  return paper_key + ": " + who + " now says " + field + " \"" + source_value + "\"; your page keeps \"" + kept + "\"";
}

std::vector<KeptTextNotice> kept_text_notices(const config::Paper& paper, const std::string& paper_key,
                                              const SourceInfo& source, const std::vector<std::string>& fields,
                                              const core::Record& record) {
  std::vector<KeptTextNotice> out;
  if (paper.is_manual()) return out;
  KeptTextNotice base;
  base.paper_key = paper_key;
  base.source = source.name;
  base.source_display = source.display_name;
  bool has_details = false;  // volume, issue, pages
  const std::string* venue = &record.venue;
  const char* venue_field = "venue";
  switch (source.kind) {
    case core::SourceKind::preprint_server:
      venue = &record.journal_ref;
      venue_field = "journal_ref";
      break;
    case core::SourceKind::doi_registry:
    case core::SourceKind::bibliographic_index: has_details = true; break;
  }
  auto text_field = [&](const char* field, bool overridden, bool source_changed, const std::string& now,
                        const std::string& kept, bool differ) {
    if (!overridden || !source_changed || now.empty() || !differ) return;
    KeptTextNotice n = base;
    n.field = field;
    n.source_value = now;
    n.kept = kept;
    out.push_back(std::move(n));
  };
  text_field("title", !paper.title.empty(), changed(fields, "title"), plain(record.title), paper.title,
             plain(record.title) != plain(paper.title));
  if (changed(fields, "authors")) author_notices(paper, record, base, out);
  text_field("venue", !paper.venue.empty(), changed(fields, venue_field), core::collapse_whitespace(*venue),
             paper.venue, core::collapse_whitespace(*venue) != core::collapse_whitespace(paper.venue));
  const bool date_changed = changed(fields, "published");
  const auto& date = record.published;
  text_field("year", paper.year.has_value(), date_changed && date.year != 0, std::to_string(date.year),
             std::to_string(paper.year.value_or(0)), date.year != paper.year.value_or(0));
  text_field("month", paper.month.has_value(), date_changed && date.month != 0,
             std::string(core::month_name(date.month)), std::string(core::month_name(paper.month.value_or(0))),
             date.month != paper.month.value_or(0));
  if (has_details) {
    text_field("volume", !paper.volume.empty(), changed(fields, "volume"), record.volume, paper.volume,
               core::trim(record.volume) != core::trim(paper.volume));
    text_field("issue", !paper.issue.empty(), changed(fields, "issue"), record.issue, paper.issue,
               core::trim(record.issue) != core::trim(paper.issue));
    text_field("pages", !paper.pages.empty(), changed(fields, "pages"), record.pages, paper.pages,
               render::normalize_pages(record.pages) != render::normalize_pages(paper.pages));
  }
  return out;
}

std::vector<store::KeptText> kept_text_from_history(
    const config::Config& cfg, const std::vector<store::HistoryEntry>& history,
    const std::function<const core::Record*(const std::string&, const std::string&)>& record_of,
    const SourceList& sources) {
  std::vector<store::KeptText> out;
  const auto keys = paper_keys(cfg);
  std::unordered_map<std::string, const config::Paper*> by_key;
  for (std::size_t i = 0; i < keys.size(); ++i) by_key.emplace(keys[i], &cfg.papers[i]);
  std::set<std::pair<std::string, std::string>> seen;  // (paper, override key): newest first wins
  for (const auto& e : history) {
    if (e.kind != store::HistoryKind::changed) continue;
    const SourceInfo* source = find_source(sources, e.source);  // "config" and unknown sources: none
    auto paper = by_key.find(e.paper_key);
    if (source == nullptr || paper == by_key.end()) continue;
    const core::Record* record = record_of(e.paper_key, e.source);
    if (record == nullptr) continue;
    for (auto& n : kept_text_notices(*paper->second, e.paper_key, *source, {e.field}, *record)) {
      if (!seen.insert({n.paper_key, n.field}).second) continue;
      out.push_back({n.paper_key, e.source, n.field, n.source_value, n.kept, e.at, n.text()});
    }
  }
  return out;
}

}  // namespace scholard::daemon
