// Kept-text notices: a source changed a field that the config overrides with
// the researcher's own text (title, author_names / authors, venue, year,
// month, volume, issue, pages). The page keeps the researcher's text; the
// notice says so once, in the summary of the pass that stored the change
// ("2305.16860: arXiv now says title "X"; your page keeps "Y""), and
// `status` lists the latest such notice per paper and field from the
// store's history while the override and the source still differ
// (docs/user-guide.md, "When a source changes what your page keeps").
// Pure: the caller reads the store.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "daemon/sources.hpp"
#include "core/record.hpp"
#include "store/types.hpp"

namespace scholard::daemon {

struct KeptTextNotice {
  std::string paper_key;
  std::string source;          // the source's name
  std::string source_display;  // and how people know it ("arXiv")
  // "title", "authors", "venue", "year", "month", "volume", "issue", "pages";
  // "author": an author_names key the source now spells a little differently
  // (still applied); "author_names": a key no source name matches any more.
  std::string field;
  std::string source_value;  // what the source says now
  std::string kept;          // what the page keeps
  // "2305.16860: arXiv now says title "X"; your page keeps "Y""
  std::string text() const;
};

// The notices for a paper whose `source` record changed `changed_fields`
// (record_fields names) and now reads `record`. Only fields the paper
// overrides, and only where the source's new value differs from the
// override beyond whitespace (and, for pages, the range's dash).
// Which record fields hold the venue and the details depends on what kind
// of source it is (a preprint server's journal_ref; a registry's venue,
// volume, issue and pages).
std::vector<KeptTextNotice> kept_text_notices(const config::Paper& paper, const std::string& paper_key,
                                              const SourceInfo& source, const std::vector<std::string>& changed_fields,
                                              const core::Record& record);

// For `status`: from `history` (newest first), the latest notice per paper
// and field that still holds with the record the source keeps now
// (`record_of(key, source name)`, nullptr when none). Papers no longer listed
// in `cfg`, and changes of sources not in `sources`, are left out.
std::vector<store::KeptText> kept_text_from_history(
    const config::Config& cfg, const std::vector<store::HistoryEntry>& history,
    const std::function<const core::Record*(const std::string&, const std::string&)>& record_of,
    const SourceList& sources = registry_source_list());

}  // namespace scholard::daemon
