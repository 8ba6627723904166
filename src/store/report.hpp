// Formatting of the store's query results for `scholard list / show /
// history / status`: human text, and stable JSON documented in
// docs/json-output.md. Pure functions: no I/O, no clock (callers pass `now`
// where a relative time is shown). Every function returns the whole output,
// ending with a newline; none fails.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "store/types.hpp"

namespace scholard::store {

// "2025-03-02T10:00:00Z" (UTC, whole seconds).
std::string iso_utc(core::SysTime t);
// "2025-03-02" (UTC).
std::string iso_day(core::SysTime t);
// The sources as the outputs name them, in the order they are shown: the
// source name (the store's and the JSON's key, "arxiv") and the name people
// read ("arXiv"). The store knows no source: the CLI builds this from the
// registry (fetchers::source_registry()). A stored source missing here is
// shown under its name, after the listed ones, in name order.
struct SourceLabel {
  std::string name;
  std::string display;
};
using SourceLabels = std::vector<SourceLabel>;

// The name people read: `labels`' display name, else the name itself
// ("config" for the config).
std::string source_display(const SourceLabels& labels, std::string_view source);
// Every labelled source, in `labels`' order, then the names of `stored`
// that are not labelled, in name order, each once.
std::vector<std::string> sources_shown(const SourceLabels& labels, std::vector<std::string> stored);

// One history entry as a phrase: "arXiv v3", "venue: arXiv preprint ->
// Transactions on Machine Learning Research", "first seen on <source>: Title",
// "added to the config". Long or multi-line values are shortened.
std::string describe_change(const HistoryEntry& e, const SourceLabels& labels);

std::string list_text(const std::vector<PaperSummary>& papers, const SourceLabels& labels);
std::string show_text(const PaperDetail& paper, const SourceLabels& labels);
std::string history_text(const std::vector<HistoryEntry>& entries, const SourceLabels& labels);
// Runs: "N requests to <first source>, M to <second>, ..." over every
// labelled source (0 included) and any other source the run counted.
std::string status_text(const StatusReport& status, core::SysTime now, const SourceLabels& labels);

// JSON (one document, compact, newline-terminated). Shapes: docs/json-output.md.
// Objects keyed by source ("sources", a run's "requests") hold every
// labelled source (null / 0 when absent), then any other stored one.
std::string list_json(const std::vector<PaperSummary>& papers, const SourceLabels& labels);
std::string show_json(const PaperDetail& paper, const SourceLabels& labels);
std::string history_json(const std::vector<HistoryEntry>& entries, const SourceLabels& labels);
std::string status_json(const StatusReport& status, const SourceLabels& labels);

// The JSON format version written as "version" in every document.
inline constexpr int k_json_version = 1;

}  // namespace scholard::store
