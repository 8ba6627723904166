// `scholard import`: before proposing the entries of a Markdown page, ask
// the sources what they say and keep the page's text where they differ, so
// the first sync changes nothing the researcher wrote (docs/import.md).
//
// How: the proposed entries are appended to the config text (the existing
// one, or the starter `--write` would create), parsed as `sync` would parse
// them, and fetched by the real engine (daemon::Engine) into an in-memory
// store, with a copy of the config that has no outputs, no hook and no
// discovery, so nothing on disk is read or written but the network answers.
// Each paper is merged (render::merge_papers), rendered in the page's
// Markdown style, read back with the importer's entry parser and compared
// with the page's entry (importer/compare.hpp). Reusing the engine rather
// than calling the fetchers directly keeps one implementation of batching,
// rate limits, retries and DOI following; an in-memory store keeps the
// researcher's store out of it (an import is not a sync: it records no run,
// and a later sync fetches for itself).
//
// When no source can be reached (or with --offline) nothing is compared:
// the entries are proposed as the page writes them and the report says the
// first sync may change fields. Never fails the import.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "importer/proposal.hpp"

namespace scholard::cli {

struct CompareSetup {
  std::string config_text;          // the config the entries will be appended to (may be a starter)
  std::filesystem::path config_path;
  std::filesystem::path page;       // the imported page: its [[output]]'s max_authors is used
  std::string source_name;          // the page's file name, for messages
  bool offline = false;             // --offline: do not fetch
};

struct CompareReport {
  bool compared = false;            // the sources answered and entries were compared
  int kept = 0;                     // entries that got overrides keeping the page's text
  std::vector<std::string> lines;   // what to print, each without "# " and newline
};

// Compares `fresh` (the entries about to be proposed, in order) with the
// sources and records the overrides in each Proposal's `kept` (and
// max_authors). Entries whose sources did not answer are left as they are
// and named in the report.
CompareReport compare_with_sources(std::vector<importer::Proposal>& fresh, const CompareSetup& setup);

}  // namespace scholard::cli
