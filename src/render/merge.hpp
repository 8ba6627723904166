// Merge: one MergedPaper per configured paper, from the config's overrides,
// the Crossref record and the arXiv record.
//
// Per field the config override wins, then Crossref — but only when the
// Crossref record describes the published version (any type except
// `posted-content`) — then arXiv, then nothing. The source of each field is
// kept (FieldSources) for `scholard show` and the JSON output.
//
// A paper is "published" when it has such a Crossref record, a venue
// override, or arXiv evidence (a journal_ref or a DOI on the arXiv record).
// An unpublished arXiv paper gets the venue "arXiv preprint arXiv:ID" and the
// year of its first version; a published one takes venue and year from the
// publication (Crossref, override, or the year written in the journal_ref).
// Link: override url, else https://doi.org/DOI when published with a DOI,
// else https://arxiv.org/abs/ID, else the DOI link, else none.
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

// A paper's source records, borrowed from wherever the caller keeps them.
struct PaperRecords {
  const core::Record* arxiv = nullptr;
  const core::Record* crossref = nullptr;
};

// merge_papers with the records beside the inputs instead of inside them:
// records[i] belongs to inputs[i], and each pointer that is set is used
// instead of that input's own record (a missing entry or a null pointer
// leaves the input's). For a caller that holds the records already
// (daemon::merged_papers: the store's list), so they are read where they
// are rather than copied into PaperInputs. They must outlive the call only.
std::vector<MergedPaper> merge_papers(const std::vector<PaperInput>& inputs, const std::vector<PaperRecords>& records,
                                      const Profile& profile);

// Year descending (0 last), then position ascending. Stable.
void sort_papers(std::vector<MergedPaper>& papers);

// The citation key before collision suffixes: folded ASCII family name of the
// first author ("anon" without authors), the year of the first version ("nd"
// if unknown) and the first significant word of the title:
// "benton2022denoising".
std::string base_citation_key(const MergedPaper& paper);

// Sets citation_key on every paper. Papers sharing a base key get suffixes
// a, b, c ... in config order (position), so keys are stable across runs.
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
