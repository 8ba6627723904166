// Ranking: which source's record gives each merged field, in one table.
//
// The merge does not know sources by name. It reads a record by its ROLE,
// which the record's source kind and type decide (role_of):
//  - publication: a DOI registry's record of the published version (any
//    type but "posted-content"; Crossref's journal-article, proceedings-article ...);
//  - preprint: a preprint server's record (arXiv's);
//  - registered_preprint: a DOI registry's record of a preprint
//    ("posted-content": a preprint that has its own DOI, say on SSRN);
//  - indexed: a bibliographic index's record (Semantic Scholar's): where the
//    paper was published, as the index knows it, when no DOI registry has
//    the published version.
// ranking(field) lists the roles that may give a field, best first; the
// config's override of a field always comes before all of them. Several
// records of one role (two DOI registries, say) are tried in PaperInput
// order: the first that has the field wins. A new source of a known kind
// therefore merges with no change here or in merge.cpp; a new KIND is a
// compile error in role_of (a switch without default), where its role must
// be decided. Special rules of a role (the synthesized "arXiv preprint
// arXiv:ID" venue, the journal_ref's year ...) live in merge.cpp, at the
// rank this table gives that role.
#pragma once

#include <span>
#include <string_view>

#include "core/record.hpp"

namespace scholard::render {

enum class Role { publication, preprint, registered_preprint, indexed };
std::string_view to_string(Role role);  // "publication", "preprint", "registered-preprint", "indexed"

// The role of a record that a source of kind `kind` gave.
Role role_of(core::SourceKind kind, const core::Record& record);

// The merged fields that are ranked. first_version is the year of a
// preprint's first version (citation keys); arxiv_id the paper's arXiv id
// when the config gives none.
enum class RankedField { title, authors, venue, year, first_version, volume, issue, pages, doi, link, arxiv_id };
std::string_view to_string(RankedField field);

// The roles that may give `field`, best first (the config comes before
// them all). A role that is not listed never gives the field.
std::span<const Role> ranking(RankedField field);

}  // namespace scholard::render
