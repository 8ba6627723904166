// Manual entries an index may know: one title match per entry, proposed for
// review, never applied silently.
//
// A manual entry (a [[paper]] with a title and neither an arXiv id nor a
// DOI) cannot be asked of any source by id. A source that looks papers up by
// title (fetchers::Source::matches_titles: Semantic Scholar) is asked ONCE
// per entry, the first sync after the entry appears; the store's meta table
// remembers the entry was asked (k_title_match_meta_prefix + its key), so a
// match, a "no match" and an unconvincing match are all final. A failed or
// refused request is not: the next pass asks again.
//
// A match is CONFIDENT when its title equals the entry's with case, accents
// and spacing folded (core::fold_for_match) and its authors include the
// researcher (the profile's name or an alias, folded). A confident match
// becomes a pending candidate (store/candidates.hpp) keyed by the index's
// corpus id ("CorpusId:269085201"), whose reason reads "Many-shot
// Jailbreaking: Semantic Scholar has it at NeurIPS 2024; accept to track
// it". `scholard accept CorpusId:...` then writes `semanticscholar = "..."`
// into the entry (track_manual_entry); from then on the index is asked for it
// by that id, and its venue and year fill what the entry leaves out.
// See docs/sources.md, "Manual entries and Semantic Scholar".
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "fetchers/source.hpp"
#include "store/candidates.hpp"
#include "store/store.hpp"

namespace scholard::discovery {

inline constexpr const char* k_title_match_meta_prefix = "title_match.";

// At most this many title matches per pass: at S2's one request a second, a
// config of many manual entries is worked through over a few passes rather
// than holding one pass for minutes.
inline constexpr std::size_t k_title_matches_per_pass = 20;

// One manual entry to match: its paper key (daemon::paper_keys) and table.
struct ManualEntry {
  std::string key;
  const config::Paper* paper = nullptr;
};

// The manual entries never matched yet (not hidden, no `semanticscholar`
// id), in config order, at most `limit`. A store error reads as "not asked".
std::vector<ManualEntry> title_matches_due(store::Store& store, const config::Config& cfg,
                                           const std::vector<std::string>& keys, std::size_t limit);

// What one answer means for `entry`: the candidate to propose, or why not
// (a phrase for the log: "no match", "the title differs: ...", ...).
struct MatchVerdict {
  std::optional<store::Candidate> proposal;
  std::string why_not;
};
MatchVerdict judge_title_match(const config::Paper& entry, const config::Profile& profile,
                               const fetchers::TitleMatch& match, std::string_view source_display_name);

struct TitleMatchReport {
  int requests = 0;                     // matches asked (each one request, retries aside)
  std::vector<std::string> proposed;    // candidate keys first proposed now
  std::vector<std::string> errors;      // failed matches, tried again next pass
  std::string refusal;                  // the source refused (the rest were not asked)
};
using TitleMatchDone = std::function<void(TitleMatchReport)>;

// Asks `source` for each entry in turn (one request at a time; the client
// spaces them), stores confident matches as pending candidates and marks
// every entry answered. Stops at the first refusal. `done` runs once, on
// the client's io thread; store, source and cfg must outlive it.
void run_title_matches(store::Store& store, fetchers::Source& source, const config::Config& cfg,
                       std::vector<ManualEntry> entries, TitleMatchDone done);

// Writes `semanticscholar = "<candidate.key>"` into the manual entry whose
// title matches the candidate's (folded), keeping every other byte of the
// config; the edited text is parsed again before it is written atomically.
// Returns the line of the entry's [[paper]] header. Errors: invalid_input
// when no manual entry has that title, one already carries a corpus id, or
// the edit would not parse; io when the file cannot be read or written.
core::Result<int> track_manual_entry(const std::filesystem::path& config_file, const store::Candidate& candidate);

}  // namespace scholard::discovery
