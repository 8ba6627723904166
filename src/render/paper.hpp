// The render layer's own inputs and its merged paper.
//
// render does not know the config or the store: the engine maps a config
// [[paper]] plus the cached source records into a PaperInput, and the
// profile into a Profile. merge_papers (merge.hpp) turns PaperInputs into
// MergedPapers, which every renderer consumes. All plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/record.hpp"

namespace scholard::render {

// Whose list this is: their name is highlighted.
struct Profile {
  std::string name;
  std::vector<std::string> aliases;
  std::string orcid;  // bare or as a URL; may be empty
};

// The per-paper keys of a config [[paper]] that override what sources say.
// Empty strings / nullopt mean "not set".
struct Overrides {
  std::string title;
  std::vector<std::string> authors;  // a last element "others" = list cut short
  std::string venue;
  std::optional<int> year;
  std::string volume;
  std::string issue;
  std::string pages;
  std::string url;
  std::optional<int> max_authors;
  std::vector<std::string> equal_contribution;
  bool hidden = false;
  // al-folio's fields, passed through to the BibTeX and JSON outputs.
  bool selected = false;
  std::string abbr;  // venue badge
  std::string pdf;   // file name under al-folio's assets/pdf/, or an http(s) URL
  std::string code;  // http(s) URL
};

struct PaperInput {
  std::string key;       // canonical id (arXiv id, else DOI, else a manual key)
  int position = 0;      // order in the config, from 0
  std::string arxiv_id;  // canonical, unversioned; may be empty
  std::string doi;       // lower-case, bare; may be empty
  Overrides overrides;
  std::optional<core::Record> arxiv;
  std::optional<core::Record> crossref;
};

// Which source gave a merged field.
enum class Source { none, config, crossref, arxiv };
std::string_view to_string(Source s);

// What kind of publication, for entry types and categories.
enum class PaperKind { preprint, journal_article, proceedings_paper, chapter, other };
std::string_view to_string(PaperKind k);

struct MergedAuthor {
  std::string name;    // as displayed: "Given Family" or an organisation
  std::string given;   // empty for organisations / single names
  std::string family;
  std::string orcid;
  bool highlighted = false;
  bool equal_contribution = false;
};

// The source of every merged field, for `scholard show` and the JSON output.
struct FieldSources {
  Source title = Source::none;
  Source authors = Source::none;
  Source venue = Source::none;
  Source year = Source::none;
  Source volume = Source::none;
  Source issue = Source::none;
  Source pages = Source::none;
  Source url = Source::none;
  Source doi = Source::none;
};

// (field name, source) in a fixed order: title, authors, venue, year, volume,
// issue, pages, url, doi.
std::vector<std::pair<std::string_view, Source>> field_sources(const FieldSources& s);

// A byte range [begin, end) of MergedPaper::title to render emphasised.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

struct MergedPaper {
  std::string key;
  int position = 0;
  std::string citation_key;  // BibTeX key / CSL id, unique within one merge
  std::string arxiv_id;
  std::string doi;
  std::string title;        // plain text (LaTeX reduced, markup removed)
  std::string title_tex;    // the TeX source when the title came from arXiv/config; else ""
                            // (title_with_math() derives the math-kept title from it)
  std::vector<Span> title_emphasis;  // <i>/<em> of a Crossref title, as ranges of `title`
  std::vector<MergedAuthor> authors;
  bool authors_truncated = false;  // the source list itself is incomplete ("others")
  std::string venue;               // "arXiv preprint arXiv:ID" for a preprint
  PaperKind kind = PaperKind::other;
  bool published = false;
  int year = 0;                    // 0 = unknown
  core::PartialDate date;          // the fullest date consistent with `year`
  int first_version_year = 0;      // arXiv v1, else `year`
  std::string volume;
  std::string issue;
  std::string pages;               // "286–301" (en dash) or a single page/article number
  std::string url;
  std::string primary_category;
  std::optional<int> max_authors;  // per-paper override
  bool hidden = false;
  bool selected = false;           // al-folio's fields, from the config (Overrides)
  std::string abbr;
  std::string pdf;
  std::string code;
  FieldSources sources;
};

// `title`, but with TeX math spans kept verbatim (MathStyle::keep): computed
// from title_tex on demand, since only an output that asks for it needs it.
std::string title_with_math(const MergedPaper& paper);

}  // namespace scholard::render
