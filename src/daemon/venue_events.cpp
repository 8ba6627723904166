#include "daemon/venue_events.hpp"

#include <algorithm>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "daemon/inputs.hpp"
#include "render/merge.hpp"

namespace scholard::daemon {
namespace {

// The evidence an index's record carries for its venue: its DBLP key.
std::string evidence_of(const core::Record& r) {
  for (const auto& rel : r.relations) {
    if (rel.id_type == "dblp" && !rel.id.empty()) return "DBLP " + rel.id;
  }
  return {};
}

bool touches_venue(const store::RecordChange& c) {
  return std::any_of(c.fields.begin(), c.fields.end(), [](const std::string& f) {
    return f == "venue" || f == "published" || f == "volume" || f == "issue" || f == "pages";
  });
}

}  // namespace

std::string shown_venue(const render::MergedPaper& p) {
  if (p.kind == render::PaperKind::preprint || p.venue.empty()) return "arXiv preprint";
  std::string out = p.venue;
  if (!p.volume.empty()) {
    out += " " + p.volume;
    if (!p.issue.empty()) out += "(" + p.issue + ")";
  }
  if (p.year != 0) out += " " + std::to_string(p.year);
  return out;
}

std::vector<store::HistoryEntry> venue_events(const config::Config& cfg, const std::vector<std::string>& keys,
                                              const std::vector<store::RecordChange>& changes, store::Store& store,
                                              const SourceList& sources,
                                              const std::function<bool(const std::string&)>& had_records) {
  std::vector<store::HistoryEntry> out;
  std::unordered_map<std::string_view, std::size_t> index_of;
  for (std::size_t i = 0; i < keys.size(); ++i) index_of.emplace(keys[i], i);
  const render::Profile profile = render_profile(cfg);
  for (const auto& change : changes) {
    const SourceInfo* source = find_source(sources, change.source);
    if (source == nullptr || source->kind != core::SourceKind::bibliographic_index) continue;
    if (change.first_seen ? !had_records(change.paper_key) : !touches_venue(change)) continue;
    const auto at = index_of.find(change.paper_key);
    if (at == index_of.end()) continue;
    const config::Paper& paper = cfg.papers[at->second];
    if (!paper.venue.empty()) continue;
    auto detail = store.show_paper(change.paper_key);
    if (!detail || !*detail) {
      if (!detail) spdlog::warn("store: {}", detail.error().message);
      continue;
    }
    render::PaperInput input = render_input(paper, change.paper_key, 0);
    std::size_t mine = 0;
    for (const auto& ref : stored_records(**detail, sources)) {
      if (ref.record->source == change.source) mine = input.records.size();
      input.records.push_back({ref.kind, *ref.record});
    }
    if (mine >= input.records.size()) continue;
    const core::Record now = input.records[mine].record;
    const std::string after = shown_venue(render::merge_papers({input}, profile).front());
    if (change.first_seen) {
      input.records.erase(input.records.begin() + static_cast<std::ptrdiff_t>(mine));
    } else {
      core::Record& before = input.records[mine].record;
      // A value that no longer decodes leaves the field as it is now: the
      // entry is then at worst missing, never wrong about the new venue.
      for (std::size_t i = 0; i < change.fields.size() && i < change.old_values.size(); ++i) {
        (void)core::set_record_field(before, change.fields[i], change.old_values[i]);
      }
    }
    const std::string before = shown_venue(render::merge_papers({input}, profile).front());
    if (before == after) continue;
    store::HistoryEntry e;
    e.paper_key = change.paper_key;
    e.source = change.source;
    e.kind = store::HistoryKind::venue;
    e.field = evidence_of(now);
    e.old_value = before;
    e.new_value = after;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace scholard::daemon
