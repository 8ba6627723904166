// Text formatting of list / show / history / status (JSON: report_json.cpp).
#include "store/report.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "core/text.hpp"

namespace scholard::store {

namespace {

constexpr std::size_t k_max_value = 80;

// Cuts at a UTF-8 boundary so a shortened value stays valid text.
std::string shorten(std::string_view s, std::size_t max) {
  std::string one_line = core::collapse_whitespace(s);
  if (one_line.size() <= max) return one_line;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(one_line[cut]) & 0xC0) == 0x80) --cut;
  return one_line.substr(0, cut) + "...";
}

// Values of list fields are record_fields' encoding; decode to a phrase.
// Lists are cut at `max_list`, other values at `max_value` (npos: whole).
std::string readable_value(std::string_view field, const std::string& value, std::size_t max_value = k_max_value,
                           std::size_t max_list = k_max_value) {
  if (value.empty()) return "(none)";
  auto rec = core::record_from_fields("", {{std::string(field), value}});  // any source reads a field alike
  if (!rec) return shorten(value, max_value);
  std::vector<std::string> items;
  if (field == "authors") {
    for (const auto& a : rec->authors) items.push_back(a.name);
  } else if (field == "categories") {
    items = rec->categories;
  } else if (field == "relations") {
    for (const auto& r : rec->relations) items.push_back(r.type + " " + r.id);
  } else if (field == "updates") {
    for (const auto& u : rec->updates) items.push_back(u.type + " " + u.doi);
  } else {
    return shorten(value, max_value);
  }
  return shorten(core::join(items, ", "), max_list);
}

std::string time_or_never(const std::optional<core::SysTime>& t) { return t ? iso_utc(*t) : "never"; }

std::string state_line(const SourceState& s, const SourceLabels& labels) {
  const FetchState& st = s.state;
  std::string line = "    " + source_display(labels, s.source) + ": " + std::string(to_string(st.outcome));
  if (st.failures > 0) line += " (" + core::plural(st.failures, "failure", "failures") + ")";
  line += ", last fetch " + time_or_never(st.last_attempt);
  if (!st.last_error.empty()) line += ", error: " + shorten(st.last_error, k_max_value);
  return line + "\n";
}

void record_lines(std::string& out, const core::Record& r) {
  for (const auto& f : core::record_fields(r)) {
    if (f.value.empty() || f.name == "title_raw") continue;
    // `show` gives a record's titles and venues whole; an abstract or a
    // long author list is cut to keep the record readable.
    std::string v = f.name == "summary" ? shorten(f.value, 200)
                                        : readable_value(f.name, f.value, std::string::npos, 160);
    out += "    " + f.name + ": " + v + "\n";
  }
}

// "3 requests to arXiv, 5 to <second source>, " over every source shown.
std::string requests_phrase(const RunSummary& run, const SourceLabels& labels) {
  std::vector<std::string> counted;
  for (const auto& [source, n] : run.requests) counted.push_back(source);
  std::string out;
  for (const auto& source : sources_shown(labels, std::move(counted))) {
    const auto it = run.requests.find(source);
    const int n = it == run.requests.end() ? 0 : it->second;
    out += (out.empty() ? core::plural(n, "request", "requests") : std::to_string(n)) + " to " +
           source_display(labels, source) + ", ";
  }
  return out.empty() ? "no requests, " : out;
}

}  // namespace

std::string iso_utc(core::SysTime t) {
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  auto day = std::chrono::floor<std::chrono::days>(secs);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss hms{secs - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string iso_day(core::SysTime t) { return iso_utc(t).substr(0, 10); }

std::string source_display(const SourceLabels& labels, std::string_view source) {
  for (const auto& l : labels) {
    if (l.name == source) return l.display;
  }
  return std::string(source);
}

std::vector<std::string> sources_shown(const SourceLabels& labels, std::vector<std::string> stored) {
  std::vector<std::string> out;
  out.reserve(labels.size() + stored.size());
  for (const auto& l : labels) out.push_back(l.name);
  std::sort(stored.begin(), stored.end());
  stored.erase(std::unique(stored.begin(), stored.end()), stored.end());
  for (auto& name : stored) {
    if (std::find(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(labels.size()), name) ==
        out.begin() + static_cast<std::ptrdiff_t>(labels.size())) {
      out.push_back(std::move(name));
    }
  }
  return out;
}

std::string describe_change(const HistoryEntry& e, const SourceLabels& labels) {
  std::string src = source_display(labels, e.source);
  switch (e.kind) {
    case HistoryKind::added: return "added to the config";
    case HistoryKind::removed: return "removed from the config";
    case HistoryKind::restored: return "listed again in the config";
    case HistoryKind::first_seen: return "first seen on " + src + ": " + shorten(e.new_value, k_max_value);
    case HistoryKind::venue:
      return "venue: " + e.old_value + " -> " + e.new_value + " (" + src + (e.field.empty() ? "" : ", " + e.field) + ")";
    case HistoryKind::changed: break;
  }
  // The field is arXiv's version number whichever source stored it.
  if (e.source != "config" && e.field == "arxiv_version") return "arXiv v" + e.new_value;
  if (e.field == "summary") return src + " summary changed";
  std::string prefix = e.source == "config" ? "config " : "";
  std::string text = prefix + e.field + ": " + readable_value(e.field, e.old_value) + " -> " +
                     readable_value(e.field, e.new_value);
  return e.source == "config" ? text : text + " (" + src + ")";
}

std::string list_text(const std::vector<PaperSummary>& papers, const SourceLabels& labels) {
  if (papers.empty()) return "no papers in the store\n";
  std::string out;
  for (const auto& p : papers) {
    out += p.key + "  " + (p.year ? std::to_string(p.year) : std::string("----")) + "  " +
           (p.title.empty() ? std::string("(no title yet)") : core::collapse_whitespace(p.title));
    if (!p.venue.empty()) out += " -- " + shorten(p.venue, 60);
    if (p.removed) out += "  [removed]";
    out += "\n";
    for (const auto& s : p.sources) out += state_line(s, labels);
  }
  return out;
}

std::string show_text(const PaperDetail& p, const SourceLabels& labels) {
  std::string out = p.key + "\n";
  if (!p.arxiv_id.empty()) out += "  arXiv: " + p.arxiv_id + "\n";
  if (!p.doi.empty()) out += "  DOI: " + p.doi + "\n";
  if (!p.config_title.empty()) out += "  config title: " + p.config_title + "\n";
  out += "  listed since " + iso_utc(p.added_at);
  out += p.removed_at ? ", removed " + iso_utc(*p.removed_at) + "\n" : "\n";
  if (p.records.empty()) out += "  never fetched\n";
  for (const auto& r : p.records) {
    const FetchState& st = r.state;
    out += source_display(labels, r.source) + ": " + std::string(to_string(st.outcome));
    if (st.failures > 0) out += " (" + core::plural(st.failures, "failure", "failures") + ")";
    out += "\n  last attempt " + time_or_never(st.last_attempt) + ", last success " + time_or_never(st.last_success) +
           ", next due " + (st.next_due ? iso_utc(*st.next_due) : std::string("now")) + "\n";
    if (!st.last_error.empty()) out += "  last error: " + st.last_error + "\n";
    if (st.fetched_at) out += "  record fetched " + iso_utc(*st.fetched_at) + ", hash " + st.raw_hash + "\n";
    if (!st.etag.empty()) out += "  ETag: " + st.etag + "\n";
    if (!st.last_modified.empty()) out += "  Last-Modified: " + st.last_modified + "\n";
    if (r.record) record_lines(out, *r.record);
  }
  return out;
}

std::string history_text(const std::vector<HistoryEntry>& entries, const SourceLabels& labels) {
  if (entries.empty()) return "no history yet\n";
  std::string out;
  for (const auto& e : entries) out += iso_day(e.at) + "  " + e.paper_key + "  " + describe_change(e, labels) + "\n";
  return out;
}

std::string status_text(const StatusReport& s, core::SysTime now, const SourceLabels& labels) {
  std::string out;
  if (!s.store_failure.empty()) {
    out += "Store write failed" + (s.store_failure_at ? " at " + iso_utc(*s.store_failure_at) : std::string()) +
           ": " + s.store_failure + "\n";
  }
  out += "Last runs:\n";
  if (s.runs.empty()) out += "  none yet\n";
  for (const auto& r : s.runs) {
    out += "  " + iso_utc(r.started_at) + "  " + r.command + "  ";
    if (!r.ended_at) {
      out += "unfinished\n";
      continue;
    }
    out += std::string(to_string(r.summary.outcome)) + ": " + requests_phrase(r.summary, labels) +
           std::to_string(r.summary.papers_changed) + " changed, " +
           core::plural(r.summary.outputs_written, "output", "outputs") + " written";
    out += r.summary.message.empty() ? "\n" : " (" + r.summary.message + ")\n";
  }
  out += "Due next:\n";
  if (s.due.empty()) out += "  nothing\n";
  for (const auto& d : s.due) {
    bool due_now = !d.next_due || *d.next_due <= now;
    out += "  " + (due_now ? std::string("now                 ") : iso_utc(*d.next_due)) + "  " + d.paper_key +
           " (" + source_display(labels, d.source) + ")\n";
  }
  if (s.due_total > s.due.size()) out += "  and " + std::to_string(s.due_total - s.due.size()) + " more\n";
  out += "Failing:\n";
  if (s.failing.empty()) out += "  none\n";
  for (const auto& f : s.failing) {
    out += "  " + f.paper_key + " (" + source_display(labels, f.source) + "): " +
           core::plural(f.failures, "failure", "failures") + ", last " + time_or_never(f.last_attempt) + ": " +
           shorten(f.last_error, k_max_value) + "\n";
  }
  if (!s.kept_text.empty()) {
    out += "Your text kept over a source's change:\n";
    for (const auto& k : s.kept_text) out += "  " + iso_day(k.at) + "  " + k.text + "\n";
  }
  return out;
}

}  // namespace scholard::store
