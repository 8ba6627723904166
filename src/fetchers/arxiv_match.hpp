// Matching an arXiv feed back to the ids that were asked for, and saying in
// words what changed between two fetches of the same paper. Pure.
//
// arXiv returns id_list results in its own order, collapses duplicates and
// silently leaves out ids it does not know, so entries are matched by id,
// never by position. A feed holding an entry of a paper no request names
// (ids compared without their version) was not an answer to the request (a
// proxy, a cache or a server answering for another paper): the requests it
// leaves unanswered are then `other_paper`, never `not_found`, since the
// feed says nothing about them (docs/sources.md, "An answer is matched to
// what was asked").
#pragma once

#include <string>
#include <vector>

#include "core/record.hpp"
#include "fetchers/arxiv_parser.hpp"

namespace scholard::fetchers {

enum class MatchStatus { found, not_found, invalid, other_paper };

struct EntryMatch {
  std::string requested;  // as passed in
  MatchStatus status = MatchStatus::not_found;
  ArxivEntry entry;       // found: the matching entry (copied, or moved from an rvalue feed)
  std::string reason;     // invalid: why the id was rejected
  // other_paper: the entries no request names ("1707.08567v1"), in feed order.
  std::vector<std::string> answered;
};

// One EntryMatch per requested id, in request order. A versioned request
// ("2104.12255v1") matches only an entry of that version; an unversioned one
// matches any version of the paper, the highest when several came back.
// Requests that are not valid arXiv ids (core::parse_arxiv_id) are invalid
// with its message; they never match anything. A valid request without an
// entry is other_paper when the feed holds entries of papers no request
// names, else not_found.
std::vector<EntryMatch> match_entries(const std::vector<std::string>& requested, const ArxivFeed& feed);

// The same matches, with the entries moved out of `feed` rather than copied
// (an entry several requests match is moved to the last of them and copied to
// the others); `feed.entries` is left valid but unspecified.
std::vector<EntryMatch> match_entries(const std::vector<std::string>& requested, ArxivFeed&& feed);

// Human-readable notes on the changes worth telling a researcher about, in a
// fixed order: a new arXiv version ("arXiv v3 (was v2)"), the title, the DOI,
// the journal reference, the venue, and new update notices (corrections,
// retractions). Empty when nothing interesting changed. Uses
// core::changed_fields, so any field added to Record is compared too.
std::vector<std::string> describe_changes(const core::Record& before, const core::Record& after);

}  // namespace scholard::fetchers
