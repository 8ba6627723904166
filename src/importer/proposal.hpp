// What `scholard import` proposes: one [[paper]] entry per publication found
// in an existing page or BibTeX file, with where it came from, how sure the
// importer is of the id, and the overrides a render needs to reproduce what
// the source says (a venue that is not an arXiv preprint, a year, a link).
//
// Also the duplicate filter: papers already in the config (same arXiv id or
// DOI, or for manual entries the same folded title) are not proposed again.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/config.hpp"
#include "config/edit.hpp"
#include "core/identifier.hpp"

namespace scholard::importer {

enum class Certainty {
  certain,  // a link or a field names the id (arXiv abs/pdf link, doi field ...)
  likely,   // the id appears in free text (an "arXiv:XXXX" in the venue)
  manual,   // no id at all: a manual entry, rendered as written
};

std::string_view to_string(Certainty certainty);

struct Proposal {
  int line = 0;          // 1-based line in the source file
  Certainty certainty = Certainty::manual;
  std::string reason;    // "arXiv abs link", "eprint field", "no arXiv or DOI link (blog post)"
  std::optional<core::ArxivId> arxiv;
  std::optional<core::Doi> doi;
  std::string title;
  std::vector<std::string> authors;  // a last "others" means et al.
  std::string venue;                 // as written; "" when it is an arXiv preprint
  std::optional<int> year;
  std::string volume;
  std::string issue;
  std::string pages;
  std::optional<int> month;          // the page writes a month ("February 2024")
  std::string venue_as_written;      // the venue text, kept even when it names an arXiv preprint
  std::string url;                   // the link when it is not the id's own page
  std::optional<int> max_authors;    // authors shown before "et al." (id entries)
  std::vector<std::string> equal_contribution;
  std::vector<std::string> notes;    // extra remarks written as comments
  std::string bold_author;           // the author the source set in bold (the page's owner)
  bool selected = false;             // al-folio's fields of a BibTeX entry
  std::string abbr;
  std::string pdf;
  std::string code;
  std::string key;  // a BibTeX entry's citation key, kept so {% cite KEY %} still works
  std::vector<std::pair<std::string, std::string>> al_folio;  // config/al_folio.hpp's fields, in its order
  std::optional<bool> bibtex_show;
  bool abstract = false;  // the entry had an abstract: the sources' abstract is written
  std::string et_al;      // the page's text after a cut list, when it is not " et al."

  // The page's own text for fields where the sources say something else
  // (set by `import`'s comparison with the sources, cli/import_compare.hpp):
  // written as overrides so the first sync keeps what the page shows.
  struct PageText {
    std::string title;
    std::vector<std::string> authors;  // the whole list, when it differs in more than spellings
    std::vector<std::pair<std::string, std::string>> author_names;  // source's spelling -> page's
    std::string venue;
    std::optional<int> year;
    std::string volume;
    std::string issue;
    std::string pages;
    std::vector<std::string> reasons;  // "title: Crossref says \"...\"", written as comments
  } kept;

  bool is_manual() const { return !arxiv && !doi; }
  // "arXiv:2308.03686", "doi:10.1093/...", or "manual entry".
  std::string label() const;
};

// The entry as a [[paper]] table whose first comment is
// "FILE:LINE, certain: arXiv abs link" (`source_name` is FILE). Id entries
// carry the title as a comment and only the overrides; manual entries carry
// title, authors, venue, year as written.
config::PaperTable to_paper_table(const Proposal& proposal, std::string_view source_name);

// Papers already listed, keyed as the duplicate rule needs.
class KnownPapers {
 public:
  KnownPapers() = default;
  explicit KnownPapers(const std::vector<config::Paper>& papers);

  // The line of the config entry `p` duplicates (0 when the entry comes
  // from the same import and has no line), or nullopt when it is new.
  std::optional<int> find(const Proposal& p) const;
  // Remembers `p` (line 0) so a later duplicate in the same import is caught.
  void add(const Proposal& p);

 private:
  struct Known {
    std::string arxiv;
    std::string doi;
    std::string folded_title;  // manual entries only
    int line = 0;
  };
  std::vector<Known> m_known;
};

}  // namespace scholard::importer
