// Discovery: noticing papers the researcher has not listed yet.
//
// Part of a sync pass (the engine calls it after the fetches, when
// [discover] is on and a source is due): an arXiv author search
// ([discover] arxiv_query) and, with orcid = true, Crossref's works for the
// profile's ORCID, through the same HttpClient (source "arxiv"/"crossref":
// the same rate limits as every other request). Each source runs at most once
// per [discover] interval; the last successful run is kept in the store's
// meta table (discover.arxiv.last / discover.crossref.last, unix seconds), so
// a failed search is tried again on the next pass.
//
// Found papers that are listed (discovery_score.hpp) are dropped; the others
// are scored and stored as candidates (store/candidates.hpp). A candidate the
// researcher accepted or rejected is never proposed again. With auto_accept,
// candidates scoring >= k_auto_accept_score are appended to the config file
// at once (logged), and the next pass renders them.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "net/http_client.hpp"
#include "store/store.hpp"

namespace scholard::discovery {

inline constexpr const char* k_discover_arxiv_meta = "discover.arxiv.last";
inline constexpr const char* k_discover_crossref_meta = "discover.crossref.last";

// Which searches a pass runs.
struct DiscoveryPlan {
  bool arxiv = false;
  bool crossref = false;
  bool any() const { return arxiv || crossref; }
};

// The searches that are due at `now`: configured, and never run or last run
// at least cfg.discover.interval ago (`force`: every configured one). Nothing
// when [discover] is off. A store error counts as "due".
DiscoveryPlan discovery_due(store::Store& store, const config::Config& cfg, core::SysTime now, bool force);

struct DiscoveryReport {
  bool ran = false;
  std::map<std::string, int, std::less<>> requests;  // by source name, on the wire, retries included
  int found = 0;             // distinct papers the searches returned
  int listed = 0;            // of which already listed
  int decided = 0;           // of which accepted or rejected earlier
  std::vector<std::string> new_candidates;  // keys first seen now, likely or possible
  int new_unlikely = 0;                     // first seen now, unlikely (homonyms)
  std::vector<std::string> auto_accepted;   // keys appended to the config
  std::vector<std::string> errors;          // per failed search or store write
};

using DiscoveryHandler = std::function<void(DiscoveryReport)>;

// Runs the planned searches, stores the candidates and updates the meta
// table; `done` runs once on the client's io thread. Must be called on that
// thread; store and client must outlive it. Errors are reported in
// DiscoveryReport::errors, never thrown.
void run_discovery(store::Store& store, net::HttpClient& client, const config::Config& cfg, DiscoveryPlan plan,
                   core::SysTime now, DiscoveryHandler done);

// A config file's text and what it says, read for an edit that keeps every
// other byte. Errors: io when it cannot be read; invalid_input when it does
// not parse (the message says so).
struct ConfigText {
  std::string text;
  config::Config cfg;
};
core::Result<ConfigText> read_config_for_edit(const std::filesystem::path& config_file);

// Parses `edited` again and, when it parses, writes it atomically. Returns
// what it says. Errors: invalid_input naming `change` when it would not parse
// (nothing written); io when it cannot be written.
core::Result<config::Config> write_config_edit(const std::filesystem::path& config_file, const std::string& edited,
                                               const std::string& change);

// Writes a [[paper]] for `candidate` (its arXiv id and/or DOI, with a comment
// naming its title) into the config file where it belongs among the listed
// papers (placement.hpp; `stored` gives the years the config leaves to the
// sources), keeping every other byte; the edited text is parsed again before
// it is written atomically. Returns the line of the new [[paper]] header. Errors: invalid_input when the paper is listed
// already (the message names the line) or the edit would not parse; io when
// the file cannot be read or written.
core::Result<int> append_candidate_to_config(const std::filesystem::path& config_file,
                                             const store::Candidate& candidate, core::SysTime now,
                                             const std::vector<store::PaperSummary>& stored = {});

}  // namespace scholard::discovery
