// Discovery candidates: papers found by a source's search (an author query,
// an ORCID listing) that the config does not list, kept with their score, the
// reasons for it and the researcher's decision (pending / accepted /
// rejected). A decided candidate is never proposed again: the store keeps the
// row (and its ids) for good. The Store methods are in store.hpp's
// "discovery candidates" section; this header holds the value types.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace scholard::store {

enum class CandidateState { pending, accepted, rejected };
std::string_view to_string(CandidateState s);
// Error: invalid_input for an unknown name.
core::Result<CandidateState> parse_candidate_state(std::string_view s);

struct Candidate {
  std::string key;                   // canonical arXiv id, else the DOI
  std::string arxiv_id;              // canonical, unversioned; "" when none
  std::string doi;                   // lower-cased; "" when none
  std::string title;
  std::vector<std::string> authors;  // display names, in order
  std::string venue;
  int year = 0;                      // 0 = unknown
  std::string url;
  std::string found_by;              // the source names that found it, '+'-joined ("arxiv+<other>")
  int score = 0;
  std::string band;                  // "likely", "possible", "unlikely"
  std::vector<std::string> reasons;  // why the score, one phrase each
  CandidateState state = CandidateState::pending;
  core::SysTime first_seen;          // set by the store
  core::SysTime last_seen;           // set by the store
  std::optional<core::SysTime> decided_at;

  // True when `id` (canonical arXiv id or DOI) is one of this candidate's ids.
  bool has_id(std::string_view id) const { return !id.empty() && (id == key || id == arxiv_id || id == doi); }
};

// What save_candidates did.
struct CandidateSave {
  std::vector<std::string> added;    // keys seen for the first time
  std::vector<std::string> updated;  // pending ones seen again (score, fields refreshed)
};

}  // namespace scholard::store
