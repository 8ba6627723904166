#include "render/bibtex.hpp"

#include <algorithm>
#include <charconv>

#include "core/braces.hpp"
#include "core/month.hpp"
#include "render/escape.hpp"
#include "render/names.hpp"

namespace scholard::render {
namespace {

// The bytes of a verbatim field that would end it or the entry, %-encoded.
void append_percent_encoded(std::string& out, std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c != '{' && c != '}' && c != '\\' && c != '%' && c != ' ' && c != '"') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    out.push_back('%');
    out.push_back(k_hex[c >> 4]);
    out.push_back(k_hex[c & 0x0F]);
  }
  out.append(text.data() + run, text.size() - run);
}

// For verbatim fields (doi, eprint, a pdf file name): %-encodes what would
// end the field or the entry, keeps everything else as written (clean_text
// first, unless the value is printable ASCII, as ids are).
void append_verbatim(std::string& out, std::string_view s) {
  const bool plain = std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
  if (plain) return append_percent_encoded(out, s);
  append_percent_encoded(out, clean_text(s));
}

void append_raw(std::string& out, std::string_view s) { out += s; }

// ",\n  NAME = {VALUE}" with VALUE written by `append`, when `value` is not
// empty (none of the appenders turns a non-empty value into nothing).
template <typename Append>
void field(std::string& out, std::string_view name, std::string_view value, Append append) {
  if (value.empty()) return;
  out += ",\n  ";
  out += name;
  out += " = {";
  append(out, value);
  out += '}';
}

void latex_field(std::string& out, std::string_view name, std::string_view value) {
  field(out, name, value, append_latex_text);
}

// An http(s) URL (markdown_url's encoding), or nothing.
void url_field(std::string& out, std::string_view name, std::string_view url) {
  if (is_http_url(url)) field(out, name, url, append_markdown_url);
}

void append_bib_author(std::string& out, const MergedAuthor& a) {
  if (a.given.empty()) {
    out += '{';
    append_latex_text(out, a.family.empty() ? a.name : a.family);
    out += '}';
    return;
  }
  append_latex_text(out, a.family);
  // BibTeX's "von Last, Jr, First" keeps a suffix apart from the given names.
  if (const std::string_view suffix = name_suffix(a); !suffix.empty()) {
    out += ", ";
    append_latex_text(out, suffix);
  }
  out += ", ";
  append_latex_text(out, a.given);
}

// The author field, written straight into the entry.
void append_authors_field(std::string& out, const MergedPaper& paper) {
  if (paper.authors.empty() && !paper.authors_truncated) return;
  out += ",\n  author = {";
  for (std::size_t i = 0; i < paper.authors.size(); ++i) {
    if (i > 0) out += " and ";
    append_bib_author(out, paper.authors[i]);
  }
  if (paper.authors_truncated) out += paper.authors.empty() ? "others" : " and others";
  out += '}';
}

// "286–301" as "286--301", LaTeX-escaped.
void append_bib_pages(std::string& out, std::string_view pages) {
  constexpr std::string_view k_en_dash = "–";
  const auto at = pages.find(k_en_dash);
  if (at == std::string_view::npos) return append_latex_text(out, pages);
  append_latex_text(out, pages.substr(0, at));
  out += "--";
  append_latex_text(out, pages.substr(at + k_en_dash.size()));
}

struct EntryType {
  std::string_view type;
  std::string_view venue_field;
};

EntryType entry_type(PaperKind kind) {
  switch (kind) {
    case PaperKind::journal_article: return {"article", "journal"};
    case PaperKind::proceedings_paper: return {"inproceedings", "booktitle"};
    case PaperKind::chapter: return {"incollection", "booktitle"};
    case PaperKind::preprint: return {"misc", ""};
    case PaperKind::other: return {"misc", "howpublished"};
  }
  return {"misc", "howpublished"};
}

// al-folio's fields: a pdf containing "://" is a link (al-folio uses it as it
// is), anything else a file name under its assets/pdf/.
void append_al_folio_fields(std::string& out, const MergedPaper& paper, const BibtexOptions& options) {
  if (paper.selected) out += ",\n  selected = {true}";
  latex_field(out, "abbr", paper.abbr);
  if (paper.pdf.find("://") != std::string::npos) {
    url_field(out, "pdf", paper.pdf);
  } else {
    field(out, "pdf", paper.pdf, append_verbatim);
  }
  url_field(out, "code", paper.code);
  for (const ExtraField& f : paper.al_folio) {
    if (f.text) {
      // As written (al-folio renders these as Markdown); braces that do not
      // balance would end the entry, so such a value is escaped instead.
      field(out, f.name, f.value, core::tex_braces_balance(f.value) ? append_raw : append_latex_text);
    } else if (f.value.find("://") != std::string::npos) {
      url_field(out, f.name, f.value);
    } else {
      field(out, f.name, f.value, append_verbatim);
    }
  }
  latex_field(out, "abstract", paper.abstract);
  if (paper.bibtex_show.value_or(options.bibtex_show)) out += ",\n  bibtex_show = {true}";
}

void append_year_field(std::string& out, int year) {
  if (year <= 0) return;
  char buf[16];
  const auto end = std::to_chars(buf, buf + sizeof buf, year).ptr;
  out += ",\n  year = {";
  out.append(buf, static_cast<std::size_t>(end - buf));
  out += '}';
}

void append_entry(std::string& out, const MergedPaper& paper, const BibtexOptions& options) {
  const EntryType type = entry_type(paper.kind);
  out.append("@").append(type.type).append("{").append(paper.citation_key);
  const bool raw_tex = options.math == MathStyle::keep && !paper.title_tex.empty() && core::tex_braces_balance(paper.title_tex);
  if (raw_tex) {
    field(out, "title", clean_text(paper.title_tex), append_raw);
  } else {
    latex_field(out, "title", paper.title);
  }
  append_authors_field(out, paper);
  if (!type.venue_field.empty()) latex_field(out, type.venue_field, paper.venue);
  append_year_field(out, paper.year);
  // The config's month, as BibTeX's month macro (month = feb), unbraced so
  // styles print it in their own language.
  if (const std::string_view month = core::month_abbreviation(paper.month); !month.empty() && paper.year > 0) {
    out.append(",\n  month = ").append(month);
  }
  latex_field(out, "volume", paper.volume);
  latex_field(out, "number", paper.issue);
  field(out, "pages", paper.pages, append_bib_pages);
  field(out, "doi", paper.doi, append_verbatim);
  // markdown_url already %-encodes braces, spaces, quotes and backslashes;
  // its % signs are escapes of the URL and stay as they are.
  url_field(out, "url", paper.url);
  if (!paper.arxiv_id.empty()) {
    field(out, "eprint", paper.arxiv_id, append_verbatim);
    out += ",\n  archivePrefix = {arXiv}";
    field(out, "primaryClass", paper.primary_category, append_verbatim);
    field(out, "arxiv", paper.arxiv_id, append_verbatim);
  }
  append_al_folio_fields(out, paper, options);
  out += "\n}\n";
}

// Roughly the size of the file, so it is allocated once.
std::size_t size_estimate(const std::vector<MergedPaper>& papers) {
  std::size_t bytes = 0;
  for (const auto& p : papers) {
    bytes += 320 + p.title.size() + p.venue.size() + p.url.size() + p.doi.size() + 24 * p.authors.size();
  }
  return bytes;
}

void append_entries(std::string& out, const std::vector<MergedPaper>& papers, const BibtexOptions& options) {
  const std::size_t start = out.size();
  for (const auto& paper : papers) {
    if (paper.hidden) continue;
    if (out.size() != start) out += "\n";
    append_entry(out, paper, options);
  }
}

}  // namespace

std::string render_bibtex_entry(const MergedPaper& paper, const BibtexOptions& options) {
  std::string out;
  append_entry(out, paper, options);
  return out;
}

std::string render_bibtex(const std::vector<MergedPaper>& papers, const BibtexOptions& options) {
  std::string out;
  out.reserve(size_estimate(papers));
  append_entries(out, papers, options);
  return out;
}

void append_bibtex(std::string& out, const std::vector<MergedPaper>& papers, const BibtexOptions& options) {
  out.reserve(out.size() + output_size_estimate(papers));
  append_entries(out, papers, options);
}

}  // namespace scholard::render
