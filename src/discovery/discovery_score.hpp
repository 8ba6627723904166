// Discovery, the pure part: which found papers are already listed, and how
// likely an unlisted one is the researcher's. No I/O, no clock.
//
// A found paper is LISTED (never proposed) when any of its ids — its arXiv id,
// its DOI, the DOI an arXiv record names (the published version), the ids a
// Crossref work's relations point at (has-preprint, is-preprint-of,
// has-version, is-version-of, is-identical-to) — is an id of a listed paper:
// the config's arXiv ids and DOIs, plus what the store learnt about them (the
// DOI in their arXiv record, their Crossref record's DOI and relations). A
// paper whose folded title (3+ words) equals a listed paper's title is listed
// too (a manual entry found on arXiv).
//
// SCORE of an unlisted paper, in points (the weights below):
//   ORCID: an author carries the profile's ORCID              +60
//          the author bearing your name has another ORCID     -40
//   name:  an author's folded name equals the profile's name
//          or an alias (core::fold_for_match)                 +20
//          only family name + first initial agree             +5
//   each co-author shared with the listed papers (matched by
//          folded family name + first initial)                +15, at most +45
//   each arXiv category shared with the listed papers         +10, at most +20
// BANDS: likely >= 50, possible >= 25, unlikely below. A homonym (your name,
// no ORCID, no shared co-author or category) scores 20 at most: unlikely.
// auto_accept lists candidates scoring >= 70 without review (e.g. ORCID +
// name, or name + 3 co-authors + a category).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "core/record.hpp"
#include "store/candidates.hpp"
#include "store/types.hpp"

namespace scholard::discovery {

inline constexpr int k_orcid_match_points = 60;
inline constexpr int k_orcid_conflict_points = -40;
inline constexpr int k_exact_name_points = 20;
inline constexpr int k_initial_name_points = 5;
inline constexpr int k_coauthor_points = 15;
inline constexpr int k_max_coauthor_points = 45;
inline constexpr int k_category_points = 10;
inline constexpr int k_max_category_points = 20;
inline constexpr int k_likely_score = 50;
inline constexpr int k_possible_score = 25;
inline constexpr int k_auto_accept_score = 70;

enum class Band { likely, possible, unlikely };
std::string_view to_string(Band b);
Band band_of(int score);

// Who the researcher is, folded for matching.
struct Researcher {
  std::set<std::string> names;     // folded name and aliases: "joe benton", "j benton"
  std::set<std::string> initials;  // family + first initial: "benton j"
  std::string orcid;               // bare; "" when not configured
};
Researcher researcher_of(const config::Profile& profile);

// What the listed papers say: their ids, titles, co-authors and categories.
struct ListedPapers {
  std::set<std::string> ids;     // canonical arXiv ids and lower-case DOIs
  std::set<std::string> titles;  // folded, 3+ words
  std::map<std::string, std::string> coauthor_names;  // initials key -> a display name
  std::map<std::string, int> coauthor_papers;         // initials key -> listed papers with them
  std::set<std::string> categories;
};
// From the config's papers (ids, manual titles and authors) and the store's
// records of them (all_papers()).
ListedPapers listed_papers(const config::Config& cfg, const std::vector<store::PaperDetail>& stored,
                           const Researcher& me);

// One paper found by discovery: what arXiv and/or Crossref said about it.
struct FoundPaper {
  std::optional<core::Record> arxiv;
  std::optional<core::Record> crossref;

  // The canonical arXiv id, else the DOI.
  std::string key() const;
  // Every id it is known by (see the header comment).
  std::set<std::string> ids() const;
};

// Groups search results by paper: a Crossref work joins the arXiv record with
// its DOI or the arXiv id its relations name. Works that are not papers
// (peer reviews, components, datasets, grants) are dropped. arXiv order first.
std::vector<FoundPaper> merge_found(const std::vector<core::Record>& arxiv, const std::vector<core::Record>& crossref);

// True when the paper is one of the listed ones (see the header comment).
bool is_listed(const FoundPaper& paper, const ListedPapers& listed);

struct Score {
  int points = 0;
  Band band = Band::unlikely;
  std::vector<std::string> reasons;  // "ORCID matches", "2 co-authors shared with your papers (A, B)" ...
};
Score score_paper(const FoundPaper& paper, const Researcher& me, const ListedPapers& listed);

// The candidate to store for a scored paper (state pending).
store::Candidate to_candidate(const FoundPaper& paper, const Score& score);

// The "family + first initial" key of a name: "Arnaud Doucet" and "A. Doucet"
// give "doucet a"; a one-word name gives itself folded; "" for an empty name.
std::string initials_key(std::string_view name);

}  // namespace scholard::discovery
