#include "render/ranking.hpp"

#include <array>
#include <cstddef>

namespace scholard::render {
namespace {

constexpr Role k_publication = Role::publication;
constexpr Role k_preprint = Role::preprint;
constexpr Role k_registered = Role::registered_preprint;
constexpr Role k_indexed = Role::indexed;

struct Row {
  RankedField field;
  std::array<Role, 4> roles;
  std::size_t count;
};

// THE table. What each role gives for a field, when it is not the field of
// the same name, is said beside it; merge.cpp implements those readings.
// A published version is preferred to a preprint for everything but the
// first-version year and the arXiv id; a preprint server's record to a
// registered preprint's (the preprint server is where the preprint lives:
// its TeX title and first version are the authors' own).
constexpr std::array<Row, 11> k_ranking = {{
    // indexed: last; an index's title and author names are a copy of someone else's.
    {RankedField::title, {k_publication, k_preprint, k_registered, k_indexed}, 4},
    {RankedField::authors, {k_publication, k_preprint, k_registered, k_indexed}, 4},
    // indexed: its venue when it knows one (a venue that is not a preprint server);
    // preprint: its journal_ref, else (unpublished, with an arXiv id) "arXiv preprint arXiv:ID".
    {RankedField::venue, {k_publication, k_indexed, k_preprint, k_registered}, 4},
    // indexed: the venue's year, only with its venue; preprint: when published (and no
    // venue override), the journal_ref's year, else the version's date; else the first
    // version's date.
    {RankedField::year, {k_publication, k_indexed, k_preprint, k_registered}, 4},
    {RankedField::first_version, {k_preprint, k_registered}, 2},
    // Only the published version has a volume, issue or pages (else its article number).
    // indexed: the venue's, only with its venue.
    {RankedField::volume, {k_publication, k_indexed}, 2},
    {RankedField::issue, {k_publication, k_indexed}, 2},
    {RankedField::pages, {k_publication, k_indexed}, 2},
    {RankedField::doi, {k_publication, k_preprint, k_registered, k_indexed}, 4},
    // publication: https://doi.org/DOI when the paper is published; preprint: the
    // arXiv abstract page; registered_preprint: https://doi.org/DOI.
    {RankedField::link, {k_publication, k_preprint, k_registered}, 3},
    // preprint: its arxiv_id; a registry's record: the arXiv id its relations name.
    // ... indexed: the arXiv id the index links the paper to.
    {RankedField::arxiv_id, {k_preprint, k_publication, k_registered, k_indexed}, 4},
}};

constexpr bool rows_in_field_order() {
  for (std::size_t i = 0; i < k_ranking.size(); ++i) {
    if (static_cast<std::size_t>(k_ranking[i].field) != i) return false;
  }
  return true;
}
static_assert(rows_in_field_order(), "k_ranking has one row per RankedField, in the enum's order");

}  // namespace

std::string_view to_string(Role role) {
  switch (role) {
    case Role::publication: return "publication";
    case Role::preprint: return "preprint";
    case Role::registered_preprint: return "registered-preprint";
    case Role::indexed: return "indexed";
  }
  return "publication";
}

Role role_of(core::SourceKind kind, const core::Record& record) {
  switch (kind) {
    case core::SourceKind::preprint_server: return Role::preprint;
    case core::SourceKind::doi_registry:
      return record.type == "posted-content" ? Role::registered_preprint : Role::publication;
    case core::SourceKind::bibliographic_index: return Role::indexed;
  }
  return Role::publication;  // not reached: the switch names every kind
}

std::string_view to_string(RankedField field) {
  switch (field) {
    case RankedField::title: return "title";
    case RankedField::authors: return "authors";
    case RankedField::venue: return "venue";
    case RankedField::year: return "year";
    case RankedField::first_version: return "first_version";
    case RankedField::volume: return "volume";
    case RankedField::issue: return "issue";
    case RankedField::pages: return "pages";
    case RankedField::doi: return "doi";
    case RankedField::link: return "link";
    case RankedField::arxiv_id: return "arxiv_id";
  }
  return "title";
}

std::span<const Role> ranking(RankedField field) {
  const Row& row = k_ranking[static_cast<std::size_t>(field)];
  return {row.roles.data(), row.count};
}

}  // namespace scholard::render
