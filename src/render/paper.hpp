// The render layer's own inputs and its merged paper.
//
// render does not know the config or the store: the engine maps a config
// [[paper]] plus the cached source records into a PaperInput, and the
// profile into a Profile. merge_papers (merge.hpp) turns PaperInputs into
// MergedPapers, which every renderer consumes. All values: a copy is
// independent of what it was copied from (AuthorList included).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/record.hpp"

namespace scholard::render {

// Whose list this is: their name is highlighted.
// A venue as the researcher writes it ([venues] in the config): a source
// that names `source_name` (in any case or accents) is shown as `preferred`.
struct VenueName {
  std::string source_name;
  std::string preferred;
};

struct Profile {
  std::string name;
  std::vector<std::string> aliases;
  std::string orcid;  // bare or as a URL; may be empty
  std::vector<VenueName> venue_names = {};
};

// One of al-folio's other per-paper fields (preview, html, award ...): its
// BibTeX name and value, already validated by the config. `text` values
// (award, additional_info, annotation) are written as given, since al-folio
// renders them as Markdown; the others are links ("://") or file names / ids.
struct ExtraField {
  std::string name;
  std::string value;
  bool text = false;
  friend bool operator==(const ExtraField&, const ExtraField&) = default;
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
  std::string pages;  // kept as written for the Markdown style (MergedPaper::pages_as_written)
  std::optional<int> month;  // 1..12
  // A source's spelling of an author -> the name to show (matched folded).
  std::vector<std::pair<std::string, std::string>> author_names;
  std::string url;
  std::optional<int> max_authors;
  std::vector<std::string> equal_contribution;
  bool hidden = false;
  bool not_an_author = false;  // the researcher knows they are not among its authors (screen.hpp)
  // al-folio's fields, passed through to the BibTeX and JSON outputs.
  bool selected = false;
  std::string abbr;  // venue badge
  std::string pdf;   // file name under al-folio's assets/pdf/, or an http(s) URL
  std::string code;  // http(s) URL
  std::string citation_key;  // the config's key = "...": kept as the citation key
  std::string et_al;         // the text after a cut author list, "" = the output's
  // al-folio's other fields (config/al_folio.hpp), already validated, in the
  // order the BibTeX output writes them.
  std::vector<ExtraField> al_folio = {};
  std::optional<bool> bibtex_show = {};  // this entry's bibtex_show, whatever the output says
  bool abstract = false;                 // write the sources' abstract
};

// One source's record of a paper, with the kind of source that said it
// (the merge reads a record by its source's kind: render/ranking.hpp).
struct SourceRecord {
  core::SourceKind kind = core::SourceKind::doi_registry;
  core::Record record;  // record.source names the source ("arxiv")
};

struct PaperInput {
  std::string key;       // canonical id (arXiv id, else DOI, else a manual key)
  int position = 0;      // order in the config, from 0
  std::string arxiv_id;  // canonical, unversioned; may be empty
  std::string doi;       // lower-case, bare; may be empty
  Overrides overrides;
  // The sources' records, in the source registry's order (which decides
  // between two records of one role: the first wins). Any number.
  std::vector<SourceRecord> records;
};

// What FieldSources names for a field the config's overrides gave.
inline constexpr std::string_view k_config_source = "config";

// What kind of publication, for entry types and categories.
enum class PaperKind { preprint, journal_article, proceedings_paper, chapter, other };
std::string_view to_string(PaperKind k);

// One author of a merged paper. The views borrow from the paper's AuthorList
// (or, for one pushed into a list, from whatever the caller built it from);
// they live while that list lives and is not changed.
struct MergedAuthor {
  std::string_view name;    // as displayed: "Given Family" or an organisation
  std::string_view given;   // empty for organisations / single names
  std::string_view family;
  std::string_view orcid;
  bool highlighted = false;
  bool equal_contribution = false;
};

// The authors of a merged paper, their texts in one buffer. A list names
// many authors per paper, most of them longer than a std::string's 15-byte
// inline buffer: one allocation (and free) per name would cost more than the
// rest of the merge. Read by index or iteration, which
// give MergedAuthor views by value (`const MergedAuthor& a = list[i]` binds
// to that temporary, as a range-for does). Copies are deep and independent.
class AuthorList {
 public:
  class Iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = MergedAuthor;
    using difference_type = std::ptrdiff_t;
    using reference = MergedAuthor;
    using pointer = void;
    Iterator() = default;
    Iterator(const AuthorList* list, std::size_t index) : m_list(list), m_index(index) {}
    MergedAuthor operator*() const { return (*m_list)[m_index]; }
    Iterator& operator++() {
      ++m_index;
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++m_index;
      return before;
    }
    friend bool operator==(const Iterator&, const Iterator&) = default;

   private:
    const AuthorList* m_list = nullptr;
    std::size_t m_index = 0;
  };

  std::size_t size() const { return m_entries.size(); }
  std::size_t text_size() const { return m_text.size(); }  // bytes of all texts (slices not counted twice)
  bool empty() const { return m_entries.empty(); }
  MergedAuthor operator[](std::size_t i) const {  // i < size()
    const Entry& e = m_entries[i];
    return {view(e.name), view(e.given), view(e.family), view(e.orcid), e.highlighted, e.equal_contribution};
  }
  MergedAuthor front() const { return (*this)[0]; }
  MergedAuthor back() const { return (*this)[size() - 1]; }
  Iterator begin() const { return {this, 0}; }
  Iterator end() const { return {this, size()}; }

  // Appends a copy of `author` (texts and flags). Its views must not borrow
  // from this list. The texts of one list are cut at 4 GiB in total (no real
  // author list comes near).
  void push_back(const MergedAuthor& author);
  // Room for `authors` more authors with `text_bytes` more bytes of text.
  void reserve(std::size_t authors, std::size_t text_bytes);
  void set_highlighted(std::size_t i, bool on) { m_entries[i].highlighted = on; }
  void set_equal_contribution(std::size_t i, bool on) { m_entries[i].equal_contribution = on; }

 private:
  struct Text {
    std::uint32_t at = 0;
    std::uint32_t size = 0;
  };
  struct Entry {
    Text name;
    Text given;
    Text family;
    Text orcid;
    bool highlighted = false;
    bool equal_contribution = false;
  };
  Text put(std::string_view s);
  // Texts always lie inside m_text (put() made them).
  std::string_view view(Text t) const { return {m_text.data() + t.at, t.size}; }

  std::string m_text;  // every author's texts, back to back
  std::vector<Entry> m_entries;
};

// The source of every merged field, for `scholard show` and the JSON output:
// "config" (k_config_source), the name of the source whose record gave it
// ("arxiv"), or "" when nobody did.
struct FieldSources {
  std::string title;
  std::string authors;
  std::string venue;
  std::string year;
  std::string volume;
  std::string issue;
  std::string pages;
  std::string url;
  std::string doi;
};

// (field name, source) in a fixed order: title, authors, venue, year, volume,
// issue, pages, url, doi. The views borrow from `s`.
std::vector<std::pair<std::string_view, std::string_view>> field_sources(const FieldSources& s);

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
  std::string title_tex;    // the TeX source when the title came from a preprint server or the config; else ""
                            // (title_with_math() derives the math-kept title from it)
  std::vector<Span> title_emphasis;  // <i>/<em> of a DOI registry's title, as ranges of `title`
  AuthorList authors;
  bool authors_truncated = false;  // the source list itself is incomplete ("others")
  std::string venue;               // "arXiv preprint arXiv:ID" for a preprint
  PaperKind kind = PaperKind::other;
  bool published = false;
  int year = 0;                    // 0 = unknown
  core::PartialDate date;          // the fullest date consistent with `year`
  int first_version_year = 0;      // a preprint's first version (arXiv v1), else `year`
  std::string volume;
  std::string issue;
  std::string pages;               // "286–301" (en dash) or a single page/article number
  // The config's pages exactly as written ("1−83"), "" when they come from a
  // source: the Markdown style shows the researcher's text, while BibTeX and
  // CSL-JSON keep the normalised range their formats expect.
  std::string pages_as_written;
  int month = 0;                   // the config's month (1..12), 0 = none: "February 2024"
  std::string url;
  std::string primary_category;
  std::optional<int> max_authors;  // per-paper override
  bool hidden = false;
  bool not_an_author = false;      // Overrides::not_an_author
  bool from_sources = false;       // a record other than an index's was merged (else only the config speaks)
  bool selected = false;           // al-folio's fields, from the config (Overrides)
  std::string abbr;
  std::string pdf;
  std::string code;
  FieldSources sources;
  bool key_pinned = false;  // citation_key came from the config (Overrides::citation_key)
  std::string et_al;        // Overrides::et_al
  std::vector<ExtraField> al_folio = {};  // Overrides::al_folio
  std::optional<bool> bibtex_show = {};
  std::string abstract;     // the sources' abstract, only when Overrides::abstract asks for it
};

// About the bytes of the largest single-file output of `papers` (the JSON
// data file). The append_* renderers reserve this much in the caller's
// buffer whichever output comes first, so a buffer reused across a pass's
// outputs (daemon::render_outputs) is allocated once and its pages are
// faulted in once; pages it never writes cost nothing.
std::size_t output_size_estimate(const std::vector<MergedPaper>& papers);

// `title`, but with TeX math spans kept verbatim (MathStyle::keep): computed
// from title_tex on demand, since only an output that asks for it needs it.
std::string title_with_math(const MergedPaper& paper);

}  // namespace scholard::render
