// The venues Semantic Scholar names, mapped to the names researchers write.
//
// S2 names a venue its own way: "Neural Information Processing Systems" for
// what a CV calls "Advances in Neural Information Processing Systems",
// "Journal of machine learning research" in lower case, and its `venue`
// string may be an abbreviation ("Nat. Mac. Intell."). This table maps S2's
// venue, found by its `publicationVenue.id` (a UUID, stable; only ids seen in
// recorded answers are listed) or else by any of its names (folded: case,
// accents and punctuation do not matter), to the full name, the short name
// and the kind of venue. Pure, no I/O.
//
// It also says which venues are preprint servers (arXiv, bioRxiv, medRxiv
// ...): S2 gives such a venue to papers that are preprints only, which is no
// publication (docs/sources.md, "Semantic Scholar").
#pragma once

#include <array>
#include <span>
#include <string_view>

namespace scholard::fetchers {

enum class VenueKind { conference, journal, preprint_server };

struct S2Venue {
  std::string_view s2_id;       // publicationVenue.id, "" when not confirmed
  std::string_view name;        // the full name, as rendered
  std::string_view short_name;  // "ICLR"; "" when the venue has none in use
  VenueKind kind;
  std::array<std::string_view, 6> aliases;  // other names S2 or people use ("" = unused)
};

// Every venue in the table.
std::span<const S2Venue> s2_venues();

// The entry for publicationVenue.id `s2_id`, else the first entry one of
// `names` (S2's publicationVenue.name and alternate names, `venue`,
// journal.name, in the caller's order) names; nullptr when none matches.
const S2Venue* find_s2_venue(std::string_view s2_id, std::span<const std::string_view> names);

// True when `name` is a preprint server's ("arXiv.org", "ArXiv",
// "arXiv: Learning", "bioRxiv" ...): no evidence of publication.
bool is_preprint_venue_name(std::string_view name);

// arXiv's publicationVenue.id in S2.
inline constexpr std::string_view k_s2_arxiv_venue_id = "1901e811-ee72-4b20-8f7e-de08cd395a10";

}  // namespace scholard::fetchers
