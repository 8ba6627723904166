// PassReport: the exit status and the one-line summary of a pass (which the
// daemon also sends as sd_notify STATUS).
#include <ctime>
#include <map>
#include <set>
#include <tuple>

#include "core/text.hpp"
#include "daemon/pass_report.hpp"

namespace scholard::daemon {

int PassReport::exit_code() const {
  if (!fatal.empty()) return 3;
  bool config_problem = false;
  for (const auto& o : render.outputs) {
    if (o.error.empty()) continue;
    if (o.error_code == core::ErrorCode::invalid_input || o.error_code == core::ErrorCode::not_found) {
      config_problem = true;
    } else {
      return 3;
    }
  }
  if (config_problem) return 2;
  return failures.empty() && reached_any && render.notes.waiting.empty() ? 0 : 1;
}

namespace {

// Up to this many waiting papers get a line each in failure_lines().
constexpr std::size_t k_waiting_lines = 5;

// ", 2 new candidates (scholard pending)", ", 1 auto-accepted", ", discovery failed (...)".
std::string discovery_summary(const discovery::DiscoveryReport& d) {
  if (!d.ran) return {};
  std::string s;
  const int fresh = static_cast<int>(d.new_candidates.size());
  if (fresh > 0) s += ", " + core::plural(fresh, "new candidate", "new candidates") + " (scholard pending)";
  if (!d.auto_accepted.empty()) {
    s += ", " + std::to_string(d.auto_accepted.size()) + " auto-accepted into the config";
  }
  if (!d.errors.empty()) s += ", discovery failed (" + d.errors.front() + ")";
  return s;
}

// ", 1 title match proposed (scholard pending)", ", a title match failed (...)".
std::string title_match_summary(const discovery::TitleMatchReport& t) {
  std::string s;
  const int proposed = static_cast<int>(t.proposed.size());
  if (proposed > 0) s += ", " + core::plural(proposed, "title match", "title matches") + " proposed (scholard pending)";
  if (!t.errors.empty()) s += ", a title match failed (" + t.errors.front() + ")";
  return s;
}

std::string utc_minute(core::SysTime t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

std::string deferred_line(const DeferredSource& d) {
  std::string line = d.display_name + (d.refused_now ? " refused: " : " is deferred after refusing: ") + d.reason +
                     "; not asked again before " + utc_minute(d.until);
  if (d.not_asked > 0) line += " (" + core::plural(d.not_asked, "paper", "papers") + " not asked)";
  return line + "; what the store holds from it is used";
}

// ", 1 paper waiting (not on the page yet), 1 to check": the lines themselves
// come after the failures (failure_lines).
std::string notes_summary(const PaperNotes& notes) {
  std::string s;
  if (!notes.waiting.empty()) {
    s += ", " + core::plural(static_cast<int>(notes.waiting.size()), "paper", "papers") + " waiting (not on the page yet)";
  }
  const int doubtful = static_cast<int>(notes.foreign.size() + notes.duplicates.size());
  if (doubtful > 0) s += ", " + core::plural(doubtful, "paper", "papers") + " to check";
  return s;
}

// "; your page keeps its text: 2305.16860: arXiv now says title "X"; your
// page keeps "Y"" (the first three; the rest are in `scholard status`).
std::string kept_text_summary(const std::vector<KeptTextNotice>& notices) {
  if (notices.empty()) return {};
  std::string s = "; " + core::plural(static_cast<int>(notices.size()), "source change", "source changes") +
                  " not shown (your text kept): ";
  for (std::size_t i = 0; i < notices.size() && i < 3; ++i) s += (i > 0 ? "; " : "") + notices[i].text();
  if (notices.size() > 3) s += "; and " + std::to_string(notices.size() - 3) + " more (scholard status)";
  return s;
}

}  // namespace

int PassReport::requests_to(std::string_view source) const {
  for (const auto& r : requests) {
    if (r.source == source) return r.requests;
  }
  return 0;
}

int PassReport::total_requests() const {
  int n = 0;
  for (const auto& r : requests) n += r.requests;
  return n;
}

void PassReport::add_requests(std::string_view source, int n) {
  for (auto& r : requests) {
    if (r.source == source) {
      r.requests += n;
      return;
    }
  }
  requests.push_back({std::string(source), fetchers::display_name(source), n});
}

std::string PassReport::summary_line(const std::string& command) const {
  std::string s = command + ": ";
  if (!fatal.empty()) return s + fatal;
  s += core::plural(papers, "paper", "papers");
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto& r = requests[i];
    s += ", " + (i == 0 ? core::plural(r.requests, "request", "requests") : std::to_string(r.requests)) + " to " +
         r.display_name;
  }
  if (not_modified > 0) s += " (" + std::to_string(not_modified) + " not modified)";
  s += ", " + std::to_string(changed) + " changed";
  if (!failures.empty()) {
    std::set<std::string> keys;
    for (const auto& f : failures) keys.insert(f.paper_key);
    s += ", " + core::plural(static_cast<int>(keys.size()), "paper", "papers") + " failed";
  }
  s += notes_summary(render.notes);
  if (!reached_any) {
    std::set<std::string> reasons;
    for (const auto& f : failures) reasons.insert(f.message);
    s += "; no source could be reached (";
    bool first = true;
    for (const auto& r : reasons) {
      s += (first ? "" : "; ") + r;
      first = false;
    }
    return s + "), outputs left as they were";
  }
  for (const auto& d : deferred) s += ", " + d.display_name + " deferred";
  s += discovery_summary(discovery);
  s += title_match_summary(title_matches);
  std::string written;
  std::string not_written;  // outputs in error: never "unchanged"
  for (const auto& o : render.outputs) {
    if (!o.error.empty()) not_written += (not_written.empty() ? "" : ", ") + o.path.filename().string();
    if (!o.changed) continue;
    written += (written.empty() ? "" : ", ") + o.path.filename().string();
  }
  if (rendered && !written.empty()) s += ", " + written + (dry_run ? " would be rewritten" : " rewritten");
  if (rendered && !not_written.empty()) s += ", " + not_written + " not written";
  if (rendered && written.empty() && not_written.empty()) s += ", outputs unchanged";
  return s + kept_text_summary(kept_text);
}

std::vector<std::string> PassReport::failure_lines() const {
  // Grouped by source (in the pass's order) and message.
  std::map<std::tuple<std::size_t, std::string, std::string>, std::vector<std::string>> groups;
  const auto source_rank = [&](const std::string& source) {
    std::size_t i = 0;
    while (i < requests.size() && requests[i].source != source) ++i;
    return i;
  };
  // A few waiting papers get a line each, which says more than their
  // failures' lines; many (the first sync while offline) are better told by
  // the grouped failures and one line naming them.
  const bool line_each = render.notes.waiting.size() <= k_waiting_lines;
  std::set<std::string> waiting;
  if (line_each) {
    for (const auto& w : render.notes.waiting) waiting.insert(w.key);
  }
  for (const auto& f : failures) {
    if (!waiting.count(f.paper_key)) groups[{source_rank(f.source), f.source, f.message}].push_back(f.paper_key);
  }
  std::vector<std::string> lines;
  for (const auto& [what, keys] : groups) {
    const auto& [rank, source, message] = what;
    const std::string who =
        rank < requests.size() ? requests[rank].display_name : fetchers::display_name(source);
    // A source's own message may already start with its name ("Crossref:
    // HTTP 404 ..."): said once.
    std::string line = message.starts_with(who + ": ") ? message : who + ": " + message;
    if (keys.size() == 1) {
      lines.push_back(line + " (" + keys.front() + ")");
      continue;
    }
    line += ": " + std::to_string(keys.size()) + " papers (";
    for (std::size_t i = 0; i < keys.size() && i < 5; ++i) line += (i ? ", " : "") + keys[i];
    lines.push_back(line + (keys.size() > 5 ? ", ...)" : ")"));
  }
  for (const auto& d : deferred) lines.push_back(deferred_line(d));
  PaperNotes notes = render.notes;
  if (!line_each) {
    std::string line = std::to_string(notes.waiting.size()) + " papers not on the page yet (";
    for (std::size_t i = 0; i < k_waiting_lines; ++i) line += (i ? ", " : "") + notes.waiting[i].key;
    lines.push_back(line + ", ...): no source has answered for them yet; scholard status says why for each");
    notes.waiting.clear();
  }
  for (auto& note : notes.lines()) lines.push_back(std::move(note));
  return lines;
}

}  // namespace scholard::daemon
