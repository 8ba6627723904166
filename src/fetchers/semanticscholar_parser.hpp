// Semantic Scholar's Academic Graph JSON → Records. Pure: strings in, values
// out, no I/O, no clock. Parsed with simdjson's DOM API (one parser per
// thread, reused); every string is copied out, so results never borrow from
// the parser. Every field of a paper is optional; a field of the wrong JSON
// type is treated as absent.
//
// Mapping of one paper object into core::Record (source "semanticscholar",
// kind bibliographic_index: see docs/sources.md, "Semantic Scholar"):
//   title → title_raw (as sent) and title (markup stripped, plain)
//   authors[].name → authors (name only), url → url
//   externalIds.DOI → doi (lower-cased; not for arXiv's 10.48550/arXiv.*)
//   externalIds.ArXiv → arxiv_id (canonical, unversioned)
//   relations: {"indexed-as", "dblp", externalIds.DBLP},
//              {"indexed-as", "semanticscholar-venue", publicationVenue.id},
//              {"indexed-as", "semanticscholar", paperId},
//              {"indexed-as", "semanticscholar-corpus", "CorpusId:" + externalIds.CorpusId},
//              each when known
// and the venue rule: a paper is PUBLISHED when S2 names a venue that is not
// a preprint server (publicationVenue.name, venue or journal.name) and its
// DBLP key, when it has one, is not a CoRR key (journals/corr/...). Then
//   venue / venue_short → the venue table's names (semanticscholar_venues.hpp),
//              else S2's publicationVenue.name, journal.name or venue
//   type → "proceedings-article" (conference) or "journal-article"
//   published → the VENUE's year: a published DBLP key's last two digits
//              (conf/iclr/BentonBDD24 → 2024); without a DBLP key and without
//              an arXiv id, S2's publicationDate (else year); otherwise empty,
//              since S2's year is the first arXiv version's
//   volume / issue / pages → journal.volume / .pages when they are the
//              venue's ("243:1-243:83" → issue 243, pages 1-83)
// A paper that is not published (arXiv-only) has type "preprint" and no
// venue, venue_short, volume, issue, pages or published.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"
#include "core/result.hpp"

namespace scholard::fetchers {

// Semantic Scholar's source name: Record::source, the registry's key and the
// net policy key of its requests (Request::source).
inline constexpr std::string_view k_semanticscholar_source = "semanticscholar";

// The paper fields asked for (`fields=`): what the record is made of.
inline constexpr std::string_view k_semanticscholar_fields =
    "paperId,externalIds,url,title,venue,publicationVenue,year,publicationDate,journal,authors,publicationTypes";

// One paper as parsed, with the hash of its JSON (minified) for FetchOutcome::raw_hash.
struct S2Paper {
  core::Record record;
  std::string raw_hash;
};

// A /paper/batch answer: a JSON array with one element per id asked, in
// order; std::nullopt where S2 answered null (it does not know the id).
// Errors (invalid_input): not JSON, not an array, an element neither an
// object nor null.
core::Result<std::vector<std::optional<S2Paper>>> parse_semanticscholar_batch(std::string_view json);

// One paper object (GET /paper/{id}). Errors as above.
core::Result<S2Paper> parse_semanticscholar_paper(std::string_view json);

// A list answer ({"data":[paper, ...]}: /paper/search, an author's papers),
// its papers in order. Errors (invalid_input): not JSON, no `data` array,
// an element that is not a paper object.
core::Result<std::vector<S2Paper>> parse_semanticscholar_list(std::string_view json);

// A /paper/search/match answer: {"data":[{... paper ..., "matchScore": N}]}.
struct S2Match {
  S2Paper paper;
  double match_score = 0;
};
// Errors (invalid_input): not JSON, no non-empty data array of objects.
core::Result<S2Match> parse_semanticscholar_match(std::string_view json);

// The record of a paper object already parsed into its fields; exposed for
// tests of the venue rule. `dblp_key` etc. are as S2 sent them.
struct S2Fields {
  std::string paper_id, title, url, doi, arxiv, dblp, corpus_id;
  std::string venue;                      // `venue`
  std::string venue_id, venue_name, venue_type;  // publicationVenue
  std::vector<std::string> venue_alternate_names;
  std::string journal_name, journal_volume, journal_pages;
  std::vector<std::string> publication_types;
  std::string publication_date;  // "2023-04-11"
  int year = 0;
  std::vector<std::string> authors;
};
core::Record semanticscholar_record(const S2Fields& f);

// The venue year a DBLP key gives: its trailing two digits (an optional
// final letter, a DBLP disambiguation suffix, is skipped) as 19xx from 50
// on, else 20xx; 0 for a CoRR key (journals/corr/...), for "" and for a key
// without trailing digits.
int dblp_venue_year(std::string_view key);

// The message S2 put in an error body ({"error": "..."} or {"message":
// "..."}), or "" when the body is not such JSON.
std::string semanticscholar_error_message(std::string_view body);

}  // namespace scholard::fetchers
