// Formatting of the store's query results for `scholard list / show /
// history / status`: human text, and stable JSON documented in
// docs/json-output.md. Pure functions: no I/O, no clock (callers pass `now`
// where a relative time is shown). Every function returns the whole output,
// ending with a newline; none fails.
#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "store/types.hpp"

namespace scholard::store {

// "2025-03-02T10:00:00Z" (UTC, whole seconds).
std::string iso_utc(core::SysTime t);
// "2025-03-02" (UTC).
std::string iso_day(core::SysTime t);
// "arXiv" / "Crossref" / "config": how sources are named to people.
std::string source_display(std::string_view source);

// One history entry as a phrase: "arXiv v3", "venue: arXiv preprint ->
// Transactions on Machine Learning Research", "first seen on Crossref: Title",
// "added to the config". Long or multi-line values are shortened.
std::string describe_change(const HistoryEntry& e);

std::string list_text(const std::vector<PaperSummary>& papers);
std::string show_text(const PaperDetail& paper);
std::string history_text(const std::vector<HistoryEntry>& entries);
std::string status_text(const StatusReport& status, core::SysTime now);

// JSON (one document, compact, newline-terminated). Shapes: docs/json-output.md.
std::string list_json(const std::vector<PaperSummary>& papers);
std::string show_json(const PaperDetail& paper);
std::string history_json(const std::vector<HistoryEntry>& entries);
std::string status_json(const StatusReport& status);

// The JSON format version written as "version" in every document.
inline constexpr int k_json_version = 1;

}  // namespace scholard::store
