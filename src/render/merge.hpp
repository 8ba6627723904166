// Merge: one MergedPaper per configured paper, from the config's overrides
// and the sources' records.
//
// Per field the config override wins, then the records in the order
// render/ranking.hpp's table gives their roles: for most fields a DOI
// registry's record of the published version (any type except
// `posted-content`), then a preprint server's record, then a registry's
// record of a preprint, then nothing. The source of each field is kept
// (FieldSources: "config" or the record's source name) for `scholard show`
// and the JSON output. Records are read by their source's kind, never by
// its name: any number of sources of the known kinds merge.
//
// A paper is "published" when it has such a published-version record, a
// venue override, or a preprint server's evidence (a journal_ref or a DOI
// on its record). An unpublished paper with an arXiv id gets the venue
// "arXiv preprint arXiv:ID" and the year of its first version; a published
// one takes venue and year from the publication (a registry's record, the
// override, or the year written in the journal_ref). Link: override url,
// else https://doi.org/DOI when published with a DOI, else
// https://arxiv.org/abs/ID, else the DOI link, else none.
//
// Pure; never fails (missing data gives empty fields).
#pragma once

#include <vector>

#include "render/names.hpp"
#include "render/paper.hpp"

namespace scholard::render {

// Merges one paper; highlighting uses `matcher`. citation_key is left empty
// (it depends on the other papers: see assign_citation_keys).
MergedPaper merge_paper(const PaperInput& input, const NameMatcher& matcher);

// Merges every paper (hidden ones included, flagged), assigns citation keys
// and sorts: year descending (unknown years last), then config order.
std::vector<MergedPaper> merge_papers(const std::vector<PaperInput>& inputs, const Profile& profile);

// One of a paper's source records, borrowed from wherever the caller keeps
// it, with its source's kind (as SourceRecord).
struct RecordRef {
  core::SourceKind kind = core::SourceKind::doi_registry;
  const core::Record* record = nullptr;  // null: no record (skipped)
};
// A paper's records, in the source registry's order (as PaperInput::records).
using PaperRecords = std::vector<RecordRef>;

// merge_papers with the records beside the inputs instead of inside them:
// records[i] belongs to inputs[i] and, when it is not empty, is used
// instead of that input's own records (a missing or empty entry leaves the
// input's). For a caller that holds the records already
// (daemon::merged_papers: the store's list), so they are read where they
// are rather than copied into PaperInputs. They must outlive the call only.
std::vector<MergedPaper> merge_papers(const std::vector<PaperInput>& inputs, const std::vector<PaperRecords>& records,
                                      const Profile& profile);

// Year descending (0 last), then position ascending. Stable.
void sort_papers(std::vector<MergedPaper>& papers);

// The citation key before collision suffixes: folded ASCII family name of the
// first author ("anon" without authors), the year the entry shows (the
// venue's, not the first arXiv version's; "nd" if unknown) and the first
// significant word of the title: "benton2024nearly".
std::string base_citation_key(const MergedPaper& paper);

// Sets citation_key on every paper that has none yet: a key already set (the
// config's key = "...", or one an earlier sync wrote, given back by the
// caller) is kept, and no generated key takes it. Papers sharing a base key
// get suffixes a, b, c ... in config order (position).
void assign_citation_keys(std::vector<MergedPaper>& papers);

// An author's name as the sources display it: `name`, else "Given Family".
std::string author_display_name(const core::Author& author);

// exact: the same name with case and accents folded. first_and_last_word:
// also when the first and last words agree, so that a source adding or
// dropping a middle initial ("Marvin L. Li") still matches "Marvin Li".
enum class NameMatch { exact, first_and_last_word };
bool author_name_matches(std::string_view key, std::string_view source_name, NameMatch how);

// The name the config's author_names shows instead of `source_name`: an
// exact (folded) key first, else one whose first and last words agree; ""
// when it renames nobody of that name. The view lives as long as `overrides`.
std::string_view renamed_author(const Overrides& overrides, std::string_view source_name);

// Normalises a page range to "first–last" (en dash) from "-", "--", "–", "—"
// or "−" separators; other text is returned trimmed.
std::string normalize_pages(std::string_view pages);

}  // namespace scholard::render
